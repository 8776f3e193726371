// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The {@code influence4j} command line (picocli): {@code score}, {@code inspect}, {@code select},
 * {@code report} and {@code demo}. {@link io.github.influence4j.examples.cli.Main} is the entry
 * point of the shaded jar that the {@code ./influence4j} launcher runs. User mistakes end in one
 * line on stderr and a non-zero exit code ({@link io.github.influence4j.examples.cli.ExitCodes});
 * {@code --debug} adds the stack trace.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples.cli;
