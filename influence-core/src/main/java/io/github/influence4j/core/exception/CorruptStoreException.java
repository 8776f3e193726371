// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.exception;

/**
 * A store's bytes are damaged: a truncated chunk, a checksum (CRC32C, SHA-256) or length mismatch, an unreadable manifest.
 */
public class CorruptStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, expected versus actual, and the next step
     */
    public CorruptStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, expected versus actual, and the next step
     * @param cause the underlying failure
     */
    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
