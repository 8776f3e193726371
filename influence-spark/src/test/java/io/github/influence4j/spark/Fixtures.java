// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.influence4j.bench.SyntheticShape;
import io.github.influence4j.bench.SyntheticStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Stores, scorer runs and comparisons shared by the tests. */
final class Fixtures {
    /** Small rows, every artifact kind, 4 checkpoints, chunks of 128: a few files per shard. */
    static final SyntheticShape SYNTHETIC = new SyntheticShape(300, 2, 6, 4, 3, 4, 300, 8, 128, true, true);
    /** SNLI-like: 100-wide token gradients over 12-32 tokens, a 64-wide head, 3 checkpoints. */
    static final SyntheticShape SNLI_LIKE = SyntheticShape.snliLike(160).withCheckpoints(3).withVocabulary(2000);

    /** Every built-in score, with the options that change what it computes. */
    static final List<Run> ALL_SCORERS = List.of(
            new Run("vog", Map.of("normalization", "CLASS")),
            new Run("vog", Map.of("normalization", "DATASET")),
            new Run("vog", Map.of("normalization", "NONE", "spread", "STD")),
            new Run("el2n", Map.of()),
            new Run("forgetting", Map.of()),
            new Run("aum", Map.of()),
            new Run("pvi", Map.of()),
            new Run("data-map-confidence", Map.of()),
            new Run("data-map-variability", Map.of()),
            new Run("data-map-correctness", Map.of()),
            new Run("grand", Map.of()),
            new Run("tracin-self", Map.of()),
            new Run("tracin-self", Map.of("layers", "all", "bias", "false")),
            new Run("tracin-we-self", Map.of()),
            new Run("tracin-we-topk-self", Map.of("top-k", "3")));

    private Fixtures() {
    }

    /** A scorer and its options. */
    record Run(String scorer, Map<String, String> options) {
        /** @return true where the arithmetic order differs from one machine's (global z-scores) */
        boolean twoPhase() {
            return scorer.equals("vog") && !"NONE".equals(options.get("normalization"));
        }
    }

    static Path createStore(Path dir, String id, SyntheticShape shape, long seed) {
        SyntheticStore.createFile(dir, id, shape, seed);
        return dir;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bit-identical, or (for two-phase scores) within 1e-12 relative to max(1, |expected|).
     */
    static void assertScores(String what, double[] expected, double[] actual, boolean exact) {
        assertEquals(expected.length, actual.length, what + ": length");
        int worst = -1;
        double worstErr = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = exact ? (Double.doubleToLongBits(expected[i]) == Double.doubleToLongBits(actual[i]) ? 0 : 1)
                    : Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i]));
            if (err > worstErr) {
                worstErr = err;
                worst = i;
            }
        }
        if (exact ? worstErr > 0 : worstErr > 1e-12) {
            fail(what + ": example " + worst + " expected " + expected[worst] + " but was " + actual[worst]
                    + (exact ? " (bit-identical required)" : " (relative error " + worstErr + " > 1e-12)"));
        }
    }
}
