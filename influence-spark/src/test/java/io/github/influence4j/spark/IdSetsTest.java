// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GradientScorers;
import io.github.influence4j.spark.scoring.ScoreDataset;
import io.github.influence4j.spark.scoring.SparkScoring;
import io.github.influence4j.spark.scoring.SparkSelections;
import io.github.influence4j.spark.scoring.SparkTracIn;
import io.github.influence4j.spark.store.ShardCopies;
import io.github.influence4j.spark.store.ShardSet;
import io.github.influence4j.spark.store.ShardSetManifest;
import io.github.influence4j.spark.store.ShardSets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Store sets whose shards hold sets of ids, not ranges (format version 2): the manifest's checks,
 * the set read as one store, and Spark scoring, each against the unsharded store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdSetsTest {
    private static final List<Checkpoint> CS = List.of(Checkpoint.builder("c0").step(1).epoch(0).learningRate(0.1)
            .seed(3).build());
    private Path tmp;
    private TrainingArtifactStore source;
    private ShardSet set;
    private final Configuration conf = new Configuration();

    @BeforeAll
    void setUp() {
        tmp = Fixtures.tempDir("influence4j-id-set-");
        source = ArtifactStores.open(Fixtures.createStore(tmp.resolve("src"), "src", Fixtures.SYNTHETIC, 31));
        int n = source.numExamples();
        // shard 0: every third id below 200; shard 1: the rest below 200; shard 2: [200, n), consecutive
        int[] a = IntStream.range(0, 200).filter(i -> i % 3 == 0).toArray();
        int[] b = IntStream.range(0, 200).filter(i -> i % 3 != 0).toArray();
        int[] c = IntStream.range(200, n).toArray();
        URI uri = tmp.resolve("set").toUri();
        ShardCopies.splitByIds(source, uri, conf, new int[][] {a, b, c});
        set = ShardSets.open(uri, conf);
    }

    @AfterAll
    void tearDown() {
        source.close();
    }

    private static ShardSetManifest.Shard ids(String name, int... ids) {
        return ShardSetManifest.Shard.ofIds(name, ids, "s-" + name, "sha256:00");
    }

    @Test
    void theManifestRefusesOverlappingMissingAndUnorderedIdsAndRoundTrips() {
        CorruptStoreException overlap = assertThrows(CorruptStoreException.class, () -> new ShardSetManifest("x", 6, 3, CS,
                List.of(ids("a", 0, 2, 4), ids("b", 1, 3, 4, 5))));
        assertTrue(overlap.getMessage().contains("example 4 is in shard b and in shard a")
                && overlap.getMessage().contains("overlapping"), overlap.getMessage());
        CorruptStoreException missing = assertThrows(CorruptStoreException.class, () -> new ShardSetManifest("x", 8, 3, CS,
                List.of(ids("a", 0, 2, 4), ids("b", 1, 3, 7))));
        assertTrue(missing.getMessage().contains("examples [5, 7) are in no shard"), missing.getMessage());
        CorruptStoreException outside = assertThrows(CorruptStoreException.class, () -> new ShardSetManifest("x", 4, 3, CS,
                List.of(ids("a", 0, 2), ids("b", 1, 3, 9))));
        assertTrue(outside.getMessage().contains("example 9, outside [0, 4)"), outside.getMessage());
        IllegalArgumentException unordered = assertThrows(IllegalArgumentException.class, () -> ids("a", 0, 3, 2));
        assertTrue(unordered.getMessage().contains("ascending") && unordered.getMessage().contains("id 2"),
                unordered.getMessage());

        ShardSetManifest m = new ShardSetManifest("x", 6, 3, CS, List.of(ids("a", 0, 2, 4), ids("b", 1, 3, 5)));
        String json = new String(m.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"formatVersion\" : 2") && json.contains("\"ids\""), json);
        ShardSetManifest back = ShardSetManifest.parse(m.toJson(), "test");
        assertEquals(m, back);
        assertArrayEquals(new int[] {1, 3, 5}, back.shards().get(1).ids());
        assertEquals(1, back.shardOf(3));
        assertEquals(0, back.shardOf(4));
        // a set of ranges is still written as version 1, as before
        ShardSetManifest ranges = new ShardSetManifest("x", 6, 3, CS, List.of(
                new ShardSetManifest.Shard("a", 0, 6, "s-a", "sha256:00")));
        assertTrue(new String(ranges.toJson(), StandardCharsets.UTF_8).contains("\"formatVersion\" : 1"));
        // a set.json whose ids were edited into an overlap is refused on parse
        String edited = json.replace("\"ids\" : [ 1, 3, 5 ]", "\"ids\" : [ 1, 4, 5 ]");
        assertTrue(!edited.equals(json), json);
        CorruptStoreException parsed = assertThrows(CorruptStoreException.class,
                () -> ShardSetManifest.parse(edited.getBytes(StandardCharsets.UTF_8), "t"));
        assertTrue(parsed.getMessage().contains("overlapping"), parsed.getMessage());
    }

    @Test
    void aSetOfIdListsReadsAsOneStoreAndScoresAsTheUnshardedStore() {
        assertEquals(3, set.numShards());
        assertTrue(set.manifest().shards().get(0).hasIds());
        try (TrainingArtifactStore all = ShardSets.openStore(set.location(), conf)) {
            assertEquals(source.numExamples(), all.numExamples());
            for (ExampleRange r : List.of(ExampleRange.of(0, 300), ExampleRange.of(5, 6), ExampleRange.of(17, 233),
                    ExampleRange.of(199, 201), ExampleRange.of(250, 250))) {
                for (ArtifactKey k : List.of(ArtifactKey.of(ArtifactKind.LOGITS), ArtifactKey.of(ArtifactKind.INPUT_GRADS))) {
                    try (ArtifactChunk x = source.read("c02", k, r); ArtifactChunk y = all.read("c02", k, r)) {
                        assertEquals(x.values(), y.values(), k + " " + r);
                        if (x.info().isRagged()) {
                            assertTrue(Arrays.equals(x.offsets(), y.offsets()), k + " " + r);
                        }
                    }
                }
                double[] a = new double[r.size() * 3];
                double[] b = new double[r.size() * 3];
                source.readDoubles("c02", ArtifactKey.of(ArtifactKind.LOGITS), r, a);
                all.readDoubles("c02", ArtifactKey.of(ArtifactKind.LOGITS), r, b);
                assertTrue(Arrays.equals(a, b), "LOGITS as float64 " + r);
            }
            for (Fixtures.Run run : Fixtures.ALL_SCORERS) {
                InfluenceScores one = InfluenceScorers.create(run.scorer(), source, run.options()).score();
                InfluenceScores sharded = InfluenceScorers.create(run.scorer(), all, run.options()).score();
                Fixtures.assertScores(run + " (id set opened as one store)", one.values(), sharded.values(), true);
            }
        }
    }

    @Test
    void sparkScoresLabelsSelectionsAndTracInOfAnIdSetEqualOneMachine() {
        SparkSession spark = TestCluster.spark();
        for (Fixtures.Run run : Fixtures.ALL_SCORERS) {
            InfluenceScores one = InfluenceScorers.create(run.scorer(), source, run.options()).score();
            ScoreDataset ds = SparkScoring.score(spark, set, conf, run.scorer(), run.options());
            InfluenceScores onSpark = ds.collect();
            assertArrayEquals(one.exampleIds(), onSpark.exampleIds(), run.toString());
            Fixtures.assertScores(run + " (Spark, id set)", one.values(), onSpark.values(), !run.twoPhase());
        }
        int[] labels = SparkScoring.labels(spark, set, conf);
        assertArrayEquals(SparkScoringTest.ScoringLabels.of(source), labels);
        InfluenceScores vog = InfluenceScorers.create("vog", source, Map.of("normalization", "NONE")).score();
        ScoreDataset ds = SparkScoring.score(spark, set, conf, "vog", Map.of("normalization", "NONE"));
        for (String spec : List.of("prune-easy:0.3", "keep-hard:0.2,class-balanced=true", "random:prune=0.3")) {
            assertArrayEquals(Selections.parse(spec).select(vog, labels, 42L).keptIds(),
                    SparkSelections.select(ds, labels, spec, 42L).keptIds(), spec);
        }
        Path testLocal = Fixtures.createStore(tmp.resolve("test-store"), "syn", Fixtures.SYNTHETIC.withExamples(30), 5);
        try (TrainingArtifactStore test = ArtifactStores.open(testLocal)) {
            TopInfluences one = Scorers.tracIn(source, test, GradientScorers.TRACIN_SELF.parse(Map.of())).topK(5);
            TopInfluences many = SparkTracIn.topK(spark, set, testLocal.toUri(), conf, "tracin", Map.of(), 5);
            for (int t = 0; t < one.testIds().length; t++) {
                assertEquals(one.proponents(t), many.proponents(t), "proponents of test " + t);
                assertEquals(one.opponents(t), many.opponents(t), "opponents of test " + t);
            }
        }
    }
}
