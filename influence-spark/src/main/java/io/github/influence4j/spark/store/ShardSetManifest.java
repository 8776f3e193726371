// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import java.io.IOException;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The manifest of a store set, {@code <set>/set.json} (docs/SCALE.md section 1): which shard stores
 * make up the set, the example range each holds, the checkpoints every shard holds, and the
 * manifest hash of each shard as it was committed. Format {@code influence4j-store-set}: version 1
 * when every shard holds a range of ids, version 2 when a shard lists its ids ({@code "ids"} instead
 * of {@code "from"} and {@code "to"}).
 *
 * <pre>{@code
 * {"format": "influence4j-store-set", "formatVersion": 1, "setId": "snli-r1",
 *  "numExamples": 9842, "numClasses": 3,
 *  "checkpoints": [{"id": "c00", "step": 100, "epoch": 0, "learningRate": 0.001, "seed": 1}, ...],
 *  "shards": [{"name": "shard-00000", "from": 0, "to": 4921, "storeId": "snli-r1-shard-00000",
 *              "manifestHash": "sha256:..."}, ...]}
 * }</pre>
 *
 * @param setId the set's id (the id of the store it opens as)
 * @param numExamples N over all shards
 * @param numClasses K, the same in every shard
 * @param checkpoints the committed checkpoints every shard holds, in training order
 * @param shards the shards, in example order; their ranges tile {@code [0, N)}
 * @serial exclude
 */
public record ShardSetManifest(String setId, int numExamples, int numClasses, List<Checkpoint> checkpoints,
        List<Shard> shards) implements Serializable {
    /** The {@code format} field. */
    public static final String FORMAT = "influence4j-store-set";
    /** The {@code formatVersion} of a set whose shards all hold id ranges. */
    public static final int FORMAT_VERSION = 1;
    /** The {@code formatVersion} of a set with a shard that lists its ids; this code reads both. */
    public static final int FORMAT_VERSION_IDS = 2;
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Copies the lists and checks that the shards tile {@code [0, N)} without overlap or gap.
     *
     * @param setId the set's id
     * @param numExamples N
     * @param numClasses K
     * @param checkpoints the checkpoints of every shard
     * @param shards the shards in example order
     * @throws CorruptStoreException naming the examples held twice or by no shard
     */
    public ShardSetManifest {
        Objects.requireNonNull(setId, "setId");
        checkpoints = List.copyOf(checkpoints);
        shards = List.copyOf(shards);
        checkTiling(setId, numExamples, shards);
    }

    /**
     * One shard: a complete store holding the examples {@code [from, to)} of the set as its own
     * examples {@code 0 .. to - from - 1}, or, when {@code ids} is given, the set's examples
     * {@code ids[0] < ids[1] < ...} as its own examples {@code 0, 1, ...} (then {@code from} is the
     * first id and {@code to} one past the last).
     *
     * @param name the shard's directory name under {@code <set>/shards/}
     * @param from the first example id of the set it holds
     * @param to one past the last
     * @param storeId the shard store's id
     * @param manifestHash the shard's manifest hash when it was committed ({@code sha256:...})
     * @param ids the set ids it holds, ascending, or {@code null} for all of {@code [from, to)}
     * @serial exclude
     */
    public record Shard(String name, int from, int to, String storeId, String manifestHash, int @Nullable [] ids)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Checks the name and range (or ids).
         *
         * @param name the directory name
         * @param from first id
         * @param to one past the last id
         * @param storeId the shard store's id
         * @param manifestHash its manifest hash
         * @param ids the set ids it holds, ascending, or {@code null} for a range
         */
        public Shard {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(manifestHash, "manifestHash");
            if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") || name.startsWith("_")) {
                throw new IllegalArgumentException("shard name must be a plain directory name, was '" + name + "'");
            }
            if (ids != null) {
                ids = ids.clone();
                for (int i = 0; i < ids.length; i++) {
                    if (ids[i] < 0 || (i > 0 && ids[i] <= ids[i - 1])) {
                        throw new IllegalArgumentException("shard " + name + ": its ids must be ascending and >= 0, but id "
                                + ids[i] + " is at position " + i + (i > 0 ? " after " + ids[i - 1] : "")
                                + "; list each shard's ids in increasing order");
                    }
                }
                int first = ids.length == 0 ? 0 : ids[0];
                int last = ids.length == 0 ? 0 : ids[ids.length - 1] + 1;
                if (from != first || to != last) {
                    throw new IllegalArgumentException("shard " + name + ": range [" + from + ", " + to
                            + ") does not span its ids [" + first + ", " + last + ")");
                }
            }
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("shard " + name + ": bad range [" + from + ", " + to + ")");
            }
        }

        /**
         * A shard holding a range of ids.
         *
         * @param name the directory name
         * @param from first id
         * @param to one past the last id
         * @param storeId the shard store's id
         * @param manifestHash its manifest hash
         */
        public Shard(String name, int from, int to, String storeId, String manifestHash) {
            this(name, from, to, storeId, manifestHash, null);
        }

        /**
         * A shard holding a set of ids.
         *
         * @param name the directory name
         * @param ids the set ids it holds, ascending
         * @param storeId the shard store's id
         * @param manifestHash its manifest hash
         * @return the shard
         */
        public static Shard ofIds(String name, int[] ids, String storeId, String manifestHash) {
            return new Shard(name, ids.length == 0 ? 0 : ids[0], ids.length == 0 ? 0 : ids[ids.length - 1] + 1,
                    storeId, manifestHash, ids);
        }

        /**
         * @param newStoreId the store id
         * @param newHash the manifest hash
         * @return this shard with the store id and hash replaced
         */
        public Shard withIdentity(String newStoreId, String newHash) {
            return new Shard(name, from, to, newStoreId, newHash, ids);
        }

        /** @return the set ids it holds, ascending, or {@code null} for all of {@link #range()} (a copy) */
        @Override
        public int @Nullable [] ids() {
            return ids == null ? null : ids.clone();
        }

        /** @return whether it lists its ids rather than holding a range */
        public boolean hasIds() {
            return ids != null;
        }

        /**
         * @param local one of the shard's own example indices
         * @return the set id of that example
         */
        public int setId(int local) {
            Objects.checkIndex(local, size());
            return ids == null ? from + local : ids[local];
        }

        /** @return the range of set ids from its first to one past its last (every id of it, for a range shard) */
        public ExampleRange range() {
            return ExampleRange.of(from, to);
        }

        /** @return the number of examples */
        public int size() {
            return ids == null ? to - from : ids.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shard s && name.equals(s.name) && from == s.from && to == s.to
                    && storeId.equals(s.storeId) && manifestHash.equals(s.manifestHash) && Arrays.equals(ids, s.ids);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, from, to, storeId, manifestHash) * 31 + Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Shard[" + name + ", " + (ids == null ? "[" + from + ", " + to + ")" : ids.length + " ids in [" + from
                    + ", " + to + ")") + ", " + storeId + "]";
        }
    }

    /**
     * @param id a set example id
     * @return the index of the shard holding it
     */
    public int shardOf(int id) {
        Objects.checkIndex(id, numExamples);
        if (hasIds()) {
            for (int s = 0; s < shards.size(); s++) {
                Shard sh = shards.get(s);
                if (sh.hasIds() ? Arrays.binarySearch(sh.ids, id) >= 0 : sh.from() <= id && id < sh.to()) {
                    return s;
                }
            }
            throw new IllegalStateException("example " + id + " is in no shard"); // the constructor checked
        }
        int lo = 0;
        int hi = shards.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (shards.get(mid).from() <= id) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** @return whether a shard lists its ids (format version 2) */
    public boolean hasIds() {
        return shards.stream().anyMatch(Shard::hasIds);
    }

    /** @return the JSON bytes of this manifest */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("formatVersion", hasIds() ? FORMAT_VERSION_IDS : FORMAT_VERSION).put("setId", setId)
                .put("numExamples", numExamples).put("numClasses", numClasses);
        ArrayNode cs = root.putArray("checkpoints");
        for (Checkpoint c : checkpoints) {
            cs.addObject().put("id", c.id()).put("step", c.step()).put("epoch", c.epoch())
                    .put("learningRate", c.learningRate()).put("seed", c.seed());
        }
        ArrayNode ss = root.putArray("shards");
        for (Shard s : shards) {
            ObjectNode o = ss.addObject().put("name", s.name());
            if (s.hasIds()) {
                ArrayNode ids = o.putArray("ids");
                for (int id : s.ids) {
                    ids.add(id);
                }
            } else {
                o.put("from", s.from()).put("to", s.to());
            }
            o.put("storeId", s.storeId()).put("manifestHash", s.manifestHash());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise set manifest " + setId, e);
        }
    }

    /**
     * @return {@code sha256:} and the SHA-256 of {@link #toJson()}, the set's manifest hash
     */
    public String hash() {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toJson()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * Parses and checks a set manifest.
     *
     * @param bytes the JSON bytes
     * @param where where they were read, for messages
     * @return the manifest
     * @throws IncompatibleStoreException for another format or a newer version
     * @throws CorruptStoreException for malformed JSON, missing fields, overlapping or missing ids
     */
    public static ShardSetManifest parse(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CorruptStoreException("store set manifest " + where + " is not valid JSON: " + e.getMessage()
                    + "; restore it from a backup or capture the set again", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IncompatibleStoreException(where + " is not a store set manifest (format '"
                    + (root == null ? "" : root.path("format").asText()) + "', expected '" + FORMAT + "')");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_IDS) {
            throw new IncompatibleStoreException("store set " + where + " has format version " + version
                    + "; this influence4j reads versions " + FORMAT_VERSION + " and " + FORMAT_VERSION_IDS
                    + ": use a matching release");
        }
        try {
            List<Checkpoint> cs = new ArrayList<>();
            for (JsonNode c : required(root, "checkpoints", where)) {
                cs.add(Checkpoint.builder(required(c, "id", where).asText()).step(required(c, "step", where).asLong())
                        .epoch(required(c, "epoch", where).asInt()).learningRate(required(c, "learningRate", where).asDouble())
                        .seed(required(c, "seed", where).asLong()).build());
            }
            List<Shard> ss = new ArrayList<>();
            for (JsonNode s : required(root, "shards", where)) {
                String name = required(s, "name", where).asText();
                String storeId = required(s, "storeId", where).asText();
                String hash = required(s, "manifestHash", where).asText();
                if (version == FORMAT_VERSION_IDS && s.has("ids")) {
                    JsonNode idList = s.get("ids");
                    int[] ids = new int[idList.size()];
                    for (int i = 0; i < ids.length; i++) {
                        if (!idList.get(i).canConvertToInt()) {
                            throw new IllegalArgumentException("shard " + name + ": id '" + idList.get(i) + "' is not an int");
                        }
                        ids[i] = idList.get(i).asInt();
                    }
                    ss.add(Shard.ofIds(name, ids, storeId, hash));
                } else {
                    ss.add(new Shard(name, required(s, "from", where).asInt(), required(s, "to", where).asInt(), storeId,
                            hash));
                }
            }
            return new ShardSetManifest(required(root, "setId", where).asText(),
                    required(root, "numExamples", where).asInt(), required(root, "numClasses", where).asInt(), cs, ss);
        } catch (IllegalArgumentException e) {
            throw new CorruptStoreException("store set manifest " + where + ": " + e.getMessage()
                    + "; restore it or capture the set again", e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new CorruptStoreException("store set manifest " + where + " lacks field '" + field
                    + "'; restore it or capture the set again");
        }
        return v;
    }

    private static void checkTiling(String setId, int n, List<Shard> shards) {
        if (n < 0) {
            throw new IllegalArgumentException("numExamples must be >= 0, was " + n);
        }
        if (shards.stream().anyMatch(Shard::hasIds)) {
            checkIdCover(setId, n, shards);
            return;
        }
        int next = 0;
        for (Shard s : shards) {
            if (s.from() < next) {
                throw new CorruptStoreException("store set '" + setId + "': shard " + s.name() + " holds examples ["
                        + s.from() + ", " + Math.min(next, s.to()) + ") that an earlier shard already holds"
                        + " (overlapping ids); list each example in exactly one shard, in id order");
            }
            if (s.from() > next) {
                throw new CorruptStoreException("store set '" + setId + "': examples [" + next + ", " + s.from()
                        + ") are in no shard (missing shard before " + s.name() + "); capture them or fix set.json");
            }
            next = s.to();
        }
        if (next != n) {
            throw new CorruptStoreException("store set '" + setId + "': examples [" + next + ", " + n
                    + ") are in no shard (missing shard at the end); capture them or fix set.json");
        }
    }

    /** Every id of {@code [0, N)} in exactly one shard, for a set whose shards list ids. */
    private static void checkIdCover(String setId, int n, List<Shard> shards) {
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        for (int s = 0; s < shards.size(); s++) {
            Shard sh = shards.get(s);
            for (int i = 0; i < sh.size(); i++) {
                int id = sh.setId(i);
                if (id >= n) {
                    throw new CorruptStoreException("store set '" + setId + "': shard " + sh.name() + " holds example "
                            + id + ", outside [0, " + n + ") of the set; fix the shard's ids or numExamples");
                }
                if (owner[id] >= 0) {
                    throw new CorruptStoreException("store set '" + setId + "': example " + id + " is in shard "
                            + sh.name() + " and in shard " + shards.get(owner[id]).name()
                            + " (overlapping ids); list each example in exactly one shard");
                }
                owner[id] = s;
            }
        }
        for (int id = 0; id < n; id++) {
            if (owner[id] < 0) {
                int end = id;
                while (end < n && owner[end] < 0) {
                    end++;
                }
                throw new CorruptStoreException("store set '" + setId + "': examples [" + id + ", " + end
                        + ") are in no shard (missing ids); capture them or fix set.json");
            }
        }
    }

    /**
     * @return a short description for messages
     */
    @Override
    public String toString() {
        return "ShardSetManifest[" + setId + ", N=" + numExamples + ", K=" + numClasses + ", " + shards.size()
                + " shards, " + checkpoints.size() + " checkpoints]";
    }

    /**
     * Serialised as its JSON (its {@link Checkpoint}s are plain records): Spark ships sets to tasks.
     *
     * @return the serialisation proxy
     */
    private Object writeReplace() {
        return new Proxy(toJson());
    }

    /** The serialised form: the manifest's JSON bytes. */
    private record Proxy(byte[] json) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return parse(json, "(serialised store set manifest)");
        }
    }
}
