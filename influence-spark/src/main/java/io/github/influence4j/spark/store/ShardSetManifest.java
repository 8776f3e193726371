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
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The manifest of a store set, {@code <set>/set.json} (docs/SCALE.md section 1): which shard stores
 * make up the set, the example range each holds, the checkpoints every shard holds, and the
 * manifest hash of each shard as it was committed. Format {@code influence4j-store-set}, version 1.
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
    /** The {@code formatVersion} this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
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
     * examples {@code 0 .. to - from - 1}.
     *
     * @param name the shard's directory name under {@code <set>/shards/}
     * @param from the first example id of the set it holds
     * @param to one past the last
     * @param storeId the shard store's id
     * @param manifestHash the shard's manifest hash when it was committed ({@code sha256:...})
     * @serial exclude
     */
    public record Shard(String name, int from, int to, String storeId, String manifestHash) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Checks the name and range.
         *
         * @param name the directory name
         * @param from first id
         * @param to one past the last id
         * @param storeId the shard store's id
         * @param manifestHash its manifest hash
         */
        public Shard {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(manifestHash, "manifestHash");
            if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") || name.startsWith("_")) {
                throw new IllegalArgumentException("shard name must be a plain directory name, was '" + name + "'");
            }
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("shard " + name + ": bad range [" + from + ", " + to + ")");
            }
        }

        /** @return the set's example ids this shard holds */
        public ExampleRange range() {
            return ExampleRange.of(from, to);
        }

        /** @return the number of examples */
        public int size() {
            return to - from;
        }
    }

    /**
     * @param id a set example id
     * @return the index of the shard holding it
     */
    public int shardOf(int id) {
        Objects.checkIndex(id, numExamples);
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

    /** @return the JSON bytes of this manifest */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("formatVersion", FORMAT_VERSION).put("setId", setId)
                .put("numExamples", numExamples).put("numClasses", numClasses);
        ArrayNode cs = root.putArray("checkpoints");
        for (Checkpoint c : checkpoints) {
            cs.addObject().put("id", c.id()).put("step", c.step()).put("epoch", c.epoch())
                    .put("learningRate", c.learningRate()).put("seed", c.seed());
        }
        ArrayNode ss = root.putArray("shards");
        for (Shard s : shards) {
            ss.addObject().put("name", s.name()).put("from", s.from()).put("to", s.to()).put("storeId", s.storeId())
                    .put("manifestHash", s.manifestHash());
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
        if (version != FORMAT_VERSION) {
            throw new IncompatibleStoreException("store set " + where + " has format version " + version
                    + "; this influence4j reads version " + FORMAT_VERSION + ": use a matching release");
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
                ss.add(new Shard(required(s, "name", where).asText(), required(s, "from", where).asInt(),
                        required(s, "to", where).asInt(), required(s, "storeId", where).asText(),
                        required(s, "manifestHash", where).asText()));
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
