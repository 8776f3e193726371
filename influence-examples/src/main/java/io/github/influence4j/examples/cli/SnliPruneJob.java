// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.Set;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.selection.LabelNoise;
import io.github.influence4j.core.selection.NoisyLabels;
import io.github.influence4j.core.selection.ScoreAnalysis;
import io.github.influence4j.examples.report.ExampleTable;
import io.github.influence4j.examples.report.Pruning;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import io.github.influence4j.examples.report.RunResults.DataMapColumns;
import io.github.influence4j.examples.report.RunResults.DatasetInfo;
import io.github.influence4j.examples.report.RunResults.DetectionResult;
import io.github.influence4j.examples.report.RunResults.ScoreInfo;
import io.github.influence4j.examples.snli.SnliPruneSettings;
import io.github.influence4j.examples.snli.SnliScores;
import io.github.influence4j.nlp.encoder.EncodedPairs;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliData;
import io.github.influence4j.nlp.snli.SnliLabel;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import io.github.influence4j.nlp.transformer.MiniLmArtifacts;
import io.github.influence4j.nlp.transformer.MiniLmExperiment;
import io.github.influence4j.nlp.transformer.MiniLmSnli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * One variant (clean, or one label-noise rate) of {@code snli-prune} in its run directory:
 * capture, score, detect mislabels (noise only), prune and retrain, each step skipped when a
 * previous session finished it.
 */
final class SnliPruneJob {
    /** What the variant produced. */
    record Outcome(RunResults results, SnliCapture.Info capture) {
    }

    private final Path dir;
    private final SnliPruneSettings settings;
    private final PrintWriter o;
    private final Progress progress;
    private final String command;
    private final EncoderConfig cfg = EncoderConfig.defaults();

    SnliPruneJob(Path dir, SnliPruneSettings settings, PrintWriter o, Progress progress, String command) {
        this.dir = dir;
        this.settings = settings;
        this.o = o;
        this.progress = progress;
        this.command = command;
    }

    Outcome run(List<String> pruneBy, List<Double> fractions, List<Long> seeds) {
        return run(pruneBy, fractions, seeds, List.of());
    }

    Outcome run(List<String> pruneBy, List<Double> fractions, List<Long> seeds,
            List<SnliDynamicPruning.Setting> dynamic) {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        checkSettings();
        o.printf(Locale.ROOT, "%n== snli-prune, variant %s -> %s ==%n", settings.variantName(), dir);
        SnliModel clean = model(settings, dir, progress);
        Optional<NoisyLabels> noise = settings.noiseRate() == 0 ? Optional.empty()
                : Optional.of(LabelNoise.shuffle(clean.trainLabels(), settings.noiseRate(), settings.noiseSeed()));
        SnliModel data = noise.map(nl -> clean.withTrainLabels(nl.labels())).orElse(clean);
        int n = data.trainSize();
        o.printf(Locale.ROOT, "      training pool: SNLI dev, %d pairs%s; test: SNLI test, %d pairs%n", n,
                noise.map(nl -> String.format(Locale.ROOT, ", %.0f%% of labels shuffled (%d really changed)",
                        100 * settings.noiseRate(), nl.misannotated())).orElse(""), data.testSize());

        o.printf(Locale.ROOT, "%n[1/4] full-data run (%s), %d epoch%s, capturing %d evenly spaced checkpoints -> %s%n",
                data.name(), settings.epochs(), settings.epochs() == 1 ? "" : "s", settings.checkpoints(),
                dir.resolve(SnliCapture.STORE));
        List<String> names = new ArrayList<>(pruneBy);
        for (String extra : List.of(SnliScores.CONFIDENCE, SnliScores.VARIABILITY, SnliScores.CORRECTNESS)) {
            if (!names.contains(extra)) {
                names.add(extra);
            }
        }
        Set<ArtifactKind> kinds = SnliScores.captureKinds(names);
        o.printf(Locale.ROOT, "      capturing %s, what the scores %s read%n", kinds, names);
        Optional<SnliCapture.Info> prev = SnliCapture.done(dir);
        SnliCapture.Info cap = prev.orElseGet(() -> SnliCapture.run(dir, data, settings, kinds, progress));
        o.printf(Locale.ROOT, "      %stest accuracy %.2f%%, %.1f s per training epoch, %.1f MB per checkpoint%s%n",
                prev.isPresent() ? "already captured: " : "", 100 * cap.testAccuracy(), cap.trainSecondsPerEpoch(),
                cap.bytesPerCheckpoint() / 1e6, prev.isPresent() ? "" : String.format(Locale.ROOT,
                        ", %d checkpoints captured in %.1f s", cap.checkpoints(), cap.captureSeconds()));

        o.printf(Locale.ROOT, "%n[2/4] scores -> %s%n", dir.resolve(SnliScoring.SCORES));
        List<InfluenceScores> all = SnliScoring.scoreAll(dir, names, o, progress);
        List<InfluenceScores> pruning = all.stream().filter(s -> pruneBy.contains(s.name())).toList();

        List<DetectionResult> detection = List.of();
        if (noise.isPresent()) {
            o.printf(Locale.ROOT, "%n[3/4] mislabel detection (%d real misannotations of %d)%n",
                    noise.get().misannotated(), n);
            detection = detection(pruning, noise.get());
            printDetection(o, detection);
        } else {
            o.printf(Locale.ROOT, "%n[3/4] mislabel detection: clean labels, skipped%n");
        }

        RunResults results = initialResults(data, all, pruning, noise, detection, started);
        if (data instanceof SnliModel.MiniLm && seeds.contains(cap.seed())
                && !results.hasTraining(Pruning.NONE, RunResults.FULL, 0, cap.seed())) {
            // MiniLM's training is deterministic (no dropout; capture only reads the model): the full-data run of the
            // capture seed is the captured run itself, so it is recorded rather than trained again
            results = results.withTraining(new RunResults.TrainingResult(Pruning.NONE, RunResults.FULL, 0, cap.seed(),
                    cap.testAccuracy(), n, settings.epochs(), cap.trainSecondsPerEpoch() * settings.epochs()));
            ResultsFiles.write(dir, results);
            o.printf(Locale.ROOT, "      full data, seed %d: the captured run (training is deterministic), test accuracy"
                    + " %.2f%%%n", cap.seed(), 100 * cap.testAccuracy());
        }
        List<SnliRetraining.Job> jobs = SnliRetraining.pending(results, pruning, fractions, seeds, n);
        int total = seeds.size() * (1 + fractions.size() * (1 + 2 * pruning.size()));
        o.printf(Locale.ROOT, "%n[4/4] pruning and retraining: %d runs in all, %d already done, %d to go%n", total,
                total - jobs.size(), jobs.size());
        o.flush();
        double before = results.info().wallSeconds();
        UnaryOperator<RunResults> info = r -> r.withInfo(RunEnvironment.info(command, started,
                before + (System.nanoTime() - t0) / 1e9));
        // with --dynamic, the full-data runs (its reference) and the dynamic runs come before the static
        // pruning runs, so that a session cut short has the comparison it was started for
        List<SnliRetraining.Job> first = dynamic.isEmpty() ? List.of()
                : jobs.stream().filter(j -> j.pruning() == Pruning.NONE).toList();
        RunResults fin = SnliRetraining.run(dir, first, results, data, settings.epochs(), o, progress, info);
        if (!dynamic.isEmpty()) {
            List<SnliDynamicPruning.Job> dyn = SnliDynamicPruning.pending(fin, dynamic, seeds);
            o.printf(Locale.ROOT, "%n[4b/4] dynamic pruning (%s): %d runs to go -> %s%n", dynamic.stream()
                    .map(SnliDynamicPruning.Setting::label).toList(), dyn.size(), dir.resolve(SnliDynamicPruning.CSV));
            o.flush();
            if (!(data instanceof SnliModel.Cnn cnn)) {
                throw new CliException("--dynamic trains the CNN (its streaming capture hooks SameDiff's fit loop); drop"
                        + " --dynamic or use --encoder cnn");
            }
            fin = SnliDynamicPruning.run(dir, dyn, fin, cnn.data(), cfg, settings.epochs(), o, progress, info);
        }
        List<SnliRetraining.Job> rest = jobs.stream().filter(j -> !first.contains(j)).toList();
        fin = SnliRetraining.run(dir, rest, fin, data, settings.epochs(), o, progress, info);
        fin = fin.withInfo(RunEnvironment.info(command, started, before + (System.nanoTime() - t0) / 1e9));
        ResultsFiles.write(dir, fin);
        return new Outcome(fin, cap);
    }

    private void checkSettings() {
        Optional<SnliPruneSettings> old = SnliPruneSettings.read(dir);
        if (old.isPresent()) {
            Optional<String> diff = settings.difference(old.get());
            if (diff.isPresent()) {
                throw new CliException(dir + " was started with " + diff.get() + "; rerun with the same settings to"
                        + " resume, or choose another --dir");
            }
        } else {
            settings.write(dir);
        }
    }

    /** The model of the settings' encoder, with its data (MiniLM: lower-layer states cached beside the variants). */
    private SnliModel model(SnliPruneSettings s, Path variantDir, Progress progress) {
        if (s.encoder().equals(SnliPruneSettings.MINILM)) {
            Path cache = variantDir.toAbsolutePath().getParent().resolve("minilm-cache");
            MiniLmExperiment.Options opts = MiniLmExperiment.Options.preset(s.trainLayers(), s.epochs(), s.captureSeed());
            o.printf(Locale.ROOT, "      all-MiniLM-L6-v2 (%s): layers 0-%d frozen, their states cached in %s%n",
                    MiniLmArtifacts.COORDINATES, opts.startLayer() - 1, cache);
            o.flush();
            MiniLmSnli d;
            long pairs = Math.min(s.limit() > 0 ? s.limit() : Integer.MAX_VALUE, SnliReader.bundled(SnliSplit.DEV).size())
                    + Math.min(s.limit() > 0 ? s.limit() : Integer.MAX_VALUE, SnliReader.bundled(SnliSplit.TEST).size());
            try (Progress.Bar bar = progress.bar("caching frozen layers", pairs, "pairs")) {
                d = MiniLmSnli.load(MiniLmArtifacts.locate(), cache, opts.startLayer(), MiniLmSnli.DEFAULT_MAX_LENGTH,
                        s.limit(), bar::stepTo);
            }
            if (d.truncatedPairs() > 0) {
                o.printf(Locale.ROOT, "      %d pairs longer than %d sub-word tokens were truncated%n", d.truncatedPairs(),
                        MiniLmSnli.DEFAULT_MAX_LENGTH);
            }
            return new SnliModel.MiniLm(d, opts);
        }
        return new SnliModel.Cnn(load(s.limit(), cfg.maxTokens()), cfg);
    }

    static SnliData load(int limit, int maxTokens) {
        SnliData d = SnliData.bundled(maxTokens);
        if (limit == 0) {
            return d;
        }
        EncodedPairs train = d.train().subset(IntStream.range(0, Math.min(limit, d.train().size())).toArray());
        EncodedPairs test = d.test().subset(IntStream.range(0, Math.min(limit, d.test().size())).toArray());
        return new SnliData(d.vectors(), train, test);
    }

    private static List<DetectionResult> detection(List<InfluenceScores> scores, NoisyLabels nl) {
        List<DetectionResult> out = new ArrayList<>();
        for (InfluenceScores s : scores) {
            int[] ids = s.exampleIds();
            boolean[] mask = new boolean[ids.length];
            for (int i = 0; i < ids.length; i++) {
                mask[i] = nl.changed()[ids[i]];
            }
            int k = nl.misannotated();
            out.add(new DetectionResult(s.name(), ScoreAnalysis.mislabelAuroc(s, mask),
                    ScoreAnalysis.precisionAtK(s, mask, k), k));
        }
        return out;
    }

    static void printDetection(PrintWriter o, List<DetectionResult> detection) {
        o.printf(Locale.ROOT, "      %-22s %7s %14s%n", "score", "AUROC", "precision@k");
        for (DetectionResult d : detection) {
            o.printf(Locale.ROOT, "      %-22s %7.3f %14.3f  (k = %d)%n", d.score(), d.auroc(), d.precisionAtK(), d.k());
        }
        o.println("      (chance: AUROC 0.5; hardest first)");
    }

    private RunResults initialResults(SnliModel data, List<InfluenceScores> all, List<InfluenceScores> pruning,
            Optional<NoisyLabels> noise, List<DetectionResult> detection, Instant started) {
        int n = data.trainSize();
        // every score computed, data-map coordinates included: the report shows their histograms too
        List<ScoreInfo> infos = all.stream().map(s -> new ScoreInfo(s.name(), s.orientation().name(),
                SnliScores.spec(s.name()).description())).toList();
        List<String> classes = Arrays.stream(SnliLabel.values()).map(l -> l.name().toLowerCase(Locale.ROOT)).toList();
        DatasetInfo ds = new DatasetInfo("SNLI 1.0 dev (training pool)" + (settings.limit() > 0 ? ", first "
                + settings.limit() : ""), "SNLI 1.0 test" + (settings.limit() > 0 ? ", first " + settings.limit() : ""),
                n, data.testSize(), classes, settings.noiseRate(), noise.map(NoisyLabels::misannotated).orElse(0));
        Map<String, double[]> cols = new LinkedHashMap<>();
        all.forEach(s -> cols.put(s.name(), byId(s, n)));
        ExampleTable table = new ExampleTable(IntStream.range(0, n).toArray(), data.trainLabels(),
                noise.map(NoisyLabels::changed), cols);
        try {
            table.write(dir.resolve("examples.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("examples.csv") + ": " + e.getMessage(), e);
        }
        double wall = 0;
        List<RunResults.TrainingResult> previous = List.of();
        if (ResultsFiles.exists(dir)) {
            RunResults old = ResultsFiles.read(dir);
            wall = old.info().wallSeconds();
            previous = old.trainings();
        }
        RunResults r = RunResults.start("snli-prune", RunEnvironment.info(command, started, wall), ds, infos)
                .withDetection(detection).withExamples("examples.csv", new DataMapColumns(SnliScores.CONFIDENCE,
                        SnliScores.VARIABILITY, SnliScores.CORRECTNESS));
        for (RunResults.TrainingResult t : previous) {
            r = r.withTraining(t);
        }
        ResultsFiles.write(dir, r);
        return r;
    }

    private static double[] byId(InfluenceScores s, int n) {
        double[] v = new double[n];
        int[] ids = s.exampleIds();
        for (int i = 0; i < ids.length; i++) {
            v[ids[i]] = s.value(i);
        }
        return v;
    }
}
