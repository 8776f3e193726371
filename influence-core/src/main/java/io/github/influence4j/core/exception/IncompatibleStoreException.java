// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * A store exists but cannot be used: a newer format version, or counts, shapes or dtypes that disagree with the manifest or with another store.
 */
public class IncompatibleStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public IncompatibleStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public IncompatibleStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
