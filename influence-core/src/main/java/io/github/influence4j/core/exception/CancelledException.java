// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * A scoring run was cancelled through its {@link io.github.influence4j.core.CancellationToken}.
 */
public class CancelledException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public CancelledException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public CancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
