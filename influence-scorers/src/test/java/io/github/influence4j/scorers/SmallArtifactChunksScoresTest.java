// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.WriteOptions;
import io.github.influence4j.scorers.testing.GoldenFixture;
import io.github.influence4j.scorers.testing.StoreKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every score is bit-identical whether a store's small artifacts (labels, logits, losses, small
 * layer tensors) are committed in the store's chunks or in larger on-disk chunks
 * ({@link WriteOptions#smallArtifactBytes()}): on the golden fixture with chunks of 3 examples and
 * larger chunks of a few store chunks, so that the scoring engine's reads start and end both on
 * and inside the larger chunks.
 */
class SmallArtifactChunksScoresTest {
    @Test
    void everyScoreIsTheSameInEitherLayout(@TempDir Path dir) throws IOException {
        TrainingArtifactStore source = GoldenFixture.store(StoreKind.FILE, dir.resolve("src"), DataType.FLOAT, 3);
        Float16StorageTest.copy(source, dir.resolve("store-chunks"), WriteOptions.defaults().withSmallArtifactBytes(0));
        Float16StorageTest.copy(source, dir.resolve("larger"), WriteOptions.defaults().withSmallArtifactBytes(200));
        JsonNode m = new ObjectMapper().readTree(dir.resolve("larger/manifest.json").toFile());
        assertTrue(m.at("/checkpoints/0/artifacts/LOGITS/chunkSize").asInt() > 3, "LOGITS in larger chunks: " + m);
        assertTrue(m.at("/staticArtifacts/LABELS/chunkSize").asInt() > 3, "LABELS in larger chunks");

        Map<String, Function<TrainingArtifactStore, InfluenceScorer>> scorers = Float16StorageTest.everyScorer();
        scorers.put("data-map-confidence", s -> Scorers.dataMap(s).confidence());
        scorers.put("data-map-variability", s -> Scorers.dataMap(s).variability());
        try (TrainingArtifactStore a = ArtifactStores.open(dir.resolve("store-chunks"));
                TrainingArtifactStore b = ArtifactStores.open(dir.resolve("larger"))) {
            for (Map.Entry<String, Function<TrainingArtifactStore, InfluenceScorer>> e : scorers.entrySet()) {
                assertArrayEquals(e.getValue().apply(a).score().values(), e.getValue().apply(b).score().values(),
                        e.getKey());
            }
        }
        source.close();
    }
}
