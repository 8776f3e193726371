// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.selection.ScoreAnalysis;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What float16 storage of the gradient kinds ({@link WriteOptions#GRADIENT_KINDS}) does to every
 * score, to the bytes per checkpoint and to scoring time: a float32 store (e.g. the SNLI store of
 * {@code influence4j snli-prune}) is copied chunk by chunk into a store that writes those kinds as
 * float16 (exactly what a float16 capture would have written: the writer rounds the float32 values
 * capture hands over), and every score is computed on both.
 *
 * <p>Arguments: {@code FLOAT32_STORE WORK_DIR [ROUNDS]}; prints a Markdown table.
 */
public final class HalfPrecisionBench {
    /** The scores compared: (column, scorer, options), the SNLI experiment's plus GraNd and the data map. */
    static final List<String[]> SCORES = List.of(
            new String[] {"vog-class", "vog", "normalization=CLASS"},
            new String[] {"vog-dataset", "vog", "normalization=DATASET"},
            new String[] {"tracin-self fc2", "tracin-self", "layers=fc2"},
            new String[] {"tracin-self all dense", "tracin-self", ""},
            new String[] {"tracin-we-self", "tracin-we-self", ""},
            new String[] {"grand", "grand", ""},
            new String[] {"el2n", "el2n", ""},
            new String[] {"forgetting", "forgetting", ""},
            new String[] {"aum", "aum", ""},
            new String[] {"data-map-confidence", "data-map-confidence", ""},
            new String[] {"data-map-variability", "data-map-variability", ""},
            new String[] {"data-map-correctness", "data-map-correctness", ""});

    private HalfPrecisionBench() {
    }

    /**
     * @param args {@code FLOAT32_STORE WORK_DIR [ROUNDS]}
     */
    public static void main(String[] args) {
        Path src = Path.of(args[0]);
        Path half = Path.of(args[1]).resolve("float16-store");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        StoreCache.delete(half);
        long t0 = System.nanoTime();
        try (TrainingArtifactStore s = ArtifactStores.open(src)) {
            copy(s, half, WriteOptions.defaults().withFloat16(WriteOptions.GRADIENT_KINDS));
        }
        double copySeconds = (System.nanoTime() - t0) / 1e9;
        TextTable t = TextTable.of("score", "Spearman (float16 vs float32)", "max |diff| / max |float32|",
                "max |diff| / |float32| (|float32| >= 1e-3 max)", "float32 s", "float16 s", "float16 / float32 time");
        try (TrainingArtifactStore a = ArtifactStores.open(src); TrainingArtifactStore b = ArtifactStores.open(half)) {
            for (String[] s : SCORES) {
                Map<String, String> opts = new LinkedHashMap<>();
                if (!s[2].isEmpty()) {
                    String[] kv = s[2].split("=");
                    opts.put(kv[0], kv[1]);
                }
                InfluenceScorer x;
                InfluenceScorer y;
                try {
                    x = InfluenceScorers.create(s[1], a, opts);
                    y = InfluenceScorers.create(s[1], b, opts);
                } catch (RuntimeException e) {
                    t.row(s[0], "n/a: " + e.getMessage().split(";")[0], "-", "-", "-", "-", "-");
                    continue;
                }
                double[] ta = {Double.POSITIVE_INFINITY};
                double[] tb = {Double.POSITIVE_INFINITY};
                io.github.influence4j.core.InfluenceScores ra = null;
                io.github.influence4j.core.InfluenceScores rb = null;
                for (int r = 0; r < rounds; r++) {
                    long c0 = System.nanoTime();
                    ra = x.score();
                    long c1 = System.nanoTime();
                    rb = y.score();
                    long c2 = System.nanoTime();
                    ta[0] = Math.min(ta[0], (c1 - c0) / 1e9);
                    tb[0] = Math.min(tb[0], (c2 - c1) / 1e9);
                }
                double[] va = ra.values();
                double[] vb = rb.values();
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < va.length; i++) {
                    scale = Math.max(scale, Math.abs(va[i]));
                }
                double rel = 0;
                for (int i = 0; i < va.length; i++) {
                    double d = Math.abs(va[i] - vb[i]);
                    if (Double.isInfinite(va[i]) && va[i] == vb[i]) {
                        d = 0;
                    }
                    diff = Math.max(diff, d);
                    if (Math.abs(va[i]) >= 1e-3 * scale) {
                        rel = Math.max(rel, d / Math.abs(va[i]));
                    }
                }
                t.row(s[0], String.format(Locale.ROOT, "%.6f", ScoreAnalysis.spearman(va, vb)),
                        String.format(Locale.ROOT, "%.1e", scale == 0 ? diff : diff / scale),
                        String.format(Locale.ROOT, "%.1e", rel), TextTable.seconds(ta[0]), TextTable.seconds(tb[0]),
                        TextTable.ratio(tb[0] / ta[0]));
            }
            long bytesA = bytes(src.resolve("checkpoints"));
            long bytesB = bytes(half.resolve("checkpoints"));
            int cps = a.checkpoints().size();
            t.note(String.format(Locale.ROOT, "Store %s: N=%,d, %d checkpoints; bytes per checkpoint: float32 %s MiB,"
                    + " float16 gradient kinds %s MiB (%.2fx). Copy into the float16 store took %.1f s. Best of %d"
                    + " rounds per score; float64 accumulation in both.", src, a.numExamples(), cps,
                    TextTable.mib(bytesA / Math.max(1, cps)), TextTable.mib(bytesB / Math.max(1, cps)),
                    (double) bytesB / bytesA, copySeconds, rounds));
        }
        System.out.println(t.render());
    }

    /** Copies every committed artifact of {@code s} into a new store written as {@code options} say. */
    static void copy(TrainingArtifactStore s, Path dir, WriteOptions options) {
        try (ArtifactWriter w = ArtifactStores.create(dir, s.spec(), options)) {
            for (Map.Entry<ArtifactKey, ArtifactInfo> e : s.staticArtifacts().entrySet()) {
                copyArtifact(s, "", e.getKey(), e.getValue(), w);
            }
            w.commit();
            for (Checkpoint c : s.checkpoints()) {
                try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                    for (Map.Entry<ArtifactKey, ArtifactInfo> e : s.artifacts(c.id()).entrySet()) {
                        copyArtifact(s, c.id(), e.getKey(), e.getValue(), cw);
                    }
                    cw.commit();
                }
            }
        }
    }

    private static void copyArtifact(TrainingArtifactStore s, String cp, ArtifactKey key, ArtifactInfo info,
            ArtifactSink w) {
        if (!info.attributes().isEmpty()) {
            w.setAttributes(key, info.attributes());
        }
        for (ExampleRange r : s.chunkRanges()) {
            try (ArtifactChunk c = cp.isEmpty() ? s.readStatic(key, r) : s.read(cp, key, r)) {
                if (info.isRagged()) {
                    int[] lengths = new int[c.size()];
                    for (int i = 0; i < lengths.length; i++) {
                        lengths[i] = c.length(i);
                    }
                    w.writeRagged(key, r.from(), c.values(), lengths);
                } else {
                    w.write(key, r.from(), c.values());
                }
            }
        }
    }

    private static long bytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".npy"))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
