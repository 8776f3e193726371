// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.snli;

import io.github.influence4j.core.exception.InfluenceException;

/** A corpus or embedding file is malformed; the message names the file and the line. */
public class SnliFormatException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with file, line, expected versus actual */
    public SnliFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, with file, line, expected versus actual
     * @param cause the underlying failure
     */
    public SnliFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
