// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.scorers.dynamics.DataMap;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.scorers.Scorers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The child-JVM side of the scoring tables: opens a file store, runs scorers on it one after the
 * other (each after an untimed warm-up on the first examples) and reports seconds per scorer and
 * the process's memory peaks as {@link ChildJvm#RESULT} lines.
 *
 * <p>Arguments: {@code STORE_DIR SCORERS ROUNDS [TEST_STORE_DIR]}: the best of ROUNDS timed runs is
 * reported. SCORERS is a comma list of SPI
 * names, {@code all} (every registered scorer whose artifacts the store holds), {@value #DATA_MAP}
 * (confidence, variability and correctness in one pass) or {@value #WE_TRAIN_TEST} (train-to-test
 * TracIn-WE, top 10 proponents per test example, against TEST_STORE_DIR).
 *
 * <p>Reported: {@code seconds.<name>}, {@code checksum.<name>}, {@code skipped.<name>} (with the
 * reason), and {@code mem.heapUsed}, {@code mem.heapLive}, {@code mem.offHeap}, {@code mem.rss},
 * {@code mem.vmhwm} in bytes.
 */
public final class ScoringWorker {
    /** Pseudo-scorer: the data map's three statistics in one pass. */
    public static final String DATA_MAP = "data-map";
    /** Pseudo-scorer: train-to-test TracIn-WE, top 10 per test example. */
    public static final String WE_TRAIN_TEST = "tracin-we-train-test-top10";
    private static final int WARM_UP_EXAMPLES = 1024;

    private ScoringWorker() {
    }

    /**
     * @param args {@code STORE_DIR SCORERS ROUNDS [TEST_STORE_DIR]}
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ScoringWorker STORE_DIR SCORERS ROUNDS [TEST_STORE_DIR], got "
                    + Arrays.toString(args));
        }
        int rounds = Integer.parseInt(args[2]);
        try (MemoryProbe probe = MemoryProbe.start(5);
                TrainingArtifactStore store = ArtifactStores.open(Path.of(args[0]))) {
            TrainingArtifactStore test = args.length > 3 ? ArtifactStores.open(Path.of(args[3])) : null;
            try {
                for (String name : names(args[1], store)) {
                    runOne(name, store, test, rounds);
                }
            } finally {
                if (test != null) {
                    test.close();
                }
            }
            MemoryProbe.Peaks p = probe.peaks();
            ChildJvm.report("mem.heapUsed", p.heapUsed());
            ChildJvm.report("mem.heapLive", p.heapLive());
            ChildJvm.report("mem.offHeap", p.offHeap());
            ChildJvm.report("mem.rss", p.rss());
            ChildJvm.report("mem.vmhwm", p.rssHighWater());
        }
    }

    /**
     * @param spec a comma list of names, where {@code all} stands for every registered scorer plus
     *     {@value #DATA_MAP}
     * @param store the store
     * @return the scorer names to run, in order
     */
    static List<String> names(String spec, TrainingArtifactStore store) {
        List<String> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            if (!name.equals("all")) {
                out.add(name);
                continue;
            }
            for (ScorerDefinition p : InfluenceScorers.available()) {
                out.add(p.name());
            }
            out.add(DATA_MAP);
        }
        return out;
    }

    private static void runOne(String name, TrainingArtifactStore store, TrainingArtifactStore test, int rounds) {
        int n = store.numExamples();
        ScoreRequest warm = ScoreRequest.builder()
                .examples(IntStream.range(0, Math.min(n, WARM_UP_EXAMPLES)).toArray()).build();
        try {
            if (name.equals(WE_TRAIN_TEST)) {
                if (test == null) {
                    ChildJvm.report("skipped." + name, "no-test-store");
                    return;
                }
                var scorer = Scorers.tracInWe(store, test);
                TopInfluences top = null;
                double s = Double.POSITIVE_INFINITY;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    top = scorer.topK(10);
                    s = Math.min(s, (System.nanoTime() - t0) / 1e9);
                }
                ChildJvm.report("seconds." + name, s);
                ChildJvm.report("checksum." + name, java.util.Objects.requireNonNull(top).proponents(0).stream().mapToDouble(TopInfluences.Influence::value).sum());
                return;
            }
            if (name.equals(DATA_MAP)) {
                var scorer = Scorers.dataMap(store);
                scorer.score(warm);
                DataMap map = null;
                double s = Double.POSITIVE_INFINITY;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    map = scorer.score();
                    s = Math.min(s, (System.nanoTime() - t0) / 1e9);
                }
                ChildJvm.report("seconds." + name, s);
                ChildJvm.report("checksum." + name, checksum(java.util.Objects.requireNonNull(map).confidence()) + checksum(map.variability()));
                return;
            }
            InfluenceScorer scorer = InfluenceScorers.create(name, store, java.util.Map.of());
            scorer.score(warm);
            InfluenceScores scores = null;
            double s = Double.POSITIVE_INFINITY;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                scores = scorer.score();
                s = Math.min(s, (System.nanoTime() - t0) / 1e9);
            }
            ChildJvm.report("seconds." + name, s);
            ChildJvm.report("checksum." + name, checksum(java.util.Objects.requireNonNull(scores)));
        } catch (RuntimeException e) {
            ChildJvm.report("skipped." + name, e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }

    private static double checksum(InfluenceScores s) {
        double acc = 0;
        for (double v : s.values()) {
            if (Double.isFinite(v)) {
                acc += v;
            }
        }
        return acc;
    }
}
