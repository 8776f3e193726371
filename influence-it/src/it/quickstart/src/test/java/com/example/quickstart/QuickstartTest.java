// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package com.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.selection.Selection;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.scorers.Scorers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The README's quick start, from a project that sees influence4j only through the BOM and the
 * packaged jars: write a store with the public writer API, score it with EL2N and VoG, prune.
 * The data plants {@link #HARD} examples: wrong-class logits (EL2N) and gradients that change
 * from checkpoint to checkpoint (VoG); every other example is confidently right and stable.
 */
class QuickstartTest {
    private static final int N = 40;
    private static final int K = 3;
    private static final int CHECKPOINTS = 4;
    private static final int POSITIONS = 2;
    private static final int DIM = 4;
    private static final Set<Integer> HARD = Set.of(3, 11, 19, 27, 35);

    @TempDir
    Path dir;

    @Test
    void fileStoreScoresAndSelection() {
        Path storeDir = dir.resolve("store");
        try (ArtifactWriter w = ArtifactStores.create(storeDir, StoreSpec.of("quickstart", N, K))) {
            writeArtifacts(w);
        }
        try (TrainingArtifactStore store = ArtifactStores.open(storeDir)) {
            checkScoresAndSelection(store);
        }
    }

    @Test
    void memoryStoreScoresAndSelection() {
        try (ArtifactWriter w = MemoryStores.create(StoreSpec.of("quickstart-mem", N, K))) {
            writeArtifacts(w);
            checkScoresAndSelection(w.store());
        }
    }

    @Test
    void dependenciesAreTheBomsAndTheJarsArePackaged() {
        // the BOM wins over nd4j-api's own slf4j-api 1.7.x and pins ND4J
        assertEquals("slf4j-api-" + System.getProperty("expected.slf4j.version") + ".jar",
                jarOf(org.slf4j.LoggerFactory.class));
        assertEquals("nd4j-api-" + System.getProperty("expected.nd4j.version") + ".jar", jarOf(Nd4j.class));
        String version = System.getProperty("expected.influence4j.version");
        assertEquals("influence-scorers-" + version + ".jar", jarOf(Scorers.class));
        assertEquals("influence-core-" + version + ".jar", jarOf(ScoreProvenance.class));
        // the manifest's Implementation-Version reaches the provenance of every score
        assertEquals(version, ScoreProvenance.currentLibraryVersion());
    }

    private static void checkScoresAndSelection(TrainingArtifactStore store) {
        InfluenceScores el2n = Scorers.el2n(store).score();
        InfluenceScores vog = Scorers.vog(store).score();
        assertEquals(N, el2n.size());
        assertEquals(N, vog.size());
        assertEquals(HARD, hardest(el2n, HARD.size()), "EL2N: the wrong-class examples are the hardest");
        assertEquals(HARD, hardest(vog, HARD.size()), "VoG: the unstable-gradient examples are the hardest");
        assertTrue(HARD.contains(vog.hardest()));
        assertEquals(ScoreProvenance.currentLibraryVersion(), vog.provenance().libraryVersion());

        Selection keep = Selections.parse("prune-easy:0.3").select(vog, 42L);
        assertEquals(N, keep.total());
        assertEquals(28, keep.keptCount());
        assertEquals(12, keep.prunedCount());
        for (int id : HARD) {
            assertTrue(keep.isKept(id), "a hard example must survive prune-easy: " + id);
        }
        int[] both = IntStream.concat(Arrays.stream(keep.keptIds()), Arrays.stream(keep.prunedIds())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, N).toArray(), both);
        assertFalse(Arrays.stream(keep.prunedIds()).anyMatch(HARD::contains));
    }

    private static void writeArtifacts(ArtifactWriter w) {
        Random rnd = new Random(7);
        int[] labels = IntStream.range(0, N).map(i -> i % K).toArray();
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, Nd4j.createFromArray(labels));
        float[][] stableGrads = new float[N * POSITIONS][DIM];
        for (float[] row : stableGrads) {
            for (int d = 0; d < DIM; d++) {
                row[d] = (float) rnd.nextGaussian();
            }
        }
        int[] lengths = new int[N];
        Arrays.fill(lengths, POSITIONS);
        for (int c = 0; c < CHECKPOINTS; c++) {
            float[][] logits = new float[N][K];
            float[] loss = new float[N];
            float[][] grads = new float[N * POSITIONS][DIM];
            for (int i = 0; i < N; i++) {
                boolean hard = HARD.contains(i);
                int predicted = hard ? (labels[i] + 1) % K : labels[i];
                logits[i][predicted] = 4f + 0.1f * c;
                loss[i] = hard ? 4f : 0.05f;
                for (int p = 0; p < POSITIONS; p++) {
                    int row = i * POSITIONS + p;
                    for (int d = 0; d < DIM; d++) {
                        float jitter = 1e-3f * (float) rnd.nextGaussian();
                        grads[row][d] = stableGrads[row][d] + (hard ? 3f * (float) rnd.nextGaussian() : jitter);
                    }
                }
            }
            Checkpoint cp = Checkpoint.builder("epoch-" + c).step(10L * (c + 1)).epoch(c).learningRate(0.1).build();
            try (CheckpointWriter cw = w.beginCheckpoint(cp)) {
                cw.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, Nd4j.createFromArray(logits));
                cw.write(ArtifactKey.of(ArtifactKind.LOSS), 0, Nd4j.createFromArray(loss));
                cw.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), 0, Nd4j.createFromArray(grads), lengths);
                cw.commit();
            }
        }
    }

    private static Set<Integer> hardest(InfluenceScores scores, int count) {
        // "hardest" follows the score's orientation, as InfluenceScores.hardest() does
        int[] ids = scores.exampleIds();
        Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> scores.orientation().compareHardness(scores.value(b), scores.value(a)));
        return Arrays.stream(order).limit(count).map(o -> ids[o]).collect(Collectors.toSet());
    }

    private static String jarOf(Class<?> c) {
        String path = c.getProtectionDomain().getCodeSource().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
