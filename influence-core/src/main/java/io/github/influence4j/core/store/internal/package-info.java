// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Checks and messages shared by the store implementations in {@code core.store.file} and
 * {@code core.store.memory}, so that both reject the same write and answer the same read with the
 * same exception and message. Public only because the two implementations live in two packages:
 * <strong>no compatibility promise</strong>; not for use outside influence4j.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store.internal;
