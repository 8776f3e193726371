// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.ScoreProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The root {@code influence4j} command: prints usage when run without a subcommand.
 */
@Command(name = "influence4j", mixinStandardHelpOptions = true, versionProvider = Influence4jCommand.Version.class,
        description = {"Influence and data-difficulty scores for training data (Tan, Minakova and Anand, EMNLP 2023).",
            "Start with '@|bold influence4j snli-prune --quick|@' (real data, about 10 minutes) or"
                    + " '@|bold influence4j demo|@' (synthetic, under a minute)."},
        subcommands = {SnliPruneCommand.class, DemoCommand.class, ScoreCommand.class, InspectCommand.class,
            SelectCommand.class, ReportCommand.class, EvaluateCommand.class, ExplainCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 the job failed on its input, 2 bad command line, 70 internal error, 130 cancelled."})
public final class Influence4jCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** Creates the command (picocli fills in its fields). */
    public Influence4jCommand() {
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** @return the root's global options (set when given before the subcommand's name) */
    GlobalOptions global() {
        return global;
    }

    /** The version: influence4j's, Java's and the platform's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"influence4j " + ScoreProvenance.currentLibraryVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")};
        }
    }
}
