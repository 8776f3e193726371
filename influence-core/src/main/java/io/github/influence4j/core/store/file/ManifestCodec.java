// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.Manifest.Finiteness;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredCheckpoint;
import io.github.influence4j.core.store.file.Manifest.StoredChunk;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads and writes {@code manifest.json} and the {@code pending.json} journal of an uncommitted
 * capture (docs/DESIGN.md sections 2.5 and 2.6). Reading checks the format version, counts, kinds,
 * shapes, dtypes and chunk layout, and says what is wrong and what to do.
 *
 * @implNote Dtypes are written as numpy names ({@code float32}, {@code float64}, {@code int32},
 *     {@code int64}) so the manifest reads naturally next to {@code np.load}. Unknown fields are
 *     ignored, so that a later version may add fields without a new format version.
 */
final class ManifestCodec {
    static final String JOURNAL_FORMAT = "influence4j-store-journal";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    /**
     * @param m a manifest
     * @return its JSON bytes
     */
    static byte[] encode(Manifest m) {
        StoreSpec s = m.spec();
        boolean own = m.statics().values().stream().anyMatch(a -> a.chunkSize() != s.chunkSize())
                || m.checkpoints().stream().flatMap(c -> c.artifacts().values().stream())
                        .anyMatch(a -> a.chunkSize() != s.chunkSize());
        ObjectNode root = header(Manifest.FORMAT_NAME, own ? Manifest.FORMAT_VERSION : Manifest.FORMAT_VERSION_STORE_CHUNKS);
        root.put("storeId", s.storeId()).put("numExamples", s.numExamples()).put("numClasses", s.numClasses())
                .put("chunkSize", s.chunkSize());
        root.set("staticArtifacts", artifacts(m.statics(), s));
        ArrayNode cps = root.putArray("checkpoints");
        for (StoredCheckpoint c : m.checkpoints()) {
            ObjectNode n = checkpoint(c.checkpoint());
            n.set("artifacts", artifacts(c.artifacts(), s));
            cps.add(n);
        }
        return bytes(root);
    }

    /**
     * @param checkpoint the open checkpoint, or empty for static artifacts
     * @param artifacts the durable chunks of each pending artifact
     * @return the journal's JSON bytes
     */
    static byte[] encodeJournal(StoreSpec spec, Optional<Checkpoint> checkpoint,
            Map<ArtifactKey, StoredArtifact> artifacts) {
        boolean own = artifacts.values().stream().anyMatch(a -> a.chunkSize() != spec.chunkSize());
        ObjectNode root = header(JOURNAL_FORMAT, own ? Manifest.FORMAT_VERSION : Manifest.FORMAT_VERSION_STORE_CHUNKS);
        checkpoint.ifPresent(c -> root.set("checkpoint", checkpoint(c)));
        root.set("artifacts", artifacts(artifacts, spec));
        return bytes(root);
    }

    /**
     * Version 1 when every artifact is in the store's chunks (so that releases before artifact chunk
     * sizes still read such stores), version 2 when some artifact has its own.
     */
    private static ObjectNode header(String format, int version) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format).put("formatVersion", version);
        return root;
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a manifest", e);
        }
    }

    private static ObjectNode checkpoint(Checkpoint c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id()).put("step", c.step()).put("epoch", c.epoch()).put("learningRate", c.learningRate())
                .put("seed", c.seed());
        return n;
    }

    private static ObjectNode artifacts(Map<ArtifactKey, StoredArtifact> artifacts, StoreSpec spec) {
        ObjectNode out = JSON.createObjectNode();
        artifacts.forEach((k, a) -> {
            ObjectNode n = out.putObject(k.toString());
            n.put("dtype", numpyName(a.info().dataType()));
            if (a.chunkSize() != spec.chunkSize()) {
                n.put("chunkSize", a.chunkSize());
            }
            ArrayNode shape = n.putArray("exampleShape");
            a.info().exampleShape().forEach(shape::add);
            ObjectNode attrs = n.putObject("attributes");
            new TreeMap<>(a.info().attributes()).forEach(attrs::put);
            ArrayNode chunks = n.putArray("chunks");
            for (StoredChunk c : a.chunks()) {
                ObjectNode cn = chunks.addObject();
                cn.put("from", c.range().from()).put("to", c.range().to());
                ArrayNode files = cn.putArray("files");
                for (StoredFile f : c.files()) {
                    ObjectNode fn = files.addObject().put("name", f.name()).put("bytes", f.bytes())
                            .put("sha256", f.sha256());
                    if (f.hasCrc32c()) {
                        fn.put("crc32c", String.format(Locale.ROOT, "%08x", f.crc32c()));
                    }
                    if (f.finite() != Finiteness.UNKNOWN) {
                        fn.put("allFinite", f.finite() == Finiteness.ALL_FINITE);
                    }
                }
            }
        });
        return out;
    }

    private static String numpyName(DataType dt) {
        return switch (dt) {
            case FLOAT -> "float32";
            case HALF -> "float16";
            case DOUBLE -> "float64";
            case INT -> "int32";
            case LONG -> "int64";
            default -> throw new IllegalArgumentException("unsupported dtype " + dt);
        };
    }

    /**
     * Parses and checks a manifest.
     *
     * @param bytes the file's bytes
     * @param source the file, for messages
     * @return the manifest
     * @throws IncompatibleStoreException for a newer format version or kinds whose shapes disagree
     *     with the store's counts
     * @throws CorruptStoreException for anything unreadable or inconsistent
     */
    static Manifest decode(byte[] bytes, String source) {
        JsonFields r = new JsonFields(source, "the manifest", Manifest.FORMAT_NAME);
        JsonNode root = r.parse(bytes);
        StoreSpec spec;
        try {
            spec = new StoreSpec(r.text(root, "storeId"), r.integer(root, "numExamples"), r.integer(root, "numClasses"),
                    r.integer(root, "chunkSize"));
        } catch (IllegalArgumentException e) {
            throw r.corrupt("the store's spec", e.getMessage());
        }
        Map<ArtifactKey, StoredArtifact> statics = artifacts(r, r.object(root, "staticArtifacts"), spec, "", true);
        List<StoredCheckpoint> cps = new ArrayList<>();
        for (JsonNode n : r.array(root, "checkpoints")) {
            Checkpoint c = r.checkpoint(n);
            if (cps.stream().anyMatch(x -> x.checkpoint().id().equals(c.id()))) {
                throw r.corrupt("checkpoint '" + c.id() + "'", "the id appears twice");
            }
            cps.add(new StoredCheckpoint(c, artifacts(r, r.object(n, "artifacts"), spec, c.id(), true)));
        }
        return new Manifest(spec, statics, cps);
    }

    /**
     * Parses and checks a journal.
     *
     * @param bytes the file's bytes
     * @param source the file, for messages
     * @param spec the store's spec
     * @param checkpointId the checkpoint the journal belongs to, or {@code ""} for static artifacts
     * @return the journalled checkpoint (if any) and artifacts with their durable chunks
     */
    static Journal decodeJournal(byte[] bytes, String source, StoreSpec spec, String checkpointId) {
        JsonFields r = new JsonFields(source, "the capture journal", JOURNAL_FORMAT);
        JsonNode root = r.parse(bytes);
        Optional<Checkpoint> c = root.has("checkpoint") ? Optional.of(r.checkpoint(root.get("checkpoint")))
                : Optional.empty();
        if (!c.map(Checkpoint::id).orElse("").equals(checkpointId)) {
            throw r.corrupt("field 'checkpoint'", "expected checkpoint '" + checkpointId + "', found " + c);
        }
        return new Journal(c, artifacts(r, r.object(root, "artifacts"), spec, checkpointId, false));
    }

    /**
     * A decoded journal.
     *
     * @param checkpoint the checkpoint being captured, or empty for static artifacts
     * @param artifacts the artifacts with their durable chunks
     */
    record Journal(Optional<Checkpoint> checkpoint, Map<ArtifactKey, StoredArtifact> artifacts) {
    }

    private static Map<ArtifactKey, StoredArtifact> artifacts(JsonFields r, JsonNode n, StoreSpec spec, String cp,
            boolean complete) {
        Map<ArtifactKey, StoredArtifact> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArtifactKey key;
            try {
                key = ArtifactKey.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw r.corrupt("artifact '" + e.getKey() + "'", ex.getMessage());
            }
            out.put(key, artifact(r, e.getValue(), key, spec, cp, complete));
        }
        return out;
    }

    private static StoredArtifact artifact(JsonFields r, JsonNode n, ArtifactKey key, StoreSpec spec, String cp,
            boolean complete) {
        String where = (cp.isEmpty() ? "static artifact " + key : "artifact " + key + " of checkpoint '" + cp + "'");
        if (key.kind().isStatic() != cp.isEmpty()) {
            throw r.corrupt(where, key.kind() + " is a " + key.kind().scope().name().toLowerCase(java.util.Locale.ROOT)
                    + " kind but is listed " + (cp.isEmpty() ? "with the static artifacts" : "under a checkpoint"));
        }
        DataType dt = switch (r.text(n, "dtype")) {
            case "float32" -> DataType.FLOAT;
            case "float16" -> DataType.HALF;
            case "float64" -> DataType.DOUBLE;
            case "int32" -> DataType.INT;
            case "int64" -> DataType.LONG;
            default -> throw r.corrupt(where, "dtype '" + n.get("dtype").asText()
                    + "' is not one of float16, float32, float64, int32, int64");
        };
        List<Long> shape = new ArrayList<>();
        for (JsonNode d : r.array(n, "exampleShape")) {
            if (!d.isIntegralNumber()) {
                throw r.corrupt(where, "exampleShape holds " + d + ", expected integers");
            }
            shape.add(d.asLong());
        }
        Map<String, String> attrs = new TreeMap<>();
        r.object(n, "attributes").fields().forEachRemaining(a -> attrs.put(a.getKey(), a.getValue().asText()));
        ArtifactInfo info;
        try {
            info = new ArtifactInfo(key, dt, shape, attrs);
        } catch (IllegalArgumentException e) {
            throw r.corrupt(where, e.getMessage());
        }
        checkKind(spec, info, where, r);
        int size = artifactChunkSize(r, n, info, spec, where);
        StoredArtifact layout = new StoredArtifact(info, size, List.of());
        List<StoredChunk> chunks = new ArrayList<>();
        for (JsonNode c : r.array(n, "chunks")) {
            chunks.add(chunk(r, c, info, spec, size, where));
        }
        int expected = layout.numChunks(spec);
        for (int i = 0; i < chunks.size(); i++) {
            ExampleRange got = chunks.get(i).range();
            if (complete ? i >= expected || !got.equals(layout.chunk(spec, i))
                    : i > 0 && got.from() <= chunks.get(i - 1).range().from()) {
                throw r.corrupt(where, "chunk " + i + " covers " + got + (complete && i < expected
                        ? ", expected " + layout.chunk(spec, i) : ", out of order") + " (chunk size " + size
                        + ", N = " + spec.numExamples() + ")");
            }
        }
        if (complete && chunks.size() != expected) {
            throw r.corrupt(where, "it lists " + chunks.size() + " chunks, expected " + expected
                    + " to cover N = " + spec.numExamples() + " examples in chunks of " + size);
        }
        for (StoredChunk c : chunks) {
            checkBytes(r, where, info, c);
        }
        return new StoredArtifact(info, size, chunks);
    }

    /**
     * An artifact's own chunk size (format version 2): absent means the store's; present, a
     * power-of-two multiple of the store's, for dense kinds only.
     */
    private static int artifactChunkSize(JsonFields r, JsonNode n, ArtifactInfo info, StoreSpec spec, String where) {
        if (!n.has("chunkSize")) {
            return spec.chunkSize();
        }
        int size = r.integer(n, "chunkSize");
        long m = size / (long) spec.chunkSize();
        if (info.isRagged() || size < spec.chunkSize() || size % spec.chunkSize() != 0 || Long.bitCount(m) != 1) {
            throw r.corrupt(where, "chunkSize " + size + " is not " + (info.isRagged()
                    ? "allowed for a ragged kind (its chunks are the store's, " + spec.chunkSize() + ")"
                    : "a power-of-two multiple of the store's chunk size " + spec.chunkSize()));
        }
        return size;
    }

    /**
     * Every size the manifest gives must fit the bytes it records for the file that holds it (which
     * reads compare with the disk), so that no shape or count sizes anything beyond the store's own
     * bytes: a dense file holds its rows, an offsets file its {@code n + 1} offsets, each plus at most
     * one {@code .npy} header.
     */
    private static void checkBytes(JsonFields r, String where, ArtifactInfo info, StoredChunk c) {
        StoredFile f = c.files().get(info.isRagged() ? 1 : 0);
        long payload;
        try {
            payload = info.isRagged() ? 8L * (c.range().size() + 1L)
                    : (long) c.range().size() * Npy.elementSize(info.dataType());
            for (long d : info.isRagged() ? List.<Long>of() : info.exampleShape()) {
                payload = Math.multiplyExact(payload, d);
            }
        } catch (ArithmeticException e) {
            payload = Long.MAX_VALUE;
        }
        if (payload > f.bytes() || f.bytes() - payload > ChunkFiles.MAX_HEADER) {
            throw r.corrupt(where, "chunk " + c.range() + " file " + f.name() + " records " + f.bytes() + " bytes, but "
                    + (info.isRagged() ? c.range().size() + 1 + " offsets (int64)" : c.range().size()
                    + " examples of " + info.dataType() + " " + info.exampleShape()) + " take "
                    + (payload == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(payload)) + " bytes plus a header of"
                    + " at most " + ChunkFiles.MAX_HEADER + "; the manifest contradicts itself");
        }
    }

    private static StoredChunk chunk(JsonFields r, JsonNode n, ArtifactInfo info, StoreSpec spec, int size,
            String where) {
        int from = r.integer(n, "from");
        int to = r.integer(n, "to");
        if (from < 0 || from % size != 0 || from >= spec.numExamples()
                || to != Math.min(spec.numExamples(), (long) from + size)) {
            throw r.corrupt(where, "chunk [" + from + ", " + to + ") is not a chunk of this store (chunk size "
                    + size + ", N = " + spec.numExamples() + ")");
        }
        ExampleRange range = ExampleRange.of(from, to);
        String[] names = StoreFiles.chunkNames(range, info.isRagged());
        JsonNode files = r.array(n, "files");
        if (files.size() != names.length) {
            throw r.corrupt(where, "chunk " + range + " lists " + files.size() + " files, expected "
                    + List.of(names));
        }
        List<StoredFile> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            JsonNode f = files.get(i);
            String name = r.text(f, "name");
            long bytes = r.longValue(f, "bytes");
            String sha = r.text(f, "sha256");
            String crc = f.has("crc32c") ? r.text(f, "crc32c") : null;
            if (!name.equals(names[i]) || bytes < 0 || !sha.matches("[0-9a-f]{64}")
                    || (crc != null && !crc.matches("[0-9a-f]{8}"))) {
                throw r.corrupt(where, "chunk " + range + " file " + i + " is {name " + name + ", bytes " + bytes
                        + ", sha256 " + sha + (crc == null ? "" : ", crc32c " + crc) + "}, expected name " + names[i]
                        + ", a length >= 0, 64 lower-case hex digits of SHA-256 and, if present, 8 of CRC32C");
            }
            JsonNode fin = f.get("allFinite");
            if (fin != null && !fin.isBoolean()) {
                throw r.corrupt(where, "chunk " + range + " file " + i + " has allFinite " + fin + ", expected true or false");
            }
            Finiteness finite = fin == null ? Finiteness.UNKNOWN
                    : fin.booleanValue() ? Finiteness.ALL_FINITE : Finiteness.NOT_ALL_FINITE;
            out.add(new StoredFile(name, bytes, sha, crc == null ? StoredFile.NO_CRC32C : Long.parseLong(crc, 16), finite));
        }
        return new StoredChunk(range, out);
    }

    private static void checkKind(StoreSpec spec, ArtifactInfo info, String where, JsonFields r) {
        ArtifactKind kind = info.key().kind();
        List<Long> es = info.exampleShape();
        if ((kind == ArtifactKind.LOGITS || kind == ArtifactKind.NULL_LOGITS)
                && !es.equals(List.of((long) spec.numClasses()))) {
            throw new IncompatibleStoreException(where + " in " + r.source() + " has per-example shape " + es
                    + ", but the store has K = " + spec.numClasses() + " classes (expected [" + spec.numClasses()
                    + "]); the manifest contradicts itself: re-capture the store");
        }
        if ((kind == ArtifactKind.LABELS || kind == ArtifactKind.LOSS) && !es.isEmpty()) {
            throw new IncompatibleStoreException(where + " in " + r.source() + " has per-example shape " + es
                    + ", expected a scalar ([]); re-capture the store");
        }
        if ((kind == ArtifactKind.LABELS || kind == ArtifactKind.TOKEN_IDS || kind == ArtifactKind.SEGMENT_IDS)
                && info.isFloatingPoint()) {
            throw new IncompatibleStoreException(where + " in " + r.source() + " has dtype " + info.dataType()
                    + ", expected int32 or int64; re-capture the store");
        }
    }
}
