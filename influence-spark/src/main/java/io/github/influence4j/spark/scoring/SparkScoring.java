// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.spark.store.HadoopStores;
import io.github.influence4j.spark.store.SerializableConf;
import io.github.influence4j.spark.store.ShardSet;
import io.github.influence4j.spark.store.ShardSetManifest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any scorer, run on Spark over a store set, one task per shard (docs/SCALE.md section 3).
 *
 * <pre>{@code
 * ShardSet set = ShardSets.open(URI.create("hdfs://nn/runs/snli/set"), conf);
 * ScoreDataset vog = SparkScoring.score(spark, set, conf, "vog", Map.of("normalization", "CLASS"));
 * vog.writeParquet("hdfs://nn/runs/snli/scores/vog");
 * }</pre>
 *
 * <p>Each task opens its shard (checking the manifest hash the set recorded), finds the scorer by
 * name through {@code ServiceLoader} on the executor's class path (built-in or a third party's jar
 * shipped with {@code --jars}), and scores the shard's examples exactly as one machine would. A
 * score whose definition needs statistics over all scored examples runs in two phases
 * ({@link GlobalNormalization}): raw values per shard, then merged group statistics, then the
 * normalisation. The result is computed eagerly (a failure surfaces here, not in a later write),
 * kept on the executors' disks, and returned as a {@link ScoreDataset}.
 */
public final class SparkScoring {
    private static final Logger LOG = LoggerFactory.getLogger(SparkScoring.class);

    private SparkScoring() {
    }

    /**
     * Scores a store set with a scorer found by name on the driver's class path (the context loader).
     *
     * @param spark the session
     * @param set the checked store set
     * @param conf the Hadoop configuration (shipped to the tasks)
     * @param scorer the scorer's name, as {@code influence4j score --list} prints it
     * @param options the scorer's options as strings, as {@code score --option key=value}
     * @return the scores
     * @throws io.github.influence4j.core.exception.ScorerNotFoundException if the driver does not know the scorer
     * @throws io.github.influence4j.core.exception.ConfigurationException for a bad option, or a scorer
     *     missing from the executors' class path
     */
    public static ScoreDataset score(SparkSession spark, ShardSet set, Configuration conf, String scorer,
            Map<String, String> options) {
        return score(spark, set, conf, scorer, options, Thread.currentThread().getContextClassLoader());
    }

    /**
     * @param spark the session
     * @param set the checked store set
     * @param conf the Hadoop configuration
     * @param scorer the scorer's name
     * @param options its options as strings
     * @param driverLoader where the driver looks the scorer up (tasks use their own context loader)
     * @return the scores
     */
    public static ScoreDataset score(SparkSession spark, ShardSet set, Configuration conf, String scorer,
            Map<String, String> options, ClassLoader driverLoader) {
        ScorerDefinition def = InfluenceScorers.definition(scorer, driverLoader);
        Map<String, String> inForce = new TreeMap<>(def.parse(options).toMap());
        Optional<GlobalNormalization> global = GlobalNormalization.of(def, options);
        Map<String, String> shardOptions = global.map(g -> g.shardOptions(options)).orElse(Map.copyOf(options));
        boolean labels = global.map(GlobalNormalization::needsLabels).orElse(false);
        JavaRDD<ShardScores> blocks = scoreShards(spark, set, conf, scorer, shardOptions, labels)
                .persist(StorageLevel.DISK_ONLY());
        List<scala.Tuple2<Integer, String>> provenance;
        try {
            provenance = blocks.map(b -> new scala.Tuple2<>(b.shard(), b.provenance())).collect();
        } catch (Exception e) {
            blocks.unpersist(false);
            throw SparkErrors.unwrap(e, scorer);
        }
        ScoreProvenance run = ProvenanceJson.forSet(ProvenanceJson.read(provenance.get(0)._2()), set.manifest().setId(),
                set.manifest().hash(), inForce);
        JavaRDD<InternalRow> rows = global.isPresent() ? global.get().apply(blocks, set.manifest().numClasses())
                : blocks.flatMap(b -> rowsOf(b, b.values()));
        Dataset<Row> ds = dataFrame(spark, rows);
        List<Row> perShard = new java.util.ArrayList<>();
        for (scala.Tuple2<Integer, String> shard : provenance) {
            String p = shard._2();
            if (global.isPresent()) { // the options in force are the run's, not the shards' first phase
                p = ProvenanceJson.write(ProvenanceJson.withOptions(ProvenanceJson.read(p), inForce));
            }
            perShard.add(RowFactory.create(shard._1(), p));
        }
        Dataset<Row> shardProvenance = spark.createDataFrame(perShard, new StructType()
                .add(ScoreDataset.SHARD, DataTypes.IntegerType, false)
                .add(ScoreDataset.PROVENANCE, DataTypes.StringType, false));
        LOG.info("scored {} examples of store set '{}' with {} on {} shards{}", set.manifest().numExamples(),
                set.manifest().setId(), scorer, set.numShards(), global.isPresent() ? " (two-phase normalisation)" : "");
        return new ScoreDataset(ds, def.name(), def.orientation(), run, shardProvenance);
    }

    /** @return the schema of score rows: id INT, score DOUBLE, shard INT */
    public static StructType schema() {
        return new StructType().add(ScoreDataset.ID, DataTypes.IntegerType, false)
                .add(ScoreDataset.SCORE, DataTypes.DoubleType, false)
                .add(ScoreDataset.SHARD, DataTypes.IntegerType, false);
    }

    /**
     * The gold labels of every example of a set, read on the executors, in id order.
     *
     * @param spark the session
     * @param set the set
     * @param conf the Hadoop configuration
     * @return the labels, index = set example id
     */
    public static int[] labels(SparkSession spark, ShardSet set, Configuration conf) {
        SerializableConf c = new SerializableConf(conf);
        List<int[]> parts = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, set.numShards()).boxed().toList(), Math.max(1, set.numShards()))
                .map(i -> {
                    try (TrainingArtifactStore store = HadoopStores.open(set.shardUri(i), c.get(),
                            Optional.of(set.manifest().shards().get(i).manifestHash()))) {
                        return readLabels(store);
                    }
                }).collect();
        int[] all = new int[set.manifest().numExamples()];
        for (int s = 0; s < parts.size(); s++) {
            ShardSetManifest.Shard entry = set.manifest().shards().get(s);
            for (int i = 0; i < parts.get(s).length; i++) {
                all[entry.setId(i)] = parts.get(s)[i];
            }
        }
        return all;
    }

    static JavaRDD<ShardScores> scoreShards(SparkSession spark, ShardSet set, Configuration conf, String scorer,
            Map<String, String> options, boolean withLabels) {
        SerializableConf c = new SerializableConf(conf);
        Map<String, String> opts = new TreeMap<>(options);
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, set.numShards()).boxed().toList(), Math.max(1, set.numShards()))
                .map(i -> scoreShard(set, c.get(), scorer, opts, withLabels, i));
    }

    static ShardScores scoreShard(ShardSet set, Configuration conf, String scorer, Map<String, String> options,
            boolean withLabels, int shard) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (TrainingArtifactStore store = HadoopStores.open(set.shardUri(shard), conf,
                Optional.of(set.manifest().shards().get(shard).manifestHash()))) {
            InfluenceScorer s;
            try {
                s = InfluenceScorers.create(scorer, store, options, loader);
            } catch (io.github.influence4j.core.exception.ScorerNotFoundException e) {
                // jars added to a running session (SparkContext.addJar) join the loader later: look again once
                InfluenceScorers.reload();
                s = InfluenceScorers.create(scorer, store, options, loader);
            }
            InfluenceScores r = s.score();
            int[] labels = withLabels ? readLabels(store) : new int[0];
            ShardSetManifest.Shard entry = set.manifest().shards().get(shard);
            int[] ids = entry.hasIds() ? entry.ids() : new int[0];
            return new ShardScores(shard, entry.from(), ids, r.values(), labels, ProvenanceJson.write(r.provenance()));
        }
    }

    static int[] readLabels(TrainingArtifactStore store) {
        try (ArtifactChunk c = store.readStatic(ArtifactKey.of(ArtifactKind.LABELS), ExampleRange.of(0, store.numExamples()))) {
            return store.numExamples() == 0 ? new int[0] : c.values().toIntVector();
        }
    }

    /**
     * The score rows as a DataFrame without converting each row from an external {@link Row}: the
     * rows are Spark's own binary rows already, so Spark SQL reads them as it reads a file scan's.
     *
     * @implNote {@code internalCreateDataFrame} is Spark's {@code private[sql]} entry point (public
     *     in the bytecode) of the classic session, the only kind that runs RDD jobs (a Spark Connect
     *     session has no {@code SparkContext}); external {@code Row}s converted one by one cost more
     *     than the scoring at 10^7 rows (docs/SCALE.md section 7.3).
     */
    static Dataset<Row> dataFrame(SparkSession spark, JavaRDD<InternalRow> rows) {
        if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
            throw new io.github.influence4j.core.exception.ConfigurationException("influence-spark runs RDD jobs and needs"
                    + " a classic Spark session, not a " + spark.getClass().getName()
                    + ": build the session with SparkSession.builder() and no Spark Connect remote");
        }
        return classic.internalCreateDataFrame(rows.rdd(), schema(), false);
    }

    /**
     * One shard's rows {@code (id, score, shard)}, as one reused {@link UnsafeRow} (as a file scan
     * hands out rows: every consumer copies what it keeps).
     */
    static Iterator<InternalRow> rowsOf(ShardScores b, double[] values) {
        int bytes = UnsafeRow.calculateBitSetWidthInBytes(3) + 3 * 8;
        UnsafeRow row = new UnsafeRow(3);
        row.pointTo(new byte[bytes], bytes);
        int from = b.from();
        int[] ids = b.ids().length == values.length && values.length > 0 ? b.ids() : null;
        int shard = b.shard();
        row.setInt(2, shard);
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < values.length;
            }

            @Override
            public InternalRow next() {
                if (i >= values.length) {
                    throw new java.util.NoSuchElementException();
                }
                row.setInt(0, ids == null ? from + i : ids[i]);
                row.setDouble(1, values[i]);
                i++;
                return row;
            }
        };
    }
}
