// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The unchecked exceptions of influence4j, rooted at
 * {@link io.github.influence4j.core.exception.InfluenceException}. They live in a package of their
 * own so that every other package (the store, the scoring engine, capture) can throw them without
 * depending on one another.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.exception;
