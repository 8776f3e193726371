// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

/**
 * The exit codes of the {@code influence4j} command. Scripts can tell a usage mistake (fix the
 * command line) from a failure of the job (fix the input) from a bug (report it).
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The job failed on its input: missing or damaged store, unknown scorer, bad option value, I/O error. */
    public static final int FAILED = 1;
    /** The command line itself is wrong: unknown option, missing parameter, unparsable value. */
    public static final int USAGE = 2;
    /** Interrupted or cancelled by the user. */
    public static final int CANCELLED = 130;
    /** An unexpected internal error (a bug): please report it with the {@code --debug} output. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
