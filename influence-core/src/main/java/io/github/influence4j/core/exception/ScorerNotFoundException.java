// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * No scorer provider with the requested name was discovered; the message lists those available.
 */
public class ScorerNotFoundException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public ScorerNotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public ScorerNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
