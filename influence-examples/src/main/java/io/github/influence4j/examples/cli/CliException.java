// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

/**
 * A user mistake found by the CLI itself (a file that is not there, an output extension it cannot
 * write, a bad policy spec): reported as one line on stderr with exit code {@link ExitCodes#FAILED}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do about it
     */
    public CliException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do about it
     * @param cause the underlying failure (shown with {@code --debug})
     */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
