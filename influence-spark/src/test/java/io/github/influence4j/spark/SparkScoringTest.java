// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GradientScorers;
import io.github.influence4j.spark.scoring.ScoreDataset;
import io.github.influence4j.spark.scoring.SparkScoring;
import io.github.influence4j.spark.scoring.SparkSelections;
import io.github.influence4j.spark.scoring.SparkTracIn;
import io.github.influence4j.spark.store.HadoopStores;
import io.github.influence4j.spark.store.ShardCopies;
import io.github.influence4j.spark.store.ShardSet;
import io.github.influence4j.spark.store.ShardSets;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spark ({@code local[2]}) over a real HDFS: every scorer on a sharded synthetic store and a sharded
 * SNLI-like store equals one machine's scoring of the unsharded store; TracIn top-k lists and
 * selections are the same; and the failure cases end in a clear error or a correct result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkScoringTest {
    private Path tmp;
    private TrainingArtifactStore synthetic;
    private TrainingArtifactStore snli;
    private ShardSet syntheticSet;
    private ShardSet snliSet;
    private SparkSession spark;
    private Configuration conf;

    @BeforeAll
    void setUp() {
        tmp = Fixtures.tempDir("influence4j-spark-test-");
        spark = TestCluster.spark();
        conf = TestCluster.conf();
        synthetic = ArtifactStores.open(Fixtures.createStore(tmp.resolve("syn"), "syn", Fixtures.SYNTHETIC, 7));
        snli = ArtifactStores.open(Fixtures.createStore(tmp.resolve("snli"), "snli", Fixtures.SNLI_LIKE, 11));
        URI synUri = TestCluster.hdfsDir("syn");
        ShardCopies.split(synthetic, synUri, conf, 3);
        syntheticSet = ShardSets.open(synUri, conf);
        URI snliUri = TestCluster.hdfsDir("snli");
        ShardCopies.split(snli, snliUri, conf, 2);
        snliSet = ShardSets.open(snliUri, conf);
    }

    @AfterAll
    void tearDown() {
        synthetic.close();
        snli.close();
    }

    @Test
    void everyScorerOnSparkEqualsOneMachineOnTheSyntheticStore() {
        everyScorer(synthetic, syntheticSet);
    }

    @Test
    void everyScorerOnSparkEqualsOneMachineOnTheSnliLikeStore() {
        everyScorer(snli, snliSet);
    }

    private void everyScorer(TrainingArtifactStore original, ShardSet set) {
        try (TrainingArtifactStore oneStore = ShardSets.openStore(set.location(), conf)) {
            for (Fixtures.Run run : Fixtures.ALL_SCORERS) {
                String what = original.id() + " " + run;
                InfluenceScores one = InfluenceScorers.create(run.scorer(), original, run.options()).score();
                InfluenceScores sharded = InfluenceScorers.create(run.scorer(), oneStore, run.options()).score();
                Fixtures.assertScores(what + " (set opened as one store)", one.values(), sharded.values(), true);
                ScoreDataset ds = SparkScoring.score(spark, set, conf, run.scorer(), run.options());
                InfluenceScores onSpark = ds.collect();
                assertArrayEquals(one.exampleIds(), onSpark.exampleIds(), what);
                Fixtures.assertScores(what + " (Spark)", one.values(), onSpark.values(), !run.twoPhase());
                assertEquals(one.orientation(), onSpark.orientation(), what);
                assertEquals(set.manifest().hash(), onSpark.provenance().manifestHash(), what);
                assertEquals(one.provenance().checkpoints(), onSpark.provenance().checkpoints(), what);
            }
        }
    }

    @Test
    void parquetHoldsIdsScoresAndEachRowsShardProvenance() {
        ScoreDataset ds = SparkScoring.score(spark, syntheticSet, conf, "el2n", Map.of());
        assertEquals(List.of("id", "score", "shard"), List.of(ds.rows().columns()), "no string per row in the scores");
        assertEquals(syntheticSet.numShards(), ds.shardProvenance().count());
        // a two-phase score's shards ran its first phase without normalisation; their provenance says
        // what the rows hold: the run's options
        ScoreDataset vog = SparkScoring.score(spark, syntheticSet, conf, "vog", Map.of("normalization", "CLASS"));
        List<Row> shards = vog.shardProvenance().orderBy("shard").collectAsList();
        assertEquals(syntheticSet.numShards(), shards.size());
        for (int i = 0; i < shards.size(); i++) {
            assertEquals(i, shards.get(i).getInt(0));
            String p = shards.get(i).getString(1);
            assertTrue(p.contains("CLASS") && !p.contains("NONE"), p);
            assertTrue(p.contains(syntheticSet.manifest().shards().get(i).manifestHash()), p);
        }
        String out = TestCluster.hdfsDir("el2n-parquet").toString();
        ds.writeParquet(out);
        List<Row> rows = spark.read().parquet(out).orderBy("id").collectAsList();
        InfluenceScores one = Scorers.el2n(synthetic).score();
        assertEquals(one.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getInt(rows.get(i).fieldIndex("id")));
            assertEquals(one.values()[i], rows.get(i).getDouble(rows.get(i).fieldIndex("score")));
            String prov = rows.get(i).getString(rows.get(i).fieldIndex("provenance"));
            int shard = syntheticSet.manifest().shardOf(i);
            assertEquals(shard, rows.get(i).getInt(rows.get(i).fieldIndex("shard")));
            assertTrue(prov.contains(syntheticSet.manifest().shards().get(shard).manifestHash()), prov);
            assertTrue(prov.contains("\"scorer\":\"el2n\""), prov);
        }
    }

    @Test
    void tracInTopKMergedOverShardsEqualsOneMachine() throws IOException {
        Path testLocal = Fixtures.createStore(tmp.resolve("test-store"), "syn", Fixtures.SYNTHETIC.withExamples(40), 7);
        URI testUri = TestCluster.hdfsDir("test-store");
        HadoopStores.publish(testLocal, testUri, conf, "t");
        try (TrainingArtifactStore test = ArtifactStores.open(testLocal)) {
            for (String pair : List.of("tracin", "tracin-we")) {
                OptionValues o = pair.equals("tracin") ? GradientScorers.TRACIN_SELF.parse(Map.of())
                        : GradientScorers.TRACIN_WE_SELF.parse(Map.of());
                TopInfluences one = (pair.equals("tracin") ? Scorers.tracIn(synthetic, test, o)
                        : Scorers.tracInWe(synthetic, test, o)).topK(5);
                TopInfluences many = SparkTracIn.topK(spark, syntheticSet, testUri, conf, pair, Map.of(), 5);
                assertArrayEquals(one.testIds(), many.testIds(), pair);
                for (int t = 0; t < one.testIds().length; t++) {
                    assertEquals(one.proponents(t), many.proponents(t), pair + " proponents of test " + t);
                    assertEquals(one.opponents(t), many.opponents(t), pair + " opponents of test " + t);
                }
                assertFalse(many.proponents(0).isEmpty() && many.opponents(0).isEmpty(), pair);
            }
        }
    }

    @Test
    void selectionsOnTheSparkScoresKeepTheSameIdsAsOneMachine() {
        InfluenceScores one = Scorers.vog(synthetic).score();
        ScoreDataset ds = SparkScoring.score(spark, syntheticSet, conf, "vog", Map.of());
        int[] labels = SparkScoring.labels(spark, syntheticSet, conf);
        int[] oneLabels = ScoringLabels.of(synthetic);
        assertArrayEquals(oneLabels, labels);
        for (String spec : List.of("prune-easy:0.3", "keep-hard:0.2,class-balanced=true",
                "softmax:temperature=0.5,keep=0.5", "linear:keep=0.4,favour=easy", "random:prune=0.3", "stratified:keep=0.6")) {
            int[] expected = Selections.parse(spec).select(one, oneLabels, 42L).keptIds();
            int[] actual = SparkSelections.select(ds, labels, spec, 42L).keptIds();
            assertArrayEquals(expected, actual, spec);
        }
    }

    @Test
    void aShardMissingOrFromAnotherRunIsAClearErrorAndNothingIsWritten() throws IOException {
        URI a = TestCluster.hdfsDir("run-a");
        ShardCopies.split(synthetic, a, conf, 3);
        URI b = TestCluster.hdfsDir("run-b");
        try (TrainingArtifactStore other = ArtifactStores.open(
                Fixtures.createStore(tmp.resolve("other"), "syn", Fixtures.SYNTHETIC, 8))) {
            ShardCopies.split(other, b, conf, 3);
        }
        ShardSet opened = ShardSets.open(a, conf);
        FileSystem fs = HadoopStores.fileSystem(a, conf);
        // a shard of run b replaces shard 1 of run a after the driver checked the set: the executor refuses it
        org.apache.hadoop.fs.Path shard1 = new org.apache.hadoop.fs.Path(ShardSets.shardUri(a, "shard-00001"));
        fs.delete(shard1, true);
        org.apache.hadoop.fs.FileUtil.copy(fs, new org.apache.hadoop.fs.Path(ShardSets.shardUri(b, "shard-00001")), fs,
                shard1, false, conf);
        String out = TestCluster.hdfsDir("never-written").toString();
        CorruptStoreException e = assertThrows(CorruptStoreException.class,
                () -> SparkScoring.score(spark, opened, conf, "el2n", Map.of()).writeParquet(out));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(out)));
        CorruptStoreException atOpen = assertThrows(CorruptStoreException.class, () -> ShardSets.open(a, conf));
        assertTrue(atOpen.getMessage().contains("shard-00001") && atOpen.getMessage().contains("another run"),
                atOpen.getMessage());
        fs.delete(shard1, true);
        var missing = assertThrows(io.github.influence4j.core.exception.StoreNotFoundException.class,
                () -> ShardSets.open(a, conf));
        assertTrue(missing.getMessage().contains("shard-00001") && missing.getMessage().contains("missing"),
                missing.getMessage());
    }

    @Test
    void aCustomScorerMissingFromTheExecutorsIsAClearErrorThenShippingItsJarGivesOneMachinesScores()
            throws IOException {
        Path jar = tmp.resolve("loss-max-scorer.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider"));
            j.write((LossMaxScorer.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        try (URLClassLoader driver = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Thread.currentThread().getContextClassLoader())) {
            String out = TestCluster.hdfsDir("custom-never-written").toString();
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> SparkScoring.score(spark,
                    syntheticSet, conf, "test-loss-max", Map.of(), driver).writeParquet(out));
            assertTrue(e.getMessage().contains("executors") && e.getMessage().contains("--jars"), e.getMessage());
            assertFalse(HadoopStores.fileSystem(syntheticSet.location(), conf).exists(new org.apache.hadoop.fs.Path(out)));

            spark.sparkContext().addJar(jar.toString());
            double[] one = LossMaxScorer.DEFINITION.create(synthetic).score().values();
            LossMaxScorer.FAIL_ONCE.set(true);
            InfluenceScores onSpark = SparkScoring.score(spark, syntheticSet, conf, "test-loss-max", Map.of(), driver)
                    .collect();
            assertFalse(LossMaxScorer.FAIL_ONCE.get(), "the first attempt of shard 1 was killed mid-shard");
            Fixtures.assertScores("test-loss-max after a retry", one, onSpark.values(), true);
        }
    }

    @Test
    void sparkScoreTakesTheScoreCommandsNamesAndOptionsAndWritesParquet() {
        String out = TestCluster.hdfsDir("cli").toString();
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int bad;
        try {
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            bad = io.github.influence4j.spark.cli.SparkScoreCommand.run("--set", syntheticSet.location().toString(),
                    "--scorer", "vog", "-o", "normalization=SOMETIMES");
        } finally {
            System.setErr(err);
        }
        assertEquals(1, bad);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("normalization"), captured.toString(StandardCharsets.UTF_8));
        int ok = io.github.influence4j.spark.cli.SparkScoreCommand.run("--set", syntheticSet.location().toString(),
                "--scorer", "aum", "--option", "checkpoints=c01,c03", "--out", out, "--policy", "prune-hard:0.25");
        assertEquals(0, ok);
        InfluenceScores one = InfluenceScorers.create("aum", synthetic, Map.of("checkpoints", "c01,c03")).score();
        List<Row> rows = spark.read().parquet(out).orderBy("id").collectAsList();
        assertEquals(one.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(one.values()[i], rows.get(i).getDouble(rows.get(i).fieldIndex("score")));
        }
    }

    /** Labels of a store, read directly. */
    static final class ScoringLabels {
        static int[] of(TrainingArtifactStore s) {
            try (var c = s.readStatic(io.github.influence4j.core.store.ArtifactKey.of(
                    io.github.influence4j.core.store.ArtifactKind.LABELS),
                    io.github.influence4j.core.store.ExampleRange.of(0, s.numExamples()))) {
                return c.values().toIntVector();
            }
        }
    }
}
