// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

/** What a store does when a floating-point artifact it reads holds NaN or infinity. */
public enum NonFinitePolicy {
    /** Fail with a {@link io.github.influence4j.core.exception.NumericalException} naming checkpoint, example and kind (default). */
    FAIL,
    /** Return the values as they are; the caller takes responsibility. */
    ALLOW
}
