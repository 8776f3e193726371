// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * Root of every exception influence4j throws for a failure the user can act on. All are unchecked.
 *
 * <p>Subtypes say which part failed: {@link StoreException} (the artifact store),
 * {@link ConfigurationException} (options, missing artifact kinds), {@link ScorerNotFoundException}
 * and {@link AmbiguousScorerException} (discovery), {@link NumericalException} (NaN/Inf),
 * {@link CancelledException} and {@link BackendUnavailableException}. Messages state what failed,
 * where, expected versus actual, and what to do next.
 */
public class InfluenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public InfluenceException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure, never dropped
     */
    public InfluenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
