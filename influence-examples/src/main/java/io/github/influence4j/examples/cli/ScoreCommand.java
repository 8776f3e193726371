// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.exception.ScorerNotFoundException;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code influence4j score}: runs any scorer found through {@link InfluenceScorers} (built-in or a
 * third-party jar on the classpath) on a file store and writes the scores as CSV or {@code .npy}.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score every example of a store with a scorer found on the classpath.",
            "'score --list' shows the scorers, what they need and their options."})
final class ScoreCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--list", description = "List the scorers on the classpath and exit.")
    boolean list;

    @Option(names = "--store", paramLabel = "DIR", description = "The artifact store's directory (holds manifest.json).")
    Path store;

    @Option(names = "--scorer", paramLabel = "NAME", description = "The scorer's name, as 'score --list' prints it.")
    String scorer;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "A scorer option (repeatable); unknown keys and bad values are errors.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the scores to FILE.csv or FILE.npy.")
    Path out;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10",
            description = "Print the K hardest examples (default: ${DEFAULT-VALUE}; 0: none).")
    int top;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "0",
            description = "Examples read per chunk (default: the store's). Scores do not depend on it.")
    int chunkSize;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            printList(o, InfluenceScorers.available());
            return ExitCodes.OK;
        }
        if (store == null || scorer == null) {
            throw new ParameterException(spec.commandLine(), "score needs --store DIR and --scorer NAME (or --list)");
        }
        if (top < 0 || chunkSize < 0) {
            throw new ParameterException(spec.commandLine(), "--top and --chunk-size must be >= 0");
        }
        if (out != null) {
            try {
                ScoreFiles.checkWritable(out);
            } catch (CliException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, out.toString());
            }
        }
        // Resolve the name and the options before touching the store, so a typo fails fast.
        try {
            InfluenceScorers.definition(scorer).parse(options);
        } catch (ConfigurationException | ScorerNotFoundException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, scorer + " " + options);
        }
        try (TrainingArtifactStore s = StoreArgs.open(store)) {
            InfluenceScorer sc = InfluenceScorers.create(scorer, s, options);
            Progress progress = progress();
            long t0 = System.nanoTime();
            InfluenceScores scores = sc.score(ScoreRequest.builder().listener(progress.scoringListener())
                    .chunkSize(chunkSize).build());
            double secs = (System.nanoTime() - t0) / 1e9;
            printSummary(o, scores, s, secs);
            ScoreTable.printHardest(o, scores, top);
            if (out != null) {
                ScoreFiles.write(scores, out);
                o.println("wrote " + out);
            }
        }
        return ExitCodes.OK;
    }

    private static void printSummary(PrintWriter o, InfluenceScores scores, TrainingArtifactStore s, double secs) {
        double[] v = scores.values();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
                finite++;
            }
        }
        o.printf(Locale.ROOT, "%s: %d examples of store '%s' scored in %.2f s (%s; %d checkpoints used)%n",
                scores.name(), scores.size(), s.id(), secs,
                scores.orientation() == Orientation.HIGHER_IS_HARDER ? "higher is harder" : "lower is harder",
                scores.provenance().checkpoints().size());
        if (finite > 0) {
            o.printf(Locale.ROOT, "  min %.6g  mean %.6g  max %.6g%s%n", min, sum / finite, max,
                    finite < v.length ? "  (" + (v.length - finite) + " non-finite)" : "");
        }
    }

    /**
     * Prints each provider: name, required artifacts, description, options.
     *
     * @param o where to print
     * @param providers the scorer definitions
     */
    static void printList(PrintWriter o, List<ScorerDefinition> providers) {
        if (providers.isEmpty()) {
            o.println("No scorers found on the classpath. Built-in scorers come with influence-scorers; a"
                    + " third-party jar needs a META-INF/services/" + InfluenceScorerProvider.class.getName() + " entry.");
            return;
        }
        o.println(providers.size() + " scorers on the classpath:");
        for (ScorerDefinition p : providers) {
            Set<String> kinds = new TreeSet<>();
            for (ArtifactKind k : p.requiredArtifacts()) {
                kinds.add(k.name());
            }
            o.println();
            o.println("  " + p.name() + "   requires " + String.join(", ", kinds) + "   ("
                    + (p.orientation() == Orientation.HIGHER_IS_HARDER ? "higher" : "lower") + " is harder; "
                    + InfluenceScorers.providerOf(p) + ")");
            o.println("      " + p.description());
            for (Map.Entry<String, String> e : p.optionHelp().entrySet()) {
                o.printf(Locale.ROOT, "      --option %-24s %s%n", e.getKey() + "=...", e.getValue());
            }
        }
    }
}
