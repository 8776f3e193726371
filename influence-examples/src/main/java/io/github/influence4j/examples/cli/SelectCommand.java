// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.selection.Selection;
import io.github.influence4j.core.selection.SelectionPolicy;
import io.github.influence4j.core.selection.Selections;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code influence4j select}: applies a selection policy ({@code core.selection}, e.g.
 * {@code prune-easy:0.3}) to a scores file and writes the kept example ids.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Apply a selection policy to a scores file and write the kept example ids.",
            "Policies: prune-easy:0.3, keep-hard:0.5, softmax:temperature=0.5,keep=0.7, linear:keep=0.7,",
            "random:prune=0.3, stratified:keep=0.7 ('select --list-policies' for all)."})
final class SelectCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--list-policies", description = "List the policies and their parameters, and exit.")
    boolean listPolicies;

    @Option(names = "--scores", paramLabel = "FILE", description = "Scores written by 'score --out' (.csv or .npy).")
    Path scores;

    @Option(names = "--policy", paramLabel = "SPEC", description = "The policy, e.g. prune-easy:0.3.")
    String policy;

    @Option(names = "--labels", paramLabel = "STORE|FILE",
            description = "Labels, for class-balanced policies and per-class counts: a store directory or a CSV"
                    + " of example_id,label.")
    Path labels;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of sampling policies (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--orientation", paramLabel = "O",
            description = "Which end is hard, HIGHER_IS_HARDER or LOWER_IS_HARDER (needed for .npy scores).")
    Orientation orientation;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the kept ids (.csv, .txt: one per line).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (listPolicies) {
            for (Map.Entry<String, String> e : Selections.usage().entrySet()) {
                o.println("  " + e.getValue());
            }
            return ExitCodes.OK;
        }
        if (scores == null || policy == null || out == null) {
            throw new ParameterException(spec.commandLine(), "select needs --scores FILE, --policy SPEC and --out FILE"
                    + " (or --list-policies)");
        }
        String ext = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!ext.endsWith(".csv") && !ext.endsWith(".txt")) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": the file name must end in .csv or .txt");
        }
        SelectionPolicy p;
        try {
            p = Selections.parse(policy);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--policy: " + e.getMessage(), e, null, policy);
        }
        InfluenceScores s = ScoresFile.read(scores, Optional.ofNullable(orientation));
        long infinite = java.util.Arrays.stream(s.values()).filter(Double::isInfinite).count();
        if (infinite > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "note: %d of %d scores in %s are infinite (e.g. forgetting's"
                    + " never-learned value); they sort as the largest or smallest values%n", infinite, s.size(), scores);
        }
        int[] y = labels == null ? new int[0] : LabelsFile.read(labels, s.exampleIds());
        if (labels == null) {
            spec.commandLine().getErr().println("note: the example ids of " + scores + " were not checked against a"
                    + " store (ids 0.." + s.exampleIds()[s.size() - 1] + "); pass --labels STORE to check them");
        }
        if (p.usesLabels() && labels == null) {
            throw new CliException("policy " + p.spec() + " balances classes: pass --labels (a store directory or a CSV"
                    + " of example_id,label)");
        }
        Selection sel = p.select(s, y, seed);
        write(sel, out, ext.endsWith(".csv"));
        o.printf(Locale.ROOT, "%s on %s (%s): kept %d of %d examples, pruned %d%n", sel.spec(), s.name(),
                s.orientation() == Orientation.HIGHER_IS_HARDER ? "higher is harder" : "lower is harder",
                sel.keptCount(), sel.total(), sel.prunedCount());
        if (!sel.classCountsBefore().isEmpty()) {
            o.println("  per class: " + sel.classCountsBefore() + " -> " + sel.classCountsAfter());
        }
        o.println("wrote " + out);
        return ExitCodes.OK;
    }

    private static void write(Selection sel, Path out, boolean csv) throws IOException {
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            if (csv) {
                w.write("# " + sel.spec() + " seed=" + sel.seed() + " score=" + sel.scoreName() + "\n");
                w.write("example_id\n");
            }
            for (int id : sel.keptIds()) {
                w.write(id + "\n");
            }
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
