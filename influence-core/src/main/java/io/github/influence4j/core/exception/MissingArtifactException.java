// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * A scorer needs an artifact kind (or layer) that the store does not hold.
 */
public class MissingArtifactException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public MissingArtifactException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public MissingArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
