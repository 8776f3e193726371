// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.samediff.CaptureSource;
import io.github.influence4j.samediff.EvalBatch;
import io.github.influence4j.samediff.GraphTaps;
import io.github.influence4j.samediff.SameDiffCapture;
import io.github.influence4j.spark.capture.CaptureRecipe;
import io.github.influence4j.spark.capture.SavedCheckpoint;
import io.github.influence4j.spark.capture.SparkCapture;
import io.github.influence4j.spark.store.HadoopStores;
import io.github.influence4j.spark.store.ShardSets;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Post-hoc capture on Spark from SameDiff files saved on HDFS: the store set equals, artifact by
 * artifact and bit for bit, one machine's capture of the same checkpoints with the same batches;
 * a task killed mid-shard is retried and leaves nothing half-written.
 */
class SparkCaptureTest {
    private static final int N = 24;
    private static final int LEN = 5;
    private static final int K = 3;
    static final AtomicBoolean KILL_SHARD_1 = new AtomicBoolean();

    @Test
    void captureOnSparkEqualsOneMachineAndSurvivesATaskKilledMidShard() throws Exception {
        Recipe recipe = Recipe.random(5);
        Configuration conf = TestCluster.conf();
        URI models = TestCluster.hdfsDir("models");
        FileSystem fs = HadoopStores.fileSystem(models, conf);
        Path local = Fixtures.tempDir("influence4j-models-");
        List<SavedCheckpoint> saved = new ArrayList<>();
        List<File> files = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            File f = local.resolve("c" + c + ".sd").toFile();
            model(new Random(100 + c)).save(f, false);
            files.add(f);
            URI u = URI.create(models + "/c" + c + ".sd");
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toURI()), new org.apache.hadoop.fs.Path(u));
            saved.add(SavedCheckpoint.of(u, Checkpoint.builder("c" + c).step(10L * (c + 1)).epoch(c)
                    .learningRate(0.5 / (c + 1)).seed(1).build()));
        }
        Set<ArtifactKind> kinds = SameDiffCapture.ALL_KINDS;
        URI set = TestCluster.hdfsDir("captured");
        KILL_SHARD_1.set(true);
        SparkCapture.run(TestCluster.spark(), set, conf,
                new SparkCapture.Job("cap", N, K, 2, 12, kinds, 6), saved, recipe);
        assertFalse(KILL_SHARD_1.get(), "the first attempt of shard 1 was killed mid-shard");
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(set + "/shards/_temporary")), "no upload left behind");

        Path oneDir = local.resolve("one");
        try (ArtifactWriter w = ArtifactStores.create(oneDir, StoreSpec.builder("one").numExamples(N).numClasses(K)
                .chunkSize(12).build())) {
            w.write(io.github.influence4j.core.store.ArtifactKey.of(ArtifactKind.LABELS), 0,
                    Nd4j.createFromArray(recipe.labels));
            for (int c = 0; c < 2; c++) {
                SameDiffCapture.attach(SameDiff.load(files.get(c), false), recipe.taps())
                        .capture(w, saved.get(c).checkpoint(), recipe.source(ExampleRange.of(0, N)), kinds, 6);
            }
        }
        try (TrainingArtifactStore one = ArtifactStores.open(oneDir);
                TrainingArtifactStore many = ShardSets.openStore(set, conf)) {
            assertEquals(one.checkpoints(), many.checkpoints());
            assertSameArtifacts(one, many, "", one.staticArtifacts());
            for (Checkpoint c : one.checkpoints()) {
                assertEquals(one.artifacts(c.id()).keySet(), many.artifacts(c.id()).keySet());
                assertSameArtifacts(one, many, c.id(), one.artifacts(c.id()));
            }
        }
        ConfigurationException again = assertThrows(ConfigurationException.class, () -> SparkCapture.run(
                TestCluster.spark(), set, conf, new SparkCapture.Job("cap", N, K, 2, 12, kinds, 6), saved, recipe));
        assertTrue(again.getMessage().contains("already committed"), again.getMessage());
    }

    private static void assertSameArtifacts(TrainingArtifactStore one, TrainingArtifactStore many, String checkpoint,
            Map<io.github.influence4j.core.store.ArtifactKey, ArtifactInfo> infos) {
        for (ArtifactInfo info : infos.values()) {
            ExampleRange all = ExampleRange.of(0, N);
            try (ArtifactChunk a = checkpoint.isEmpty() ? one.readStatic(info.key(), all) : one.read(checkpoint, info.key(), all);
                    ArtifactChunk b = checkpoint.isEmpty() ? many.readStatic(info.key(), all)
                            : many.read(checkpoint, info.key(), all)) {
                assertEquals(a.values(), b.values(), checkpoint + " " + info.key() + ": values differ");
                if (info.isRagged()) {
                    assertTrue(Arrays.equals(a.offsets(), b.offsets()), checkpoint + " " + info.key() + ": offsets");
                }
            }
        }
    }

    /** Mean-pooled embeddings, a tanh layer and a softmax head (the oracle family of influence-samediff's tests). */
    static SameDiff model(Random r) {
        SameDiff sd = SameDiff.create();
        SDVariable e = sd.constant("emb", gaussian(r, 0.8, 10, 4));
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, -1, 1);
        SDVariable inv = sd.placeHolder("inv_count", DataType.FLOAT, -1, 1);
        SDVariable y = sd.placeHolder("labels", DataType.FLOAT, -1, K);
        SDVariable look = sd.gather("lookup", e, ids, 0);
        SDVariable p = look.mul(mask).sum(1).mul("p", inv);
        SDVariable a = p.mmul(sd.var("hid_w", gaussian(r, 0.6, 4, 5))).add("a", sd.var("hid_b", gaussian(r, 0.1, 5)));
        SDVariable h = sd.math().tanh("h", a);
        SDVariable z = h.mmul(sd.var("fc_w", gaussian(r, 0.6, 5, K))).add("logits", sd.var("fc_b", gaussian(r, 0.1, K)));
        SDVariable loss = sd.nn().logSoftmax(z).mul(y).sum(1).neg("loss");
        loss.mean("mean_loss");
        sd.setLossVariables("mean_loss");
        return sd;
    }

    private static INDArray gaussian(Random r, double scale, long... shape) {
        int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /** Token ids and labels of N examples; batches of a shard are numbered from 0. */
    static final class Recipe implements CaptureRecipe {
        private static final long serialVersionUID = 1L;
        final int[][] tokens;
        final int[] labels;

        Recipe(int[][] tokens, int[] labels) {
            this.tokens = tokens;
            this.labels = labels;
        }

        static Recipe random(long seed) {
            Random r = new Random(seed);
            int[][] t = new int[N][LEN];
            int[] l = new int[N];
            for (int i = 0; i < N; i++) {
                int n = 1 + r.nextInt(LEN);
                for (int j = 0; j < n; j++) {
                    t[i][j] = 1 + r.nextInt(9);
                }
                l[i] = r.nextInt(K);
            }
            return new Recipe(t, l);
        }

        @Override
        public GraphTaps taps() {
            return GraphTaps.builder().embeddingOutput("lookup").lookupOutput("lookup").gradientRoots("emb")
                    .logits("logits").perExampleLoss("loss").labelPlaceholder("labels")
                    .denseLayer("hid", "p", "a").denseLayer("fc", "h", "logits").numClasses(K).build();
        }

        @Override
        public int[] labels(ExampleRange shard) {
            return Arrays.copyOfRange(labels, shard.from(), shard.to());
        }

        @Override
        public CaptureSource source(ExampleRange shard) {
            return new CaptureSource() {
                @Override
                public int numExamples() {
                    return shard.size();
                }

                @Override
                public List<EvalBatch> batches(ExampleRange range, int max) {
                    List<EvalBatch> out = new ArrayList<>();
                    for (int from = range.from(); from < range.to(); from += max) {
                        TaskContext t = TaskContext.get();
                        if (shard.from() > 0 && from > range.from() && t != null && t.attemptNumber() == 0
                                && KILL_SHARD_1.compareAndSet(true, false)) {
                            throw new IllegalStateException("test: capture task killed mid-shard");
                        }
                        out.add(batch(ExampleRange.of(from, Math.min(range.to(), from + max))));
                    }
                    return out;
                }

                private EvalBatch batch(ExampleRange local) {
                    int b = local.size();
                    int[] ids = new int[b * LEN];
                    float[] mask = new float[b * LEN];
                    float[] inv = new float[b];
                    int[] lengths = new int[b];
                    for (int i = 0; i < b; i++) {
                        int[] row = tokens[shard.from() + local.from() + i];
                        for (int t = 0; t < LEN; t++) {
                            ids[i * LEN + t] = row[t];
                            if (row[t] != 0) {
                                mask[i * LEN + t] = 1f;
                                lengths[i]++;
                            }
                        }
                        inv[i] = 1f / Math.max(1, lengths[i]);
                    }
                    Map<String, INDArray> m = new TreeMap<>();
                    m.put("ids", Nd4j.createFromArray(ids).reshape('c', b, LEN));
                    m.put("mask", Nd4j.createFromArray(mask).reshape('c', b, LEN, 1));
                    m.put("inv_count", Nd4j.createFromArray(inv).reshape('c', b, 1));
                    return new EvalBatch(IntStream.range(local.from(), local.to()).toArray(), m,
                            Arrays.copyOfRange(labels, shard.from() + local.from(), shard.from() + local.to()),
                            EvalBatch.leadingPositions(lengths, LEN));
                }
            };
        }
    }
}
