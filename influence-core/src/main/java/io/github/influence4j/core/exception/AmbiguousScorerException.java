// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * Two discovered scorer providers share one name; the message names both classes.
 */
public class AmbiguousScorerException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public AmbiguousScorerException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public AmbiguousScorerException(String message, Throwable cause) {
        super(message, cause);
    }
}
