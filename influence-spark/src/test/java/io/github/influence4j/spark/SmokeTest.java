// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.influence4j.bench.SyntheticShape;
import io.github.influence4j.bench.SyntheticStore;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.spark.scoring.SparkScoring;
import io.github.influence4j.spark.store.ShardCopies;
import io.github.influence4j.spark.store.ShardSet;
import io.github.influence4j.spark.store.ShardSets;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path tmp;

    @Test
    void el2nOnSparkEqualsOneMachine() {
        long t0 = System.nanoTime();
        SyntheticStore.createFile(tmp.resolve("s"), "syn", new SyntheticShape(500, 2, 6, 4, 3, 4, 300, 8, 64, true, true), 3);
        long t1 = System.nanoTime();
        URI set = TestCluster.hdfsDir("smoke");
        TestCluster.hdfs();
        long t2 = System.nanoTime();
        System.err.printf("store %.1fs hdfs %.1fs%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        try (TrainingArtifactStore store = ArtifactStores.open(tmp.resolve("s"))) {
            ShardCopies.split(store, set, TestCluster.conf(), 3);
            long t3 = System.nanoTime();
            System.err.printf("split %.1fs%n", (t3 - t2) / 1e9);
            ShardSet s = ShardSets.open(set, TestCluster.conf());
            InfluenceScores one = InfluenceScorers.create("el2n", store, Map.of()).score();
            InfluenceScores many = SparkScoring.score(TestCluster.spark(), s, TestCluster.conf(), "el2n", Map.of()).collect();
            long t4 = System.nanoTime();
            assertArrayEquals(one.values(), many.values());
            System.out.printf("store %.1fs hdfs %.1fs split %.1fs spark %.1fs%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9, (t4 - t3) / 1e9);
        }
    }
}
