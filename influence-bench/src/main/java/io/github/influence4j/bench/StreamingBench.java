// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.scorers.streaming.StreamingScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Streaming scores against the stored path for every logit score of the training dynamics (el2n,
 * aum, data-map confidence, variability and correctness, forgetting) on synthetic logits: N
 * examples, K = 3 classes, C checkpoints written as a capture would (batches of 65,536 rows).
 * One mode per JVM so that peak RSS is the mode's own:
 *
 * <pre>
 * java -cp ... io.github.influence4j.bench.StreamingBench streaming 1000000 10 DIR
 * java -cp ... io.github.influence4j.bench.StreamingBench stored    1000000 10 DIR
 * </pre>
 *
 * <p>Prints one row: mode, N, C, the bytes of streamed state (the O(N) arrays), bytes on disk
 * (the snapshot, or the file store), seconds to capture and score, peak RSS (VmHWM), and a
 * checksum of the scores (equal in both modes).
 */
public final class StreamingBench {
    static final List<String> SCORES = List.of("el2n", "aum", "data-map-confidence", "data-map-variability",
            "data-map-correctness", "forgetting");
    private static final int K = 3;
    private static final int BATCH = 65_536;

    private StreamingBench() {
    }

    /**
     * @param args mode ({@code streaming} or {@code stored}), N, C, a work directory
     * @throws IOException if the work directory cannot be written
     */
    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        int c = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]).resolve(mode + "-" + n);
        delete(dir);
        Files.createDirectories(dir);
        StoreSpec spec = new StoreSpec("bench-stream-" + n, n, K, BATCH);
        long t0 = System.nanoTime();
        StreamingScores streaming = null;
        ArtifactWriter w;
        if (mode.equals("streaming")) {
            streaming = StreamingScores.builder(spec).scores(SCORES).snapshot(dir.resolve("scores.snapshot")).build();
            w = streaming.writer();
        } else {
            w = ArtifactStores.create(dir.resolve("store"), spec);
        }
        int[] labels = new int[n];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(K);
        }
        ArtifactKey labelKey = ArtifactKey.of(ArtifactKind.LABELS);
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            w.write(labelKey, from, Nd4j.createFromArray(java.util.Arrays.copyOfRange(labels, from, to)));
        }
        ArtifactKey logits = ArtifactKey.of(ArtifactKind.LOGITS);
        for (int k = 0; k < c; k++) {
            SplittableRandom rc = new SplittableRandom(1000 + k);
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint(String.format("epoch-%04d", k), k + 1L, k, 1e-3, 1))) {
                for (int from = 0; from < n; from += BATCH) {
                    int to = Math.min(n, from + BATCH);
                    float[][] z = new float[to - from][K];
                    for (int i = from; i < to; i++) {
                        for (int j = 0; j < K; j++) {
                            // logits drift towards the label as "training" goes on
                            z[i - from][j] = (float) (rc.nextGaussian() + (j == labels[i] ? 0.4 * k : 0));
                        }
                    }
                    cw.write(logits, from, Nd4j.createFromArray(z));
                }
                cw.commit();
            }
        }
        double checksum = 0;
        long stateBytes = 0;
        if (streaming != null) {
            for (String s : SCORES) {
                checksum += sum(streaming.scores(s));
            }
            stateBytes = streaming.stateBytes();
        } else {
            w.commit();
            TrainingArtifactStore store = w.store();
            for (String s : SCORES) {
                checksum += sum(InfluenceScorers.create(s, store, Map.of()).score());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long disk = size(dir);
        w.close();
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.1f | %.0f | %.6e | %s |%n", mode, n, c,
                stateBytes / 1048576.0, disk / 1048576.0, seconds, rssHighWater() / 1048576.0, checksum,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        delete(dir);
    }

    private static double sum(InfluenceScores s) {
        double t = 0;
        for (double v : s.values()) {
            t += v;
        }
        return t;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long rssHighWater() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
