// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.capture;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.exception.StoreNotFoundException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.samediff.SameDiffCapture;
import io.github.influence4j.spark.scoring.SparkErrors;
import io.github.influence4j.spark.store.HadoopStores;
import io.github.influence4j.spark.store.SerializableConf;
import io.github.influence4j.spark.store.ShardCopies;
import io.github.influence4j.spark.store.ShardSetManifest;
import io.github.influence4j.spark.store.ShardSets;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Post-hoc capture on Spark (docs/SCALE.md section 5): given saved SameDiff checkpoints and a data
 * set split into shards, one task per shard loads each checkpoint once, captures the artifacts of
 * its examples in batches (docs/DESIGN.md section 5.2, {@link SameDiffCapture}), commits them into a
 * local file store, and publishes that store atomically ({@link HadoopStores#publish}); the driver
 * then writes the set manifest.
 *
 * <pre>{@code
 * ShardSetManifest m = SparkCapture.run(spark, URI.create("hdfs://nn/runs/r1/set"), conf,
 *         new SparkCapture.Job("r1", n, 3, 8, 1024, Set.of(LOGITS, LOSS, INPUT_GRADS), 256), checkpoints, recipe);
 * }</pre>
 *
 * <p>Retries and speculation are safe: a task's work is invisible until its one atomic rename; a
 * second attempt of a shard already committed keeps the committed one; a shard committed by an
 * earlier run of the same job is skipped (the job resumes shard by shard). The set manifest is
 * written only after every shard is committed, so a failed job leaves no set.
 */
public final class SparkCapture {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCapture.class);

    private SparkCapture() {
    }

    /**
     * What to capture.
     *
     * @param setId the set's id
     * @param numExamples N
     * @param numClasses K
     * @param numShards how many shards (one task each)
     * @param chunkSize the shards' store chunk size
     * @param kinds the per-checkpoint kinds, among {@link SameDiffCapture#ALL_KINDS}
     * @param batchSize the most examples per forward/backward batch
     * @serial exclude
     */
    public record Job(String setId, int numExamples, int numClasses, int numShards, int chunkSize,
            Set<ArtifactKind> kinds, int batchSize) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Copies the kinds and checks the counts.
         *
         * @param setId the set's id
         * @param numExamples N
         * @param numClasses K
         * @param numShards shards
         * @param chunkSize chunk size
         * @param kinds kinds
         * @param batchSize batch size
         */
        public Job {
            kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
            if (numShards < 1 || numShards > Math.max(1, numExamples)) {
                throw new IllegalArgumentException("numShards must be in [1, " + numExamples + "], was " + numShards);
            }
            if (batchSize < 1 || chunkSize < 1) {
                throw new IllegalArgumentException("batchSize and chunkSize must be >= 1, were " + batchSize + ", "
                        + chunkSize);
            }
        }

        /**
         * @param shard a shard index
         * @return its example range: near-equal consecutive ranges
         */
        public ExampleRange range(int shard) {
            return ExampleRange.of((int) ((long) numExamples * shard / numShards),
                    (int) ((long) numExamples * (shard + 1) / numShards));
        }
    }

    /**
     * Runs the capture and commits the set.
     *
     * @param spark the session
     * @param set the set's directory (new, or holding shards of an interrupted run of this job)
     * @param conf the Hadoop configuration
     * @param job what to capture
     * @param checkpoints the saved checkpoints, in training order
     * @param recipe the taps and the data
     * @return the committed set manifest
     * @throws ConfigurationException if the set directory already holds a committed set
     */
    public static ShardSetManifest run(SparkSession spark, URI set, Configuration conf, Job job,
            List<SavedCheckpoint> checkpoints, CaptureRecipe recipe) {
        try {
            ShardSets.readManifest(set, conf);
            throw new ConfigurationException("store set " + set + " is already committed; capture into a new directory");
        } catch (StoreNotFoundException expected) {
            // a new set, or an interrupted one: go on
        }
        if (checkpoints.isEmpty()) {
            throw new ConfigurationException("no checkpoints to capture; pass the saved SameDiff files");
        }
        SerializableConf c = new SerializableConf(conf);
        List<SavedCheckpoint> cps = List.copyOf(checkpoints);
        List<String> hashes;
        try {
            hashes = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(IntStream.range(0, job.numShards()).boxed().toList(), job.numShards())
                    .map(i -> captureShard(set, c.get(), job, cps, recipe, i)).collect();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e, "capture of " + job.setId());
        }
        List<ShardSetManifest.Shard> shards = new ArrayList<>();
        for (int i = 0; i < job.numShards(); i++) {
            ExampleRange r = job.range(i);
            shards.add(new ShardSetManifest.Shard(ShardCopies.shardName(i), r.from(), r.to(), "-", hashes.get(i)));
        }
        ShardSetManifest m = ShardSets.commit(set, conf, job.setId(), shards);
        LOG.info("captured store set '{}' at {}: {} examples, {} shards, {} checkpoints", job.setId(), set,
                job.numExamples(), job.numShards(), cps.size());
        return m;
    }

    static String captureShard(URI set, Configuration conf, Job job, List<SavedCheckpoint> checkpoints,
            CaptureRecipe recipe, int shard) {
        String name = ShardCopies.shardName(shard);
        URI target = ShardSets.shardUri(set, name);
        try {
            return HadoopStores.manifestHash(target, conf);  // committed by an earlier attempt or run
        } catch (StoreNotFoundException notYet) {
            // capture it
        }
        ExampleRange range = job.range(shard);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("influence4j-capture-");
        } catch (IOException e) {
            throw new StoreException("cannot create a scratch directory for shard " + name + ": " + e, e);
        }
        try {
            Path local = scratch.resolve("store");
            StoreSpec spec = StoreSpec.builder(job.setId() + "-" + name).numExamples(range.size())
                    .numClasses(job.numClasses()).chunkSize(job.chunkSize()).build();
            try (ArtifactWriter w = ArtifactStores.create(local, spec)) {
                int[] labels = recipe.labels(range);
                if (labels.length != range.size()) {
                    throw new ConfigurationException("capture recipe gave " + labels.length + " labels for shard " + name
                            + " " + range + " (" + range.size() + " examples)");
                }
                try (INDArray l = Nd4j.createFromArray(labels)) {
                    w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, l);
                }
                for (SavedCheckpoint cp : checkpoints) {
                    SameDiff sd = load(cp.model(), conf, scratch);
                    SameDiffCapture capture = SameDiffCapture.attach(sd, recipe.taps());
                    capture.capture(w, cp.checkpoint(), recipe.source(range), job.kinds(), job.batchSize());
                }
            }
            TaskContext t = TaskContext.get();
            String attempt = t == null ? "local" : t.stageId() + "-" + t.partitionId() + "-" + t.attemptNumber();
            return HadoopStores.publish(local, target, conf, attempt);
        } finally {
            deleteTree(scratch);
        }
    }

    private static SameDiff load(URI model, Configuration conf, Path scratch) {
        FileSystem fs = HadoopStores.fileSystem(model, conf);
        try {
            if ("file".equals(fs.getUri().getScheme())) {
                return SameDiff.load(new java.io.File(fs.makeQualified(new org.apache.hadoop.fs.Path(model)).toUri()), false);
            }
            Path f = scratch.resolve("model-" + Integer.toHexString(model.hashCode()) + ".sd");
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(model))) {
                Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            SameDiff sd = SameDiff.load(f.toFile(), false);
            Files.deleteIfExists(f);
            return sd;
        } catch (IOException e) {
            throw new StoreException("cannot read the saved checkpoint " + model + ": " + e
                    + "; check the URI (SameDiff.save(file, false) writes it)", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete scratch {}: {}", root, e.toString());
        }
    }
}
