// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A store set read as one store on one machine: example {@code i} of the set is example
 * {@code i - from} of the shard holding it (or, for a shard that lists its ids, its position in
 * that list). A range spanning shards is read from each and joined (dense rows stacked, ragged rows
 * and offsets concatenated), so any scorer reads it exactly as it would read one store of the same
 * examples; with id lists, a range is read as the runs of ids that are consecutive in one shard.
 */
final class ShardedArtifactStore implements TrainingArtifactStore {
    private final ShardSetManifest manifest;
    private final List<TrainingArtifactStore> shards;
    private final StoreSpec spec;
    private final String hash;
    /** For a set with id lists: the shard and the shard's own index of every set id; else null. */
    private final int @Nullable [] owner;
    private final int @Nullable [] localIndex;

    ShardedArtifactStore(ShardSetManifest manifest, List<TrainingArtifactStore> shards) {
        if (shards.size() != manifest.shards().size()) {
            throw new IllegalArgumentException(shards.size() + " stores for " + manifest.shards().size() + " shards");
        }
        this.manifest = manifest;
        this.shards = List.copyOf(shards);
        for (int i = 0; i < shards.size(); i++) {
            checkConsistent(manifest, manifest.shards().get(i), shards.get(i), shards.get(0));
        }
        int chunk = shards.stream().mapToInt(s -> s.spec().chunkSize()).max().orElse(StoreSpec.DEFAULT_CHUNK_SIZE);
        this.spec = StoreSpec.builder(manifest.setId()).numExamples(manifest.numExamples())
                .numClasses(manifest.numClasses()).chunkSize(chunk).build();
        this.hash = manifest.hash();
        if (manifest.hasIds()) {
            owner = new int[manifest.numExamples()];
            localIndex = new int[manifest.numExamples()];
            for (int s = 0; s < manifest.shards().size(); s++) {
                ShardSetManifest.Shard shard = manifest.shards().get(s);
                for (int i = 0; i < shard.size(); i++) {
                    owner[shard.setId(i)] = s;
                    localIndex[shard.setId(i)] = i;
                }
            }
        } else {
            owner = null;
            localIndex = null;
        }
    }

    /**
     * Checks that a shard store is what the set manifest says and agrees with the first shard:
     * example count, classes, checkpoints and artifacts (keys, dtypes, shapes, attributes).
     *
     * @param set the set manifest
     * @param shard the shard entry
     * @param store the shard's store
     * @param first the first shard's store
     * @throws IncompatibleStoreException naming the shard and what differs
     */
    static void checkConsistent(ShardSetManifest set, ShardSetManifest.Shard shard, TrainingArtifactStore store,
            TrainingArtifactStore first) {
        String where = "store set '" + set.setId() + "', shard " + shard.name() + " (store '" + store.id() + "')";
        if (store.numExamples() != shard.size()) {
            throw new IncompatibleStoreException(where + " holds " + store.numExamples() + " examples but the set"
                    + " assigns it " + (shard.hasIds() ? shard.size() + " ids" : shard.range() + " (" + shard.size() + ")")
                    + "; the shard does not belong to this set");
        }
        if (store.numClasses() != set.numClasses()) {
            throw new IncompatibleStoreException(where + " has " + store.numClasses() + " classes, the set "
                    + set.numClasses());
        }
        if (!store.checkpoints().equals(set.checkpoints())) {
            throw new IncompatibleStoreException(where + " holds checkpoints " + describe(store.checkpoints())
                    + " but the set records " + describe(set.checkpoints()) + " (mismatched checkpoints: another run,"
                    + " or an unfinished capture); capture the shard again at the set's checkpoints");
        }
        if (!store.staticArtifacts().equals(first.staticArtifacts())) {
            throw new IncompatibleStoreException(where + " has static artifacts " + store.staticArtifacts().values()
                    + " but the first shard has " + first.staticArtifacts().values() + " (mismatched specs)");
        }
        for (Checkpoint c : set.checkpoints()) {
            if (!store.artifacts(c.id()).equals(first.artifacts(c.id()))) {
                throw new IncompatibleStoreException(where + " has at checkpoint " + c.id() + " the artifacts "
                        + store.artifacts(c.id()).values() + " but the first shard has " + first.artifacts(c.id()).values()
                        + " (mismatched capture specs); capture every shard with one spec");
            }
        }
    }

    private static String describe(List<Checkpoint> cs) {
        return cs.stream().map(c -> c.id() + "@" + c.step() + "(lr " + c.learningRate() + ", seed " + c.seed() + ")")
                .toList().toString();
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return manifest.checkpoints();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
        return shards.get(0).staticArtifacts();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
        return shards.get(0).artifacts(checkpointId);
    }

    @Override
    public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
        return readAcross("", key, range);
    }

    @Override
    public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
        return readAcross(checkpointId, key, range);
    }

    /**
     * Ranges of at most {@code size} examples that never cross a shard: each shard's own ranges,
     * shifted to set ids, so a scorer's reads go to one shard each (and, at the shard's chunk
     * size, whole chunks: the file store's fast path).
     */
    @Override
    public List<ExampleRange> chunkRanges(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, was " + size);
        }
        if (owner != null) {
            return TrainingArtifactStore.super.chunkRanges(size); // id lists: a range gathers from several shards
        }
        List<ExampleRange> out = new ArrayList<>();
        for (ShardSetManifest.Shard shard : manifest.shards()) {
            for (int at = shard.from(); at < shard.to(); at = (int) Math.min(shard.to(), (long) at + size)) {
                out.add(ExampleRange.of(at, (int) Math.min(shard.to(), (long) at + size)));
            }
        }
        return out;
    }

    /** A range inside one shard is read by that shard's float64 path; one that spans shards, through {@link #read}. */
    @Override
    public int readDoubles(String checkpointId, ArtifactKey key, ExampleRange range, double[] into) {
        int s = withinOneShard(range);
        if (s < 0) {
            return TrainingArtifactStore.super.readDoubles(checkpointId, key, range, into);
        }
        return shards.get(s).readDoubles(checkpointId, key, local(s, range), into);
    }

    /** As {@link #readDoubles}: one shard's float64 path for a range inside it. */
    @Override
    public double[] readRaggedDoubles(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths) {
        int s = withinOneShard(range);
        if (s < 0) {
            return TrainingArtifactStore.super.readRaggedDoubles(checkpointId, key, range, lengths);
        }
        return shards.get(s).readRaggedDoubles(checkpointId, key, local(s, range), lengths);
    }

    /** As {@link #readDoubles}, float32: one shard's float32 path for a range inside it. */
    @Override
    public int readFloats(String checkpointId, ArtifactKey key, ExampleRange range, float[] into) {
        int s = withinOneShard(range);
        if (s < 0) {
            return TrainingArtifactStore.super.readFloats(checkpointId, key, range, into);
        }
        return shards.get(s).readFloats(checkpointId, key, local(s, range), into);
    }

    /** As {@link #readRaggedDoubles}, float32, filling {@code reuse} when it is long enough. */
    @Override
    public float[] readRaggedFloats(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths,
            float @Nullable [] reuse) {
        int s = withinOneShard(range);
        if (s < 0) {
            return TrainingArtifactStore.super.readRaggedFloats(checkpointId, key, range, lengths, reuse);
        }
        return shards.get(s).readRaggedFloats(checkpointId, key, local(s, range), lengths, reuse);
    }

    private int withinOneShard(ExampleRange range) {
        if (range.size() == 0 || range.from() < 0 || range.to() > spec.numExamples()) {
            return -1; // the generic path reports a bad range
        }
        if (owner != null) {
            return -1; // id lists: the generic path gathers the runs
        }
        int s = manifest.shardOf(range.from());
        return range.to() <= manifest.shards().get(s).to() ? s : -1;
    }

    private ExampleRange local(int s, ExampleRange range) {
        int from = manifest.shards().get(s).from();
        return ExampleRange.of(range.from() - from, range.to() - from);
    }

    private ArtifactChunk readAcross(String checkpointId, ArtifactKey key, ExampleRange range) {
        if (range.from() < 0 || range.to() > spec.numExamples()) {
            throw new IllegalArgumentException("range " + range + " is outside [0, " + spec.numExamples() + ") of store set '"
                    + spec.storeId() + "'");
        }
        List<ArtifactChunk> parts = new ArrayList<>();
        try {
            if (range.size() == 0) {
                TrainingArtifactStore store = shards.get(0);
                ExampleRange none = ExampleRange.of(0, 0);
                parts.add(checkpointId.isEmpty() ? store.readStatic(key, none) : store.read(checkpointId, key, none));
            }
            int at = range.from();
            while (at < range.to()) {
                int s;
                int to;
                ExampleRange local;
                if (owner != null) { // the run of ids consecutive in one shard
                    s = owner[at];
                    to = at + 1;
                    while (to < range.to() && owner[to] == s && localIndex[to] == localIndex[at] + (to - at)) {
                        to++;
                    }
                    local = ExampleRange.of(localIndex[at], localIndex[at] + (to - at));
                } else {
                    s = manifest.shardOf(at);
                    ShardSetManifest.Shard shard = manifest.shards().get(s);
                    to = Math.min(range.to(), shard.to());
                    local = ExampleRange.of(at - shard.from(), to - shard.from());
                }
                TrainingArtifactStore store = shards.get(s);
                parts.add(checkpointId.isEmpty() ? store.readStatic(key, local) : store.read(checkpointId, key, local));
                at = to;
            }
            return join(parts, range);
        } catch (RuntimeException e) {
            parts.forEach(ArtifactChunk::close);
            throw e;
        }
    }

    private static ArtifactChunk join(List<ArtifactChunk> parts, ExampleRange range) {
        ArtifactInfo info = parts.get(0).info();
        if (parts.size() == 1) {
            ArtifactChunk only = parts.get(0);
            // the part's values move to the re-labelled chunk, which now owns (and frees) them
            return info.isRagged() ? ArtifactChunk.ragged(info, range, only.values(), only.offsets())
                    : ArtifactChunk.dense(info, range, only.values());
        }
        INDArray[] values = parts.stream().map(ArtifactChunk::values).filter(v -> !v.isEmpty()).toArray(INDArray[]::new);
        INDArray joined = values.length == 0 ? parts.get(0).values().dup()
                : values.length == 1 ? values[0].dup() : Nd4j.concat(0, values);
        if (!info.isRagged()) {
            parts.forEach(ArtifactChunk::close);
            return ArtifactChunk.dense(info, range, joined);
        }
        long[] offsets = new long[range.size() + 1];
        int i = 0;
        long base = 0;
        for (ArtifactChunk p : parts) {
            long[] o = p.offsets();
            for (int j = 0; j < p.size(); j++) {
                offsets[++i] = base + o[j + 1];
            }
            base += o[o.length - 1];
        }
        parts.forEach(ArtifactChunk::close);
        return ArtifactChunk.ragged(info, range, joined, offsets);
    }

    @Override
    public String manifestHash() {
        return hash;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (TrainingArtifactStore s : shards) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw new StoreException("could not close every shard of store set '" + spec.storeId() + "': " + first,
                    first);
        }
    }
}
