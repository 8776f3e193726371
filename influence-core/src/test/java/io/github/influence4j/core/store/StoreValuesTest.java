// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The builders and factories of the store's value types. */
class StoreValuesTest {
    @Test
    void checkpointBuilderNamesEveryFieldAndDefaultsEpochAndSeed() {
        assertEquals(new Checkpoint("c0", 100, 2, 1e-3, 42),
                Checkpoint.builder("c0").step(100).epoch(2).learningRate(1e-3).seed(42).build());
        assertEquals(new Checkpoint("c0", 100, 0, 1e-3, 0), Checkpoint.builder("c0").learningRate(1e-3).step(100).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Checkpoint.builder("c0").build());
        assertEquals("checkpoint 'c0': set step and learningRate before build()", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Checkpoint.builder("c0").step(1).step(2));
        assertEquals("checkpoint 'c0': step is already set to 1", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.builder("c0").step(1).learningRate(-1).build());
        assertTrue(bad.getMessage().contains("learning rate must be finite and >= 0, was -1.0"), bad.getMessage());
    }

    @Test
    void storeSpecBuilderDefaultsTheChunkSize() {
        assertEquals(StoreSpec.of("s", 10, 3), StoreSpec.builder("s").numExamples(10).numClasses(3).build());
        assertEquals(new StoreSpec("s", 10, 3, 4), StoreSpec.builder("s").numClasses(3).numExamples(10).chunkSize(4).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StoreSpec.builder("s").numClasses(3).build());
        assertEquals("store 's': set numExamples before build()", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> StoreSpec.builder("s").chunkSize(4).chunkSize(8));
        assertEquals("store 's': chunkSize is already set to 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreSpec.builder("s").numExamples(0).numClasses(3).build());
    }

    @Test
    void artifactInfoFactoryAndAttributes() {
        ArtifactKey key = ArtifactKey.of(ArtifactKind.PROJECTED_GRADS);
        ArtifactInfo info = ArtifactInfo.of(key, DataType.FLOAT, 6);
        assertEquals(new ArtifactInfo(key, DataType.FLOAT, List.of(6L), Map.of()), info);
        assertEquals(Map.of("dim", "6"), info.withAttributes(Map.of("dim", "6")).attributes());
        assertEquals(List.of(), ArtifactInfo.of(ArtifactKey.of(ArtifactKind.LOSS), DataType.DOUBLE).exampleShape());
    }
}
