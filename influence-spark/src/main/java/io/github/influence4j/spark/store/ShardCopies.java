// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns one existing store into a store set (for a store that outgrew one machine, and for tests
 * that compare a set with the store it came from): each shard's examples are copied, artifact by
 * artifact and chunk by chunk, into a fresh local file store, which is committed and published.
 */
public final class ShardCopies {
    private ShardCopies() {
    }

    /**
     * @param source the store to split
     * @param set the set's directory (must not hold a set yet)
     * @param conf the Hadoop configuration
     * @param numShards how many shards (ranges of near-equal size), {@code 1 <= numShards <= N}
     * @return the committed set manifest
     */
    public static ShardSetManifest split(TrainingArtifactStore source, URI set, Configuration conf, int numShards) {
        int n = source.numExamples();
        if (numShards < 1 || numShards > Math.max(1, n)) {
            throw new IllegalArgumentException("numShards must be in [1, " + n + "], was " + numShards);
        }
        List<ShardSetManifest.Shard> shards = new ArrayList<>();
        for (int s = 0; s < numShards; s++) {
            int from = (int) ((long) n * s / numShards);
            int to = (int) ((long) n * (s + 1) / numShards);
            String name = shardName(s);
            Path local = copy(source, ExampleRange.of(from, to), source.id() + "-" + name);
            try {
                HadoopStores.publish(local, ShardSets.shardUri(set, name), conf, "split");
            } finally {
                LocalCopy.deleteTree(local);
            }
            shards.add(new ShardSetManifest.Shard(name, from, to, "-", "-"));
        }
        return ShardSets.commit(set, conf, source.id(), shards);
    }

    /**
     * Splits a store into shards that each hold a set of ids rather than a range (a set of format
     * version 2, docs/SCALE.md section 1).
     *
     * @param source the store to split
     * @param set the set's directory (must not hold a set yet)
     * @param conf the Hadoop configuration
     * @param ids per shard, the source's example ids it holds, ascending; together every id once
     * @return the committed set manifest
     * @throws io.github.influence4j.core.exception.CorruptStoreException for ids in two shards or in none
     */
    public static ShardSetManifest splitByIds(TrainingArtifactStore source, URI set, Configuration conf, int[][] ids) {
        List<ShardSetManifest.Shard> shards = new ArrayList<>();
        for (int s = 0; s < ids.length; s++) {
            shards.add(ShardSetManifest.Shard.ofIds(shardName(s), ids[s], "-", "-")); // checks the order first
        }
        new ShardSetManifest(source.id(), source.numExamples(), source.numClasses(), source.checkpoints(), shards);
        for (int s = 0; s < ids.length; s++) {
            String name = shardName(s);
            Path local = copy(source, runs(ids[s]), source.id() + "-" + name);
            try {
                HadoopStores.publish(local, ShardSets.shardUri(set, name), conf, "split");
            } finally {
                LocalCopy.deleteTree(local);
            }
        }
        return ShardSets.commit(set, conf, source.id(), shards);
    }

    /** Ascending ids as the runs of consecutive ids. */
    private static List<ExampleRange> runs(int[] ids) {
        List<ExampleRange> runs = new ArrayList<>();
        for (int i = 0; i < ids.length;) {
            int j = i + 1;
            while (j < ids.length && ids[j] == ids[j - 1] + 1) {
                j++;
            }
            runs.add(ExampleRange.of(ids[i], ids[j - 1] + 1));
            i = j;
        }
        return runs;
    }

    /**
     * @param index a shard index
     * @return its conventional name, {@code shard-00000}, ...
     */
    public static String shardName(int index) {
        return String.format("shard-%05d", index);
    }

    /**
     * Copies a range of a store into a new local file store.
     *
     * @param source the store
     * @param range the examples to copy; they become examples {@code 0 .. size-1}
     * @param storeId the new store's id
     * @return the new store's directory (a temporary directory: delete it when done)
     */
    public static Path copy(TrainingArtifactStore source, ExampleRange range, String storeId) {
        return copy(source, List.of(range), storeId);
    }

    private static Path copy(TrainingArtifactStore source, List<ExampleRange> runs, String storeId) {
        int size = runs.stream().mapToInt(ExampleRange::size).sum();
        Path dir;
        try {
            dir = Files.createTempDirectory("influence4j-shard-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StoreSpec spec = StoreSpec.builder(storeId).numExamples(size).numClasses(source.numClasses())
                .chunkSize(source.spec().chunkSize()).build();
        try (ArtifactWriter w = ArtifactStores.create(dir.resolve("store"), spec)) {
            copyArtifacts(source, "", source.staticArtifacts(), runs, w);
            for (Checkpoint c : source.checkpoints()) {
                try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                    copyArtifacts(source, c.id(), source.artifacts(c.id()), runs, cw);
                    cw.commit();
                }
            }
            if (source.checkpoints().isEmpty()) {
                w.commit();
            }
        }
        return dir.resolve("store");
    }

    private static void copyArtifacts(TrainingArtifactStore source, String checkpointId, Map<ArtifactKey, ArtifactInfo> infos,
            List<ExampleRange> runs, ArtifactSink sink) {
        int step = source.spec().chunkSize();
        for (ArtifactInfo info : infos.values()) {
            if (!info.attributes().isEmpty()) {
                sink.setAttributes(info.key(), info.attributes());
            }
            int before = 0; // examples of the earlier runs
            for (ExampleRange range : runs) {
                for (int from = range.from(); from < range.to(); from += step) {
                    ExampleRange r = ExampleRange.of(from, Math.min(range.to(), from + step));
                    try (ArtifactChunk chunk = checkpointId.isEmpty() ? source.readStatic(info.key(), r)
                            : source.read(checkpointId, info.key(), r)) {
                        INDArray values = chunk.values();
                        int local = before + r.from() - range.from();
                        if (info.isRagged()) {
                            int[] lengths = new int[chunk.size()];
                            for (int i = 0; i < lengths.length; i++) {
                                lengths[i] = chunk.length(i);
                            }
                            sink.writeRagged(info.key(), local, values, lengths);
                        } else {
                            sink.write(info.key(), local, values);
                        }
                    }
                }
                before += range.size();
            }
        }
    }
}
