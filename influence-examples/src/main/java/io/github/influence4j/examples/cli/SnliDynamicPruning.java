// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.examples.report.Pruning;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.EpochExamples;
import io.github.influence4j.nlp.encoder.SnliData;
import io.github.influence4j.nlp.encoder.SnliEncoder;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.nlp.encoder.SnliTrainer;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.scorers.streaming.DynamicPruning;
import io.github.influence4j.scorers.streaming.StreamingScores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The dynamic-pruning runs of {@code snli-prune --dynamic}: per setting and seed, one training run
 * whose capture listener writes LOGITS at every epoch end into streaming scores (every logit score
 * of the training dynamics), and whose trainer asks {@link DynamicPruning} which examples each
 * epoch trains on. Finished runs are recorded in {@code results.json} (pruning {@code DYNAMIC}) and
 * in {@code dynamic.csv} (training and capture seconds, examples per epoch, bytes of streamed
 * state) and skipped when the command runs again; a run killed halfway is trained again from its
 * start (its pruning decisions depend on the scores as they were at each epoch).
 */
final class SnliDynamicPruning {
    static final String CSV = "dynamic.csv";
    /** The scores streamed in every dynamic run: every logit score of the training dynamics. */
    static final List<String> STREAMED = List.of("el2n", "aum", "data-map-confidence", "data-map-variability",
            "data-map-correctness", "forgetting");

    private SnliDynamicPruning() {
    }

    /**
     * A dynamic-pruning setting: {@code SCORE:FRACTION[,warmup=W][,readmit-after=R]}; fraction 0
     * streams the scores without pruning (the capture overhead alone).
     *
     * @param score a streamed score
     * @param fraction the fraction left out of each epoch after warm-up, in [0, 1)
     * @param warmup epochs on the whole pool first
     * @param readmitAfter force an example back after this many epochs out (0: never)
     */
    record Setting(String score, double fraction, int warmup, int readmitAfter) {
        static Setting parse(String spec) {
            String[] parts = spec.split(",");
            String[] head = parts[0].split(":");
            if (head.length != 2) {
                throw new IllegalArgumentException("--dynamic '" + spec + "': expected SCORE:FRACTION, e.g. el2n:0.3");
            }
            String score = head[0].trim();
            if (!STREAMED.contains(score)) {
                throw new IllegalArgumentException("--dynamic '" + spec + "': score '" + score + "' is not streamed in"
                        + " SNLI runs; choose one of " + STREAMED);
            }
            double f;
            try {
                f = Double.parseDouble(head[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dynamic '" + spec + "': fraction '" + head[1] + "' is not a number",
                        e);
            }
            if (!(f >= 0 && f < 1)) {
                throw new IllegalArgumentException("--dynamic '" + spec + "': fraction must be in [0, 1), was " + f);
            }
            int warmup = 1;
            int readmit = 0;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                String key = kv[0].trim();
                if (kv.length != 2 || !(key.equals("warmup") || key.equals("readmit-after"))) {
                    throw new IllegalArgumentException("--dynamic '" + spec + "': unknown option '" + parts[i]
                            + "'; options: warmup=EPOCHS, readmit-after=EPOCHS");
                }
                int v;
                try {
                    v = Integer.parseInt(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--dynamic '" + spec + "': " + key + " must be an integer", e);
                }
                if (v < 0) {
                    throw new IllegalArgumentException("--dynamic '" + spec + "': " + key + " must be >= 0, was " + v);
                }
                if (key.equals("warmup")) {
                    warmup = v;
                } else {
                    readmit = v;
                }
            }
            return new Setting(score, f, warmup, readmit);
        }

        /** @return the name recorded in results.json, e.g. {@code el2n:0.3,warmup=1} */
        String label() {
            return fraction == 0 ? "stream-only" : String.format(Locale.ROOT, "%s:%s,warmup=%d%s", score,
                    trim(fraction), warmup, readmitAfter > 0 ? ",readmit-after=" + readmitAfter : "");
        }

        private static String trim(double f) {
            String s = Double.toString(f);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
    }

    record Job(Setting setting, long seed) {
    }

    static List<Job> pending(RunResults done, List<Setting> settings, List<Long> seeds) {
        List<Job> jobs = new ArrayList<>();
        for (long seed : seeds) {
            for (Setting s : settings) {
                if (!done.hasTraining(Pruning.DYNAMIC, s.label(), s.fraction(), seed)) {
                    jobs.add(new Job(s, seed));
                }
            }
        }
        return jobs;
    }

    static RunResults run(Path dir, List<Job> jobs, RunResults results, SnliData data, EncoderConfig cfg, int epochs,
            PrintWriter o, Progress progress, UnaryOperator<RunResults> update) {
        int n = data.train().size();
        long steps = (long) jobs.size() * SnliTrainer.stepsPerEpoch(n, 128) * epochs;
        RunResults r = results;
        try (Progress.Bar bar = progress.bar("dynamic pruning, " + jobs.size() + " runs", steps, "steps")) {
            for (Job j : jobs) {
                long t0 = System.nanoTime();
                StreamingScores scores = StreamingScores.builder(StoreSpec.of("snli-dynamic-seed" + j.seed(), n,
                        SnliEncoder.CLASSES)).scores(STREAMED).build();
                Optional<DynamicPruning> pruning = j.setting().fraction() == 0 ? Optional.empty()
                        : Optional.of(DynamicPruning.builder(scores, j.setting().score(), j.setting().fraction())
                                .warmupEpochs(j.setting().warmup()).readmitAfter(j.setting().readmitAfter()).build());
                EpochExamples perEpoch = pruning.<EpochExamples>map(p -> p::examples).orElse(EpochExamples.ALL);
                TrainOptions opts = TrainOptions.builder().epochs(epochs).seed(j.seed()).build();
                SnliExperiment.Result res = SnliExperiment.run(data, cfg, opts, Optional.of(
                        SnliExperiment.Capture.atEveryEpochEnd(scores.writer(), CaptureSpec.of(Set.of(ArtifactKind.LOGITS)))),
                        List.of(new SnliCapture.StepListener(bar)), perEpoch);
                double secs = (System.nanoTime() - t0) / 1e9;
                double capture = res.captures().stream().mapToDouble(c -> c.seconds()).sum();
                double train = res.trainSecondsPerEpoch() * epochs;
                List<Integer> perEpochCounts = pruning.map(p -> p.rounds().stream().map(DynamicPruning.Round::trained)
                        .toList()).orElse(java.util.Collections.nCopies(epochs, n));
                int mean = (int) Math.round(perEpochCounts.stream().mapToInt(Integer::intValue).average().orElse(n));
                TrainingResult t = new TrainingResult(Pruning.DYNAMIC, j.setting().label(), j.setting().fraction(),
                        j.seed(), res.testAccuracy(), mean, epochs, secs);
                appendCsv(dir, j, res.testAccuracy(), secs, train, capture, perEpochCounts, scores.stateBytes());
                r = update.apply(r.withTraining(t));
                ResultsFiles.write(dir, r);
                o.printf(Locale.ROOT, "      seed %d dynamic %-28s test accuracy %5.2f%%  (examples per epoch %s; %.0f s:"
                        + " training %.1f s, capture and streaming %.1f s)%n", j.seed(), j.setting().label(),
                        100 * res.testAccuracy(), perEpochCounts, secs, train, capture);
                o.flush();
            }
        }
        return r;
    }

    private static void appendCsv(Path dir, Job j, double accuracy, double wall, double train, double capture,
            List<Integer> perEpoch, long stateBytes) {
        Path f = dir.resolve(CSV);
        try {
            if (!Files.exists(f)) {
                Files.writeString(f, "setting,seed,test_accuracy,wall_seconds,train_seconds,capture_seconds,"
                        + "examples_per_epoch,streamed_state_bytes,load_average\n", StandardCharsets.UTF_8);
            }
            String load = Files.exists(Path.of("/proc/loadavg"))
                    ? Files.readString(Path.of("/proc/loadavg")).split(" ")[0] : "";
            Files.writeString(f, String.format(Locale.ROOT, "\"%s\",%d,%.6f,%.3f,%.3f,%.3f,%s,%d,%s%n",
                    j.setting().label(), j.seed(), accuracy, wall, train, capture,
                    perEpoch.stream().map(String::valueOf).collect(Collectors.joining(" ")), stateBytes, load),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
