// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code influence4j} subcommand has: its picocli spec (for its output streams), the
 * root command (for global options given before the subcommand's name) and the global options
 * given after it. Picocli injects these annotated fields into subclasses too.
 */
abstract class Subcommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Influence4jCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** @return progress bars and log levels as the global options given before or after the subcommand ask */
    Progress progress() {
        return Progress.of(spec.commandLine().getErr(), global, root == null ? new GlobalOptions() : root.global());
    }
}
