// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import picocli.CommandLine.Option;

/**
 * Options every subcommand accepts ({@code --debug}, {@code --verbose}, {@code --no-progress}),
 * mixed into each so they work before or after the subcommand's name.
 */
public final class GlobalOptions {
    @Option(names = "--debug", description = "Print stack traces of errors and DEBUG logs.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Print INFO logs.")
    boolean verbose;

    @Option(names = "--no-progress", description = "No progress bars (they are off anyway when stderr is not a terminal).")
    boolean noProgress;

    /** Creates the options with their defaults (picocli fills them in). */
    public GlobalOptions() {
    }
}
