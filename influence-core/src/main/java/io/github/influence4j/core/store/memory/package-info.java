// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The store held in memory: {@link io.github.influence4j.core.store.memory.MemoryStores} creates
 * one; the implementation is package-private. The same interface and the same checks as the file
 * store (both call {@code core.store.internal}), for tests and small runs.
 *
 * <p>A package of its own rather than part of {@code core.store}: {@code core.store} holds only
 * the API, which both implementations depend on, so neither implementation can live there without
 * the API depending on it in turn; and beside the file store's internals it would see more than
 * it needs.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store.memory;
