// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * A store set as opened and checked: where it lives and its manifest. Serializable, so that Spark
 * tasks carry it.
 *
 * @param location the set's directory URI ({@code hdfs://...}, {@code file:///...})
 * @param manifest its checked manifest
 * @serial exclude
 */
public record ShardSet(URI location, ShardSetManifest manifest) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks for nulls.
     *
     * @param location the set's directory URI
     * @param manifest its manifest
     */
    public ShardSet {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * @param index a shard index
     * @return the URI of that shard's store
     */
    public URI shardUri(int index) {
        return ShardSets.shardUri(location, manifest.shards().get(index).name());
    }

    /** @return the number of shards */
    public int numShards() {
        return manifest.shards().size();
    }
}
