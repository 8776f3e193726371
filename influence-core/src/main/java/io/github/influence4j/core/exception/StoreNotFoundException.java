// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * No store exists where one was expected (no {@code manifest.json} in the directory).
 */
public class StoreNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public StoreNotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public StoreNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
