// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * NaN or infinity where a finite value is required; the message names the checkpoint, the example and the artifact kind.
 */
public class NumericalException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public NumericalException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public NumericalException(String message, Throwable cause) {
        super(message, cause);
    }
}
