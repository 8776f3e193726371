// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.bench.SyntheticShape;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.spark.store.HadoopStores;
import io.github.influence4j.spark.store.ShardCopies;
import io.github.influence4j.spark.store.ShardSetManifest;
import io.github.influence4j.spark.store.ShardSets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/** The set manifest's checks and the Hadoop store's commit rules, on a local file system and on HDFS. */
class ShardSetsTest {
    private static final SyntheticShape SHAPE = new SyntheticShape(90, 1, 3, 2, 3, 2, 50, 4, 32, true, true);

    private static ShardSetManifest.Shard shard(String name, int from, int to) {
        return new ShardSetManifest.Shard(name, from, to, "s-" + name, "sha256:00");
    }

    @Test
    void theManifestRefusesOverlappingAndMissingIdsAndRoundTrips() {
        List<Checkpoint> cs = List.of(Checkpoint.builder("c0").step(1).epoch(0).learningRate(0.1).seed(3).build());
        CorruptStoreException overlap = assertThrows(CorruptStoreException.class, () -> new ShardSetManifest("x", 10, 3, cs,
                List.of(shard("a", 0, 6), shard("b", 5, 10))));
        assertTrue(overlap.getMessage().contains("[5, 6)") && overlap.getMessage().contains("overlapping"),
                overlap.getMessage());
        CorruptStoreException gap = assertThrows(CorruptStoreException.class, () -> new ShardSetManifest("x", 10, 3, cs,
                List.of(shard("a", 0, 4), shard("b", 6, 10))));
        assertTrue(gap.getMessage().contains("[4, 6) are in no shard"), gap.getMessage());
        CorruptStoreException end = assertThrows(CorruptStoreException.class, () -> new ShardSetManifest("x", 12, 3, cs,
                List.of(shard("a", 0, 4), shard("b", 4, 10))));
        assertTrue(end.getMessage().contains("[10, 12)"), end.getMessage());
        ShardSetManifest m = new ShardSetManifest("x", 10, 3, cs, List.of(shard("a", 0, 4), shard("b", 4, 10)));
        assertEquals(m, ShardSetManifest.parse(m.toJson(), "test"));
        assertEquals(1, m.shardOf(4));
        assertEquals(0, m.shardOf(3));
        String newer = new String(m.toJson(), StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : 3");
        assertThrows(IncompatibleStoreException.class, () -> ShardSetManifest.parse(newer.getBytes(StandardCharsets.UTF_8), "t"));
    }

    @Test
    void aSetOnTheLocalFileSystemReadsAsOneStoreAcrossShardBoundaries() {
        Path dir = Fixtures.tempDir("influence4j-local-set-");
        Configuration conf = new Configuration();
        try (TrainingArtifactStore source = ArtifactStores.open(Fixtures.createStore(dir.resolve("src"), "src", SHAPE, 4))) {
            URI set = dir.resolve("set").toUri();
            ShardCopies.split(source, set, conf, 4);
            try (TrainingArtifactStore all = ShardSets.openStore(set, conf)) {
                assertEquals(source.checkpoints(), all.checkpoints());
                // ranges that straddle shards, for a dense and a ragged kind
                for (ExampleRange r : List.of(ExampleRange.of(0, 90), ExampleRange.of(20, 71), ExampleRange.of(45, 45))) {
                    for (ArtifactKey k : List.of(ArtifactKey.of(ArtifactKind.LOGITS), ArtifactKey.of(ArtifactKind.INPUT_GRADS))) {
                        try (ArtifactChunk a = source.read("c01", k, r); ArtifactChunk b = all.read("c01", k, r)) {
                            assertEquals(a.values(), b.values(), k + " " + r);
                            if (a.info().isRagged()) {
                                assertTrue(java.util.Arrays.equals(a.offsets(), b.offsets()), k + " " + r);
                            }
                        }
                    }
                }
                // the float64 paths: a whole shard, a part of one, a range across shards, the whole set
                ShardSetManifest.Shard second = ShardSets.open(set, conf).manifest().shards().get(1);
                for (ExampleRange r : List.of(second.range(), ExampleRange.of(second.from() + 1, second.to() - 2),
                        ExampleRange.of(20, 71), ExampleRange.of(0, 90))) {
                    ArtifactKey logits = ArtifactKey.of(ArtifactKind.LOGITS);
                    double[] a = new double[r.size() * 3];
                    double[] b = new double[r.size() * 3];
                    assertEquals(source.readDoubles("c01", logits, r, a), all.readDoubles("c01", logits, r, b), "" + r);
                    assertTrue(java.util.Arrays.equals(a, b), "LOGITS as float64 " + r);
                    ArtifactKey grads = ArtifactKey.of(ArtifactKind.INPUT_GRADS);
                    int[] la = new int[r.size()];
                    int[] lb = new int[r.size()];
                    assertTrue(java.util.Arrays.equals(source.readRaggedDoubles("c01", grads, r, la),
                            all.readRaggedDoubles("c01", grads, r, lb)), "INPUT_GRADS as float64 " + r);
                    assertTrue(java.util.Arrays.equals(la, lb), "INPUT_GRADS lengths " + r);
                    // and the float32 paths
                    float[] fa = new float[r.size() * 3];
                    float[] fb = new float[r.size() * 3];
                    assertEquals(source.readFloats("c01", logits, r, fa), all.readFloats("c01", logits, r, fb), "" + r);
                    assertTrue(java.util.Arrays.equals(fa, fb), "LOGITS as float32 " + r);
                    float[] ga = source.readRaggedFloats("c01", grads, r, la);
                    float[] gb = all.readRaggedFloats("c01", grads, r, lb, new float[1]);
                    assertTrue(java.util.Arrays.equals(ga, gb), "INPUT_GRADS as float32 " + r);
                    assertTrue(java.util.Arrays.equals(la, lb), "INPUT_GRADS lengths (float32) " + r);
                }
                // scoring ranges never cross a shard, cover [0, 90) in order, at most `size` each
                for (int size : new int[] {1, 7, 32, 1000}) {
                    int at = 0;
                    for (ExampleRange r : all.chunkRanges(size)) {
                        assertEquals(at, r.from(), "size " + size);
                        assertTrue(r.size() >= 1 && r.size() <= size, "size " + size + ": " + r);
                        ShardSetManifest.Shard in = ShardSets.open(set, conf).manifest().shards().stream()
                                .filter(sh -> sh.from() <= r.from() && r.from() < sh.to()).findFirst().orElseThrow();
                        assertTrue(r.to() <= in.to(), r + " crosses shard " + in.name());
                        at = r.to();
                    }
                    assertEquals(90, at, "size " + size);
                }
            }
        }
    }

    @Test
    void aSecondAttemptKeepsTheFirstCommitAndAnInterruptedUploadIsNeverVisible() throws Exception {
        Configuration conf = TestCluster.conf();
        Path dir = Fixtures.tempDir("influence4j-publish-");
        Path a = Fixtures.createStore(dir.resolve("a"), "a", SHAPE, 1);
        Path b = Fixtures.createStore(dir.resolve("b"), "b", SHAPE, 2);
        URI set = TestCluster.hdfsDir("publish");
        URI target = ShardSets.shardUri(set, "shard-00000");
        FileSystem fs = HadoopStores.fileSystem(set, conf);
        // an attempt killed during its upload: a partial temporary directory, no rename
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(set + "/shards/_temporary/shard-00000.0-0-0/manifest.json"))) {
            out.write("{".getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(target)));
        String first = HadoopStores.publish(a, target, conf, "0-0-1");
        assertEquals(first, HadoopStores.publish(a, target, conf, "0-0-2"), "a retry of the same shard");
        assertEquals(first, HadoopStores.publish(b, target, conf, "0-0-3"), "a speculative copy loses to the first");
        assertEquals(first, HadoopStores.manifestHash(target, conf));
        ShardSets.commit(set, conf, "one", List.of(new ShardSetManifest.Shard("shard-00000", 0, 90, "-", "-")));
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(set + "/shards/_temporary")), "commit removes dead uploads");
        try (TrainingArtifactStore one = ArtifactStores.open(a); TrainingArtifactStore all = ShardSets.openStore(set, conf)) {
            try (ArtifactChunk x = one.read("c00", ArtifactKey.of(ArtifactKind.LOGITS), ExampleRange.of(0, 90));
                    ArtifactChunk y = all.read("c00", ArtifactKey.of(ArtifactKind.LOGITS), ExampleRange.of(0, 90))) {
                assertEquals(x.values(), y.values());
            }
        }
    }

    @Test
    void damagedFilesOnHdfsAreFoundByTheFileStoresChecks() throws Exception {
        Configuration conf = TestCluster.conf();
        Path dir = Fixtures.tempDir("influence4j-damage-");
        Path a = Fixtures.createStore(dir.resolve("a"), "a", SHAPE, 1);
        URI target = TestCluster.hdfsDir("damaged");
        HadoopStores.publish(a, target, conf, "x");
        FileSystem fs = HadoopStores.fileSystem(target, conf);
        // the first LOGITS chunk: a larger chunk than the store's 32 (small artifacts, WriteOptions.smallArtifactBytes)
        org.apache.hadoop.fs.Path logits = java.util.Arrays.stream(fs.listStatus(
                new org.apache.hadoop.fs.Path(target + "/checkpoints/c00/LOGITS"))).map(f -> f.getPath())
                .filter(p -> p.getName().startsWith("0-")).findFirst().orElseThrow();
        byte[] bytes;
        try (var in = fs.open(logits)) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length - 1] ^= 0x40;
        try (FSDataOutputStream out = fs.create(logits, true)) {
            out.write(bytes);
        }
        try (TrainingArtifactStore s = HadoopStores.open(target, conf, Optional.empty())) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("c00", ArtifactKey.of(ArtifactKind.LOGITS), ExampleRange.of(0, 32)).close());
            assertTrue(e.getMessage().contains(logits.getName()), e.getMessage());
        }
        try (FSDataOutputStream out = fs.create(logits, true)) {
            out.write(bytes, 0, bytes.length - 8);
        }
        CorruptStoreException truncated = assertThrows(CorruptStoreException.class,
                () -> HadoopStores.open(target, conf, Optional.empty()).close());
        assertTrue(truncated.getMessage().contains("bytes"), truncated.getMessage());
    }

    @Test
    void shardsThatDisagreeCannotBeCommittedAsOneSet() {
        Path dir = Fixtures.tempDir("influence4j-mismatch-");
        Configuration conf = new Configuration();
        URI set = dir.resolve("set").toUri();
        Path a = Fixtures.createStore(dir.resolve("a"), "a", SHAPE, 1);
        Path b = Fixtures.createStore(dir.resolve("b"), "b", SHAPE.withCheckpoints(3), 1);
        HadoopStores.publish(a, ShardSets.shardUri(set, "shard-00000"), conf, "x");
        HadoopStores.publish(b, ShardSets.shardUri(set, "shard-00001"), conf, "x");
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class, () -> ShardSets.commit(set, conf, "s",
                List.of(new ShardSetManifest.Shard("shard-00000", 0, 90, "-", "-"),
                        new ShardSetManifest.Shard("shard-00001", 90, 180, "-", "-"))));
        assertTrue(e.getMessage().contains("shard-00001") && e.getMessage().contains("mismatched checkpoints"),
                e.getMessage());
        assertFalse(java.nio.file.Files.exists(dir.resolve("set").resolve(ShardSets.MANIFEST)), "no set.json written");
    }
}
