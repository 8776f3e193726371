// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.StoreVerification;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GradientScorers;
import io.github.influence4j.spark.store.HadoopStores;
import io.github.influence4j.spark.store.SerializableConf;
import io.github.influence4j.spark.store.ShardSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Train-to-test TracIn and TracIn-WE on Spark (Pruthi et al. 2020, Eq. 1; Yeh et al. 2022;
 * docs/DESIGN.md sections 3.2 and 3.3; docs/SCALE.md section 3.3): the test store (its per-example
 * gradients, small next to the training set) is broadcast to every executor as its store files;
 * each task scores one training shard against all test examples and keeps the top-k proponents
 * and opponents per test example; the driver merges the per-shard lists.
 *
 * <pre>{@code
 * TopInfluences top = SparkTracIn.topK(spark, trainSet, URI.create("hdfs://nn/runs/snli/test-store"), conf,
 *         "tracin", Map.of("layers", "fc2"), 10);
 * }</pre>
 *
 * @implNote The merge is exact: every test example's k strongest proponents over the whole set
 *     are among the k strongest of the shard holding them, and ties are broken by the lower
 *     training id in every shard and in the merge alike ({@link TopInfluences.Collector}), so the
 *     lists equal one machine's. Each pair's influence is computed from the same two gradients in
 *     the same order as on one machine.
 */
public final class SparkTracIn {
    private static final Map<String, Path> LOCAL_TEST_STORES = new ConcurrentHashMap<>();

    private SparkTracIn() {
    }

    /**
     * @param spark the session
     * @param train the training store set
     * @param testStore the test store's URI (captured at the same checkpoints)
     * @param conf the Hadoop configuration
     * @param pairScore {@code tracin} or {@code tracin-we}
     * @param options the score's options as strings (as {@code tracin-self} / {@code tracin-we-self})
     * @param k proponents and opponents per test example
     * @return the merged top-k lists, with training ids of the set
     */
    public static TopInfluences topK(SparkSession spark, ShardSet train, URI testStore, Configuration conf,
            String pairScore, Map<String, String> options, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Map<String, String> opts = new TreeMap<>(options);
        parse(pairScore, opts);
        TestStoreFiles files = TestStoreFiles.read(testStore, conf);
        Broadcast<TestStoreFiles> test = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(files);
        SerializableConf c = new SerializableConf(conf);
        List<ShardTop> parts;
        try {
            parts = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(IntStream.range(0, train.numShards()).boxed().toList(), Math.max(1, train.numShards()))
                    .map(i -> shardTop(train, c.get(), test.value(), pairScore, opts, k, i)).collect();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e, pairScore);
        } finally {
            test.destroy();
        }
        TopInfluences.Collector merged = TopInfluences.collector(parts.get(0).testIds().length, k);
        for (ShardTop p : parts) {
            for (int t = 0; t < p.testIds().length; t++) {
                for (int j = 0; j < p.trainIds()[t].length; j++) {
                    merged.offer(t, p.trainIds()[t][j], p.values()[t][j]);
                }
            }
        }
        ScoreProvenance first = ProvenanceJson.read(parts.get(0).provenance());
        ScoreProvenance run = ProvenanceJson.forSet(first, train.manifest().setId(), train.manifest().hash(),
                first.options());
        return merged.build(parts.get(0).name(), parts.get(0).testIds(), run);
    }

    static OptionValues parse(String pairScore, Map<String, String> options) {
        return switch (pairScore) {
            case "tracin" -> GradientScorers.TRACIN_SELF.parse(options);
            case "tracin-we" -> GradientScorers.TRACIN_WE_SELF.parse(options);
            default -> throw new ConfigurationException("unknown train-to-test score '" + pairScore
                    + "'; use tracin or tracin-we");
        };
    }

    private static ShardTop shardTop(ShardSet train, Configuration conf, TestStoreFiles test, String pairScore,
            Map<String, String> options, int k, int shard) {
        io.github.influence4j.spark.store.ShardSetManifest.Shard entry = train.manifest().shards().get(shard);
        try (TrainingArtifactStore trainStore = HadoopStores.open(train.shardUri(shard), conf,
                Optional.of(train.manifest().shards().get(shard).manifestHash()));
                TrainingArtifactStore testStore = test.open()) {
            OptionValues o = parse(pairScore, options);
            TrainToTestScorer s = pairScore.equals("tracin") ? Scorers.tracIn(trainStore, testStore, o)
                    : Scorers.tracInWe(trainStore, testStore, o);
            TopInfluences top = s.topK(k);
            int n = top.testIds().length;
            int[][] ids = new int[n][];
            double[][] values = new double[n][];
            for (int t = 0; t < n; t++) {
                List<TopInfluences.Influence> all = new ArrayList<>(top.proponents(t));
                all.addAll(top.opponents(t));
                ids[t] = all.stream().mapToInt(x -> entry.setId(x.trainId())).toArray();
                values[t] = all.stream().mapToDouble(TopInfluences.Influence::value).toArray();
            }
            return new ShardTop(top.name(), top.testIds(), ids, values, ProvenanceJson.write(top.provenance()));
        }
    }

    /** One shard's lists: per test row, training ids of the set and their influences. */
    private record ShardTop(String name, int[] testIds, int[][] trainIds, double[][] values, String provenance)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The test store's files, broadcast once and written to a local directory once per executor. */
    private record TestStoreFiles(String hash, Map<String, byte[]> files) implements Serializable {
        private static final long serialVersionUID = 1L;

        static TestStoreFiles read(URI store, Configuration conf) {
            Map<String, byte[]> files = new TreeMap<>();
            byte[] manifest = HadoopStores.readManifest(store, conf);
            files.put(HadoopStores.MANIFEST, manifest);
            FileSystem fs = HadoopStores.fileSystem(store, conf);
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("influence4j-test-manifest-");
                Files.write(scratch.resolve(HadoopStores.MANIFEST), manifest);
                for (StoreVerification.FileResult f : ArtifactStores.checkFiles(scratch).files()) {
                    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(store), f.file()))) {
                        files.put(f.file(), in.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new StoreException("cannot read test store " + store + ": " + e, e);
            } finally {
                if (scratch != null) {
                    deleteQuietly(scratch);
                }
            }
            String hash = HadoopStores.manifestHash(store, conf);
            return new TestStoreFiles(hash, files);
        }

        TrainingArtifactStore open() {
            Path dir = LOCAL_TEST_STORES.computeIfAbsent(hash, h -> {
                try {
                    Path d = Files.createTempDirectory("influence4j-test-store-");
                    for (Map.Entry<String, byte[]> e : files.entrySet()) {
                        Path f = d.resolve(e.getKey());
                        Files.createDirectories(f.getParent());
                        Files.write(f, e.getValue());
                    }
                    return d;
                } catch (IOException e) {
                    throw new StoreException("cannot write the broadcast test store locally: " + e, e);
                }
            });
            TrainingArtifactStore s = ArtifactStores.open(dir);
            if (!s.manifestHash().equals(hash)) {
                s.close();
                throw new StoreException("local copy of the test store at " + dir + " does not match the broadcast one");
            }
            return s;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch only
        }
    }
}
