// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.StoreNotFoundException;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Store sets: several file stores ("shards"), each holding a disjoint range of a data set's example
 * ids, written independently, plus a manifest {@code set.json} that lists them (docs/SCALE.md
 * section 1). Layout on any Hadoop file system:
 *
 * <pre>
 * &lt;set&gt;/set.json                      the set manifest (written atomically, last)
 * &lt;set&gt;/shards/&lt;name&gt;/manifest.json    one influence4j file store per shard (docs/DESIGN.md 2.5)
 * &lt;set&gt;/shards/_temporary/...         uploads in progress (removed by {@link #commit})
 * </pre>
 *
 * <pre>{@code
 * ShardSetManifest m = ShardSets.commit(setUri, conf, "snli-r1", shards);   // after every shard is published
 * ShardSet set = ShardSets.open(setUri, conf);                             // checked
 * try (TrainingArtifactStore all = ShardSets.openStore(setUri, conf)) {     // one store on one machine
 *     InfluenceScores el2n = Scorers.el2n(all).score();
 * }
 * }</pre>
 */
public final class ShardSets {
    /** The set manifest's file name. */
    public static final String MANIFEST = "set.json";
    /** The directory of the shard stores. */
    public static final String SHARDS = "shards";

    private ShardSets() {
    }

    /**
     * @param set the set's directory
     * @param shardName a shard's name
     * @return the URI of that shard's store
     */
    public static URI shardUri(URI set, String shardName) {
        return new Path(new Path(new Path(set), SHARDS), shardName).toUri();
    }

    /**
     * Writes the set manifest once every shard is committed: reads each shard's manifest (no chunk),
     * checks that the shards agree (example counts, classes, checkpoints, artifacts) and tile
     * {@code [0, N)}, records each shard's manifest hash, writes {@code set.json} atomically, and
     * removes the temporary uploads.
     *
     * @param set the set's directory
     * @param conf the Hadoop configuration
     * @param setId the set's id
     * @param shards name and example range (or ids) of each shard, in id order (store id and hash are read)
     * @return the manifest written
     * @throws CorruptStoreException for overlapping or missing ids
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException for shards that disagree
     */
    public static ShardSetManifest commit(URI set, Configuration conf, String setId, List<ShardSetManifest.Shard> shards) {
        List<ShardSetManifest.Shard> recorded = new ArrayList<>();
        List<TrainingArtifactStore> views = new ArrayList<>();
        try {
            for (ShardSetManifest.Shard s : shards) {
                URI uri = shardUri(set, s.name());
                TrainingArtifactStore view = HadoopStores.openManifestOnly(uri, conf);
                views.add(view);
                recorded.add(s.withIdentity(view.id(), HadoopStores.manifestHash(uri, conf)));
            }
            if (views.isEmpty()) {
                throw new IllegalArgumentException("a store set needs at least one shard");
            }
            List<Checkpoint> checkpoints = views.get(0).checkpoints();
            int n = recorded.stream().mapToInt(ShardSetManifest.Shard::to).max().orElse(0);
            ShardSetManifest manifest = new ShardSetManifest(setId, n, views.get(0).numClasses(), checkpoints, recorded);
            for (int i = 0; i < views.size(); i++) {
                ShardedArtifactStore.checkConsistent(manifest, recorded.get(i), views.get(i), views.get(0));
            }
            HadoopStores.writeAtomically(new Path(new Path(set), MANIFEST).toUri(), manifest.toJson(), conf);
            FileSystem fs = HadoopStores.fileSystem(set, conf);
            fs.delete(new Path(new Path(new Path(set), SHARDS), HadoopStores.TEMPORARY), true);
            return manifest;
        } catch (IOException e) {
            throw new io.github.influence4j.core.exception.StoreException("cannot clean the uploads of " + set + ": " + e, e);
        } finally {
            views.forEach(TrainingArtifactStore::close);
        }
    }

    /**
     * Opens a store set and checks it: the manifest parses and tiles {@code [0, N)}, and every shard
     * is present with the manifest hash recorded at commit (a shard replaced by one from another run
     * is refused). Reads only manifests.
     *
     * @param set the set's directory
     * @param conf the Hadoop configuration
     * @return the checked set
     * @throws StoreNotFoundException if there is no {@code set.json} or a shard is missing
     * @throws CorruptStoreException if a shard's manifest hash differs from the recorded one
     */
    public static ShardSet open(URI set, Configuration conf) {
        ShardSetManifest m = readManifest(set, conf);
        for (ShardSetManifest.Shard s : m.shards()) {
            URI uri = shardUri(set, s.name());
            String actual;
            try {
                actual = HadoopStores.manifestHash(uri, conf);
            } catch (StoreNotFoundException e) {
                throw new StoreNotFoundException("store set '" + m.setId() + "' at " + set + ": shard " + s.name()
                        + " (examples " + s.range() + ") is missing at " + uri + "; restore it or capture the set again", e);
            }
            if (!actual.equals(s.manifestHash())) {
                throw new CorruptStoreException("store set '" + m.setId() + "' at " + set + ": shard " + s.name()
                        + " has manifest hash " + actual + " but set.json recorded " + s.manifestHash()
                        + ": the shard was replaced or comes from another run; restore the committed shard or"
                        + " capture the set again");
            }
        }
        return new ShardSet(set, m);
    }

    /**
     * Opens a store set as one {@link TrainingArtifactStore} on this machine (shards on a local file
     * system are read in place; others are copied to local scratch space until closed).
     *
     * @param set the set's directory
     * @param conf the Hadoop configuration
     * @return one store of all the set's examples; close it
     */
    public static TrainingArtifactStore openStore(URI set, Configuration conf) {
        ShardSet checked = open(set, conf);
        List<TrainingArtifactStore> stores = new ArrayList<>();
        try {
            for (int i = 0; i < checked.numShards(); i++) {
                stores.add(HadoopStores.open(checked.shardUri(i), conf,
                        Optional.of(checked.manifest().shards().get(i).manifestHash())));
            }
            return new ShardedArtifactStore(checked.manifest(), stores);
        } catch (RuntimeException e) {
            stores.forEach(TrainingArtifactStore::close);
            throw e;
        }
    }

    /**
     * @param set the set's directory
     * @param conf the Hadoop configuration
     * @return its parsed manifest (shards not checked: see {@link #open})
     */
    public static ShardSetManifest readManifest(URI set, Configuration conf) {
        Path file = new Path(new Path(set), MANIFEST);
        FileSystem fs = HadoopStores.fileSystem(set, conf);
        try {
            if (!fs.exists(file)) {
                throw new StoreNotFoundException("no store set at " + set + " (no " + MANIFEST + "): check the URI, or"
                        + " finish the capture (set.json is written last)");
            }
            try (InputStream in = fs.open(file)) {
                return ShardSetManifest.parse(in.readAllBytes(), file.toString());
            }
        } catch (IOException e) {
            throw new io.github.influence4j.core.exception.StoreException("cannot read " + file + ": " + e, e);
        }
    }
}
