// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import io.github.influence4j.core.exception.InfluenceException;

/** A run directory's results files are missing, unreadable or of an unknown format. */
public final class ResultsException extends InfluenceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, and what to do
     */
    public ResultsException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where, and what to do
     * @param cause the underlying failure
     */
    public ResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
