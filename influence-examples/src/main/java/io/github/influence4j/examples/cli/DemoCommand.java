// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.examples.demo.SyntheticData;
import io.github.influence4j.examples.demo.SyntheticPruning;
import io.github.influence4j.examples.demo.SyntheticTraining;
import io.github.influence4j.examples.report.ReportWriter;
import io.github.influence4j.examples.report.RunResults.DetectionResult;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import io.github.influence4j.examples.report.RunResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code influence4j demo}: the whole pipeline on a synthetic task that needs nothing but Java:
 * train with capture into a file store, score with every applicable scorer on the classpath, show
 * where the planted mislabelled examples land, prune and retrain, and write results plus a report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The whole pipeline on synthetic data, in a minute.",
        description = {"End-to-end on synthetic data (needs only Java): train with capture into a file store,",
            "score with every applicable scorer found on the classpath, rank the planted mislabelled examples,",
            "prune easy/hard by each score plus random, retrain, and write results.json and an HTML report."})
final class DemoCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "runs/demo",
            description = {"Run directory (default: ${DEFAULT-VALUE}); its store/, scores/ and report/ are replaced.",
                "An interrupted demo is not resumed: running it again deletes what it left and starts over."})
    Path dir;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "2000", description = "Training examples (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--planted", paramLabel = "M", defaultValue = "20",
            description = "Training labels flipped on purpose (default: ${DEFAULT-VALUE}).")
    int planted;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "8",
            description = "Epochs = checkpoints captured (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--fractions", paramLabel = "F[,F...]", defaultValue = "0.1,0.3,0.5",
            description = "Fractions to prune (default: ${DEFAULT-VALUE}); empty (\"\"): no pruning.")
    String fractionsArg = "";
    /** {@link #fractionsArg}, parsed by {@link #validate()}. */
    List<Double> fractions = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "S", defaultValue = "3", description = "Seeds per retraining (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Data seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        validate();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        PrintWriter o = spec.commandLine().getOut();
        Progress progress = progress();
        SyntheticData data = SyntheticData.generate(examples, 3, 16, planted, Math.max(300, examples / 3), seed);
        o.printf(Locale.ROOT, "influence4j demo: synthetic 3-class bag-of-words task, %d training examples (%d labels"
                + " flipped on purpose), %d clean test examples%n", data.size(), planted, data.testLabels().length);
        DemoFiles.prepare(dir);
        Path storeDir = dir.resolve("store");
        SyntheticTraining.Config cfg = new SyntheticTraining.Config(epochs, 32, 0.5, seed);

        o.printf(Locale.ROOT, "%n[1/4] training %d epochs, capturing a checkpoint after each -> %s%n", epochs, storeDir);
        double[] acc = capture(data, cfg, storeDir, progress);
        o.printf(Locale.ROOT, "      final model: training accuracy %.1f%% (noisy labels), test accuracy %.1f%%%n",
                100 * acc[0], 100 * acc[1]);

        List<InfluenceScores> scores = new ArrayList<>();
        try (TrainingArtifactStore store = ArtifactStores.open(storeDir)) {
            scores.addAll(scoreAll(o, store, progress));
        }
        if (scores.isEmpty()) {
            throw new CliException("no scorer on the classpath can score this store; 'influence4j score --list' shows"
                    + " what is installed");
        }
        o.printf(Locale.ROOT, "%n[3/4] where the %d planted mislabelled examples land (rank 1 = hardest of %d)%n",
                planted, data.size());
        List<DetectionResult> detection = DemoFiles.printDetection(o, scores, data);

        List<TrainingResult> trainings = List.of();
        if (!fractions.isEmpty()) {
            int total = SyntheticPruning.count(scores.size(), fractions.size(), seeds);
            o.printf(Locale.ROOT, "%n[4/4] pruning %s easy and hard by each score, plus random; %d seed%s: %d"
                    + " retrainings%n", fractionsText(), seeds, seeds == 1 ? "" : "s", total);
            try (Progress.Bar bar = progress.bar("retraining", total, "runs")) {
                trainings = SyntheticPruning.run(data, scores, fractions, seedList(seeds), cfg, r -> bar.step());
            }
        } else {
            o.printf(Locale.ROOT, "%n[4/4] no pruning (--fractions is empty)%n");
        }
        String command = "influence4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        RunResults results = DemoFiles.writeResults(dir, data, scores, trainings, detection,
                RunEnvironment.info(command, started, (System.nanoTime() - t0) / 1e9));
        ReportWriter.Report report = ReportWriter.write(dir);
        o.println();
        ReportCommand.printSummary(o, io.github.influence4j.examples.report.PruningSummary.aggregate(results.trainings()));
        o.printf(Locale.ROOT, "%ndone in %.1f s: store %s, scores %s, results %s, report %s (%d charts)%n",
                (System.nanoTime() - t0) / 1e9, storeDir, dir.resolve("scores"), dir.resolve("results.json"),
                report.html(), report.images().size());
        return ExitCodes.OK;
    }

    /** @return training and test accuracy of the final model */
    private double[] capture(SyntheticData data, SyntheticTraining.Config cfg, Path storeDir, Progress progress) {
        int chunk = Math.max(64, Math.min(1024, data.size() / 4));
        int[] all = IntStream.range(0, data.size()).toArray();
        try (ArtifactWriter w = ArtifactStores.create(storeDir, new StoreSpec("demo-seed" + seed, data.size(),
                data.numClasses(), chunk)); Progress.Bar bar = progress.bar("capture", (long) epochs * data.size(), "ex")) {
            SyntheticTraining.writeStatic(data, w);
            var model = SyntheticTraining.train(data, all, cfg, (e, m) -> {
                long step = (long) (e + 1) * ((data.size() + cfg.batchSize() - 1) / cfg.batchSize());
                SyntheticTraining.capture(data, m, w, new Checkpoint("epoch-" + (e + 1), step, e, cfg.learningRate(e),
                        cfg.seed()), done -> bar.stepTo((long) e * data.size() + done));
            });
            return new double[] {model.accuracy(data.tokens(), data.labels(), data.embeddings()),
                model.accuracy(data.testTokens(), data.testLabels(), data.embeddings())};
        }
    }

    private List<InfluenceScores> scoreAll(PrintWriter o, TrainingArtifactStore store, Progress progress) {
        Set<ArtifactKind> have = EnumSet.noneOf(ArtifactKind.class);
        store.staticArtifacts().keySet().forEach(k -> have.add(k.kind()));
        store.checkpoints().forEach(c -> store.artifacts(c.id()).keySet().forEach(k -> have.add(k.kind())));
        List<ScorerDefinition> providers = InfluenceScorers.available();
        o.printf(Locale.ROOT, "%n[2/4] scoring with the %d scorers found on the classpath%n", providers.size());
        List<InfluenceScores> out = new ArrayList<>();
        for (ScorerDefinition p : providers) {
            if (!have.containsAll(p.requiredArtifacts())) {
                Set<ArtifactKind> missing = EnumSet.copyOf(p.requiredArtifacts());
                missing.removeAll(have);
                o.printf(Locale.ROOT, "      %-28s skipped: needs %s%n", p.name(), missing);
                continue;
            }
            long t = System.nanoTime();
            try {
                InfluenceScores s = p.create(store, demoOptions(p)).score(ScoreRequest.builder()
                        .listener(progress.scoringListener()).build());
                s.writeCsv(dir.resolve("scores").resolve(s.name() + ".csv"));
                out.add(s);
                o.printf(Locale.ROOT, "      %-28s %6.2f s  (%s is harder)%n", s.name(), (System.nanoTime() - t) / 1e9,
                        s.orientation() == Orientation.HIGHER_IS_HARDER ? "higher" : "lower");
            } catch (InfluenceException e) {
                o.printf(Locale.ROOT, "      %-28s skipped: %s%n", p.name(), e.getMessage());
            }
        }
        return out;
    }

    /**
     * The demo model has one dense layer, its head, and TracIn's default looks for the layer
     * before the head (Tan et al. use the last encoder layer): name the head instead.
     */
    private static Map<String, String> demoOptions(ScorerDefinition p) {
        if (p.name().equals("tracin-self") && p.optionHelp().containsKey("layers")) {
            return Map.of("layers", SyntheticTraining.HEAD);
        }
        return Map.of();
    }

    private String fractionsText() {
        return String.join("/", fractions.stream().map(f -> String.format(Locale.ROOT, "%.0f%%", 100 * f)).toList());
    }

    private void validate() {
        CommandSpecCheck c = new CommandSpecCheck(spec);
        c.require(examples >= 50 && examples <= 2_000_000, "--examples must be in [50, 2000000], was " + examples);
        c.require(planted >= 0 && planted <= examples / 10, "--planted must be in [0, examples/10], was " + planted);
        c.require(epochs >= 2 && epochs <= 100, "--epochs must be in [2, 100], was " + epochs);
        c.require(seeds >= 1 && seeds <= 20, "--seeds must be in [1, 20], was " + seeds);
        fractions = new ArrayList<>();
        for (String part : fractionsArg.isBlank() ? new String[0] : fractionsArg.split(",", -1)) {
            try {
                fractions.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                c.require(false, "Invalid value for option '--fractions': '" + part + "' is not a number (give"
                        + " fractions such as 0.1,0.3, or \"\" for no pruning)");
            }
        }
        for (double f : fractions) {
            c.require(f > 0 && f < 1, "--fractions must each be in (0, 1), got " + f);
        }
    }

    /** Throws picocli's usage error for a failed check. */
    private record CommandSpecCheck(CommandSpec spec) {
        void require(boolean ok, String message) {
            if (!ok) {
                throw new ParameterException(spec.commandLine(), message);
            }
        }
    }

    private static List<Long> seedList(int n) {
        return java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
    }
}
