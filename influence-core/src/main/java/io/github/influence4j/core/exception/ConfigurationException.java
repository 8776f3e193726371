// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * A scorer, store writer or policy was configured wrongly: an unknown or unparsable option, an out-of-range value, or an inconsistent combination.
 */
public class ConfigurationException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
