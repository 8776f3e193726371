// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package com.example.lossmean;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

class LossMeanScorerTest {
    private static final int N = 23;
    private static final int C = 4;

    /** losses[c][i], float32 as stored. */
    private final float[][] losses = new float[C][N];

    private TrainingArtifactStore store(int chunkSize) {
        Random rnd = new Random(7);
        ArtifactWriter w = MemoryStores.create(new StoreSpec("loss-test", N, 3, chunkSize));
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < N; i++) {
                losses[c][i] = (float) (rnd.nextDouble() * 3);
            }
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint("c" + c, 10L * c, c, 1e-3, 1))) {
                cw.write(ArtifactKey.of(ArtifactKind.LOSS), 0, Nd4j.createFromArray(losses[c]));
                cw.commit();
            }
        }
        return w.store();
    }

    private double[] naiveMean(int fromCheckpoint) {
        double[] m = new double[N];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int c = fromCheckpoint; c < C; c++) {
                s += losses[c][i];
            }
            m[i] = s / (C - fromCheckpoint);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 23, 24})
    void matchesNaiveLoopForEveryChunkSize(int chunk) {
        TrainingArtifactStore s = store(8);
        InfluenceScores scores = LossMean.DEFINITION.create(s, Map.of()).score(ScoreRequest.builder().chunkSize(chunk).build());
        assertClose(naiveMean(0), scores.values(), 1e-12, 0, "loss-mean chunk " + chunk);
        assertEquals(Orientation.HIGHER_IS_HARDER, scores.orientation());
        assertEquals(java.util.List.of("c0", "c1", "c2", "c3"), scores.provenance().checkpoints());
    }

    @Test
    void lastAndCheckpointsOptionsSelectCheckpoints() {
        TrainingArtifactStore s = store(8);
        assertClose(naiveMean(2), LossMean.DEFINITION.create(s, Map.of("last", "2")).score().values(), 1e-12, 0, "last=2");
        double[] only3 = new double[N];
        for (int i = 0; i < N; i++) {
            only3[i] = losses[3][i];
        }
        assertClose(only3, LossMean.DEFINITION.create(s, Map.of("checkpoints", "c3")).score().values(), 1e-12, 0, "c3");
    }

    @Test
    void subsetScoresOnlyTheRequestedExamples() {
        TrainingArtifactStore s = store(8);
        InfluenceScores sub = LossMean.DEFINITION.create(s, Map.of()).score(ScoreRequest.builder().examples(3, 17).build());
        assertArrayEquals(new int[] {3, 17}, sub.exampleIds());
        double[] all = naiveMean(0);
        assertClose(new double[] {all[3], all[17]}, sub.values(), 1e-12, 0, "subset");
    }

    @Test
    void badInputIsAClearError() {
        TrainingArtifactStore s = store(8);
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> LossMean.DEFINITION.create(s, Map.of("lst", "2")));
        assertTrue(unknown.getMessage().contains("lst"), unknown.getMessage());
        ConfigurationException tooMany = assertThrows(ConfigurationException.class,
                () -> LossMean.DEFINITION.create(s, Map.of("last", "9")));
        assertTrue(tooMany.getMessage().contains("only 4"), tooMany.getMessage());
        ConfigurationException noSuch = assertThrows(ConfigurationException.class,
                () -> LossMean.DEFINITION.create(s, Map.of("checkpoints", "c9")));
        assertTrue(noSuch.getMessage().contains("'c9'"), noSuch.getMessage());

        ArtifactWriter w = MemoryStores.create(new StoreSpec("no-loss", 2, 2, 2));
        try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 0, 0, 1e-3, 1))) {
            c.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
            c.commit();
        }
        MissingArtifactException missing = assertThrows(MissingArtifactException.class,
                () -> LossMean.DEFINITION.create(w.store(), Map.of()));
        assertTrue(missing.getMessage().contains("LOSS"), missing.getMessage());
    }

    @Test
    void isDiscoveredThroughTheServicesFile() {
        assertEquals(LossMean.DEFINITION, InfluenceScorers.definition("loss-mean"));
        TrainingArtifactStore s = store(8);
        assertClose(naiveMean(0), InfluenceScorers.create("loss-mean", s, Map.of()).score().values(), 1e-12, 0,
                "via SPI");
    }
}
