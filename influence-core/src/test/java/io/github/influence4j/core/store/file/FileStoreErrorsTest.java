// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.exception.StoreNotFoundException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactRequirements;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.SyntheticArtifacts;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.StoreVerification.Status;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Each bad input to the file store, with the message a user sees: what, where, expected vs actual, what to do. */
class FileStoreErrorsTest {
    /**
     * Every artifact in the store's chunks of 4 (no larger chunks for small artifacts), so that the
     * damage below hits the files it names; the larger chunks are damaged in SmallArtifactChunksTest.
     */
    private static final WriteOptions STORE_CHUNKS = WriteOptions.defaults().withSmallArtifactBytes(0);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    private static final ArtifactKey PARAMS = ArtifactKey.of(ArtifactKind.PARAM_GRADS, "emb");

    @TempDir
    static Path shared;
    private static final SyntheticArtifacts DATA = SyntheticArtifacts.generate(10, 5);

    @TempDir
    Path tmp;
    Path dir;
    SyntheticArtifacts data = DATA;

    /** Writes the store once; each test damages its own copy. */
    @BeforeAll
    static void writeTemplate() {
        try (ArtifactWriter w = ArtifactStores.create(shared.resolve("template"), new StoreSpec("err", 10, DATA.k, 4),
                STORE_CHUNKS)) {
            DATA.writeTo(w, 3);
        }
    }

    @BeforeEach
    void copyStore() throws IOException {
        dir = tmp.resolve("store");
        Path template = shared.resolve("template");
        try (var s = Files.walk(template)) {
            for (Path p : s.toList()) {
                Path target = dir.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void assertMentions(Throwable e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
    }

    private Path chunk(String rel) {
        return dir.resolve(rel);
    }

    @Test
    void truncatedChunk() throws IOException {
        Path f = chunk("checkpoints/epoch-0/LOGITS/4-8.npy");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 5));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            data.assertReads(s, ExampleRange.of(0, 4)); // other chunks stay readable
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("epoch-0", LOGITS, ExampleRange.of(2, 6)));
            assertMentions(e, "checkpoints/epoch-0/LOGITS/4-8.npy", "store 'err'", "examples [4, 8)",
                    "checkpoint 'epoch-0'", "has " + (b.length - 5) + " bytes, but the manifest records " + b.length,
                    "truncated", "Restore the file from a backup, or re-capture checkpoint 'epoch-0'");
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertEquals(1, v.failures().size(), v.failures().toString());
        assertEquals(Status.WRONG_LENGTH, v.failures().get(0).status());
        assertEquals("checkpoints/epoch-0/LOGITS/4-8.npy", v.failures().get(0).file());
    }

    @Test
    void chunkWhoseBytesChanged() throws IOException {
        Path f = chunk("static/TOKEN_IDS/8-10.values.npy");
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 0x01;
        Files.write(f, b);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), ExampleRange.of(0, 10)));
            String expected = JSON.readTree(dir.resolve("manifest.json").toFile()).at("/staticArtifacts/TOKEN_IDS/chunks/2/files/0/crc32c").asText();
            assertMentions(e, "static/TOKEN_IDS/8-10.values.npy", "static artifacts", "has CRC32C ",
                    "but the manifest records " + expected, "bytes changed", "Restore the file from a backup");
            // a range that cuts the chunk takes the heap path: the same check
            CorruptStoreException cut = assertThrows(CorruptStoreException.class,
                    () -> s.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), ExampleRange.of(9, 10)));
            assertMentions(cut, "static/TOKEN_IDS/8-10.values.npy", "has CRC32C ", "bytes changed");
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir, NonFinitePolicy.FAIL, ChunkVerification.EVERY_READ_SHA256)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), ExampleRange.of(0, 10)));
            String expected = JSON.readTree(dir.resolve("manifest.json").toFile()).at("/staticArtifacts/TOKEN_IDS/chunks/2/files/0/sha256").asText();
            assertMentions(e, "static/TOKEN_IDS/8-10.values.npy", "has SHA-256 ", "but the manifest records " + expected);
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertEquals(List.of(Status.WRONG_HASH), v.failures().stream().map(StoreVerification.FileResult::status).toList());
        assertTrue(v.failures().get(0).message().contains("has SHA-256 "), v.failures().get(0).message());
    }

    @Test
    void storeWithoutCrc32cEntriesIsCheckedBySha256() throws IOException {
        editManifest(root -> root.findParents("crc32c").forEach(n -> ((ObjectNode) n).remove("crc32c")));
        assertTrue(!Files.readString(dir.resolve("manifest.json")).contains("crc32c"));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            data.assertReads(s, ExampleRange.of(0, 10)); // an older store still reads
            data.assertReads(s, ExampleRange.of(3, 9));
        }
        Path f = chunk("checkpoints/epoch-1/LOGITS/4-8.npy");
        byte[] b = Files.readAllBytes(f);
        b[b.length - 3] ^= 0x04;
        Files.write(f, b);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("epoch-1", LOGITS, ExampleRange.of(0, 10)));
            assertMentions(e, "checkpoints/epoch-1/LOGITS/4-8.npy", "has SHA-256 ", "bytes changed");
        }
        assertEquals(Status.WRONG_HASH, ArtifactStores.verify(dir).failures().get(0).status());
    }

    @Test
    void editedCrc32cEntryFailsReadsAndVerify() throws IOException {
        editManifest(root -> ((ObjectNode) root.at("/checkpoints/1/artifacts/LOGITS/chunks/1/files/0"))
                .put("crc32c", "00000000"));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("epoch-1", LOGITS, ExampleRange.of(4, 8)));
            assertMentions(e, "checkpoints/epoch-1/LOGITS/4-8.npy", "has CRC32C ", "but the manifest records 00000000");
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertEquals(List.of(Status.WRONG_HASH), v.failures().stream().map(StoreVerification.FileResult::status).toList());
        assertTrue(v.failures().get(0).message().contains("CRC32C entry was edited"), v.failures().get(0).message());
    }

    @Test
    void malformedCrc32cEntryFailsOnOpen() throws IOException {
        editManifest(root -> ((ObjectNode) root.at("/checkpoints/1/artifacts/LOGITS/chunks/1/files/0"))
                .put("crc32c", "xyz"));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir));
        assertMentions(e, "crc32c xyz", "8 of CRC32C");
    }

    /** The recorded CRC32C of every file equals a bit-by-bit CRC-32C (Castagnoli, reflected) of its bytes. */
    @Test
    void recordedCrc32cMatchesABitwiseComputation() throws IOException {
        var root = JSON.readTree(dir.resolve("manifest.json").toFile());
        List<com.fasterxml.jackson.databind.JsonNode> files = root.findParents("crc32c");
        assertTrue(files.size() > 20, "files with a crc32c: " + files.size());
        for (var f : files) {
            String name = f.get("name").asText();
            try (var walk = Files.walk(dir)) {
                List<Path> matches = walk.filter(p -> p.getFileName().toString().equals(name)).toList();
                boolean found = false;
                for (Path p : matches) {
                    found |= String.format("%08x", bitwiseCrc32c(Files.readAllBytes(p))).equals(f.get("crc32c").asText());
                }
                assertTrue(found, name + " has no file whose CRC-32C is " + f.get("crc32c").asText());
            }
        }
    }

    private static long bitwiseCrc32c(byte[] bytes) {
        int crc = 0xFFFFFFFF;
        for (byte x : bytes) {
            crc ^= x & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ ((crc & 1) != 0 ? 0x82F63B78 : 0);
            }
        }
        return ~crc & 0xFFFFFFFFL;
    }

    @Test
    void verifyingOncePerOpenStillCatchesAFileChangedLater() throws IOException {
        try (TrainingArtifactStore s = ArtifactStores.open(dir, NonFinitePolicy.FAIL, ChunkVerification.ONCE_PER_OPEN)) {
            data.assertReads(s, ExampleRange.of(0, 10));
            data.assertReads(s, ExampleRange.of(0, 10)); // second pass: no hashing, same values
            Path f = chunk("checkpoints/epoch-1/LOSS/0-4.npy");
            byte[] b = Files.readAllBytes(f);
            b[b.length - 2] ^= 0x10;
            Files.write(f, b);
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("epoch-1", ArtifactKey.of(ArtifactKind.LOSS), ExampleRange.of(0, 4)));
            assertMentions(e, "checkpoints/epoch-1/LOSS/0-4.npy", "bytes changed");
        }
    }

    @Test
    void missingChunkFile() throws IOException {
        Files.delete(chunk("checkpoints/epoch-1/INPUT_GRADS/0-4.offsets.npy"));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("epoch-1", ArtifactKey.of(ArtifactKind.INPUT_GRADS), ExampleRange.of(0, 4)));
            assertMentions(e, "checkpoints/epoch-1/INPUT_GRADS/0-4.offsets.npy", "is missing", "re-capture checkpoint 'epoch-1'");
        }
        assertEquals(Status.MISSING, ArtifactStores.verify(dir).failures().get(0).status());
    }

    @Test
    void manifestFromNewerFormatVersion() throws IOException {
        editManifest(m -> m.put("formatVersion", 3));
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class, () -> ArtifactStores.open(dir));
        assertMentions(e, "manifest.json", "format version 3", "reads format versions 1 to 2",
                "open the store with a newer influence4j release");
        assertThrows(IncompatibleStoreException.class, () -> ArtifactStores.resume(dir));
        assertThrows(IncompatibleStoreException.class, () -> ArtifactStores.verify(dir));
    }

    @Test
    void manifestThatIsNotJsonOrLacksFields() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"influence4j-store\", \"formatVersion\": 1");
        assertMentions(assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir)), "manifest.json",
                "is not valid JSON", "restore it from a backup");
        writeStore2();
        editManifest(m -> m.remove("chunkSize"));
        assertMentions(assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir)),
                "field 'chunkSize'", "missing");
    }

    private void writeStore2() throws IOException {
        deleteTree(tmp.resolve("store"));
        copyStore();
    }

    @Test
    void arrayWhoseShapeDisagreesWithTheManifest() throws IOException {
        // the file is intact (length and hash match the manifest) but the manifest declares another shape
        editManifest(m -> {
            ArrayNode shape = (ArrayNode) m.at("/checkpoints/0/artifacts/PARAM_GRADS.emb/exampleShape");
            shape.removeAll().add(3).add(2);
        });
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class,
                    () -> s.read("epoch-0", PARAMS, ExampleRange.of(0, 10)));
            assertMentions(e, "checkpoints/epoch-0/PARAM_GRADS.emb/0-4.npy", "holds FLOAT [4, 2, 3]",
                    "per-example shape [3, 2]", "expected FLOAT [4, 3, 2]", "the file and the manifest disagree");
        }
        assertEquals(Status.BAD_ARRAY, ArtifactStores.verify(dir).failures().get(0).status());
    }

    @Test
    void logitsWhoseShapeDisagreesWithTheClassCountFailOnOpen() throws IOException {
        editManifest(m -> m.put("numClasses", 4));
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class, () -> ArtifactStores.open(dir));
        assertMentions(e, "LOGITS", "per-example shape [3]", "K = 4 classes", "re-capture");
    }

    @Test
    void chunkLayoutThatDoesNotCoverTheStoreFailsOnOpen() throws IOException {
        editManifest(m -> ((ArrayNode) m.at("/checkpoints/1/artifacts/LOSS/chunks")).remove(2));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir));
        assertMentions(e, "artifact LOSS of checkpoint 'epoch-1'", "lists 2 chunks, expected 3", "N = 10");
    }

    @Test
    void missingManifest() {
        StoreNotFoundException e = assertThrows(StoreNotFoundException.class,
                () -> ArtifactStores.open(tmp.resolve("nowhere")));
        assertMentions(e, "no influence4j store at", "nowhere", "manifest.json does not exist",
                "ArtifactStores.create(dir, spec)");
        assertThrows(StoreNotFoundException.class, () -> ArtifactStores.resume(tmp.resolve("nowhere")));
        assertThrows(StoreNotFoundException.class, () -> ArtifactStores.verify(tmp.resolve("nowhere")));
    }

    @Test
    void createOverAnExistingStoreOrNonEmptyDirectory() throws IOException {
        assertMentions(assertThrows(StoreException.class, () -> ArtifactStores.create(dir, StoreSpec.of("x", 3, 2))),
                "already holds an influence4j store", "ArtifactStores.resume(dir)");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "hello");
        assertMentions(assertThrows(StoreException.class, () -> ArtifactStores.create(other, StoreSpec.of("x", 3, 2))),
                "is not empty and holds no store");
    }

    @Test
    void twoWritersOnOneStore() {
        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            assertMentions(assertThrows(StoreException.class, () -> ArtifactStores.resume(dir)),
                    "is being written by another writer", "writer.lock");
        }
        ArtifactStores.resume(dir).close(); // released
    }

    @Test
    void checkpointIdCommittedBeforeReopening() {
        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> w.beginCheckpoint(new Checkpoint("epoch-1", 999, 3, 0.5, 1)));
            assertMentions(e, "checkpoint id 'epoch-1' is already committed in store 'err'", "choose another id");
        }
    }

    @Test
    void resumingAnUncommittedCheckpointWithOtherMetadata() {
        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            CheckpointWriter c = w.beginCheckpoint(new Checkpoint("late", 300, 2, 0.01, 42));
            c.write(LOGITS, 0, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3));
        }
        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> w.beginCheckpoint(new Checkpoint("late", 301, 2, 0.01, 42)));
            assertMentions(e, "uncommitted checkpoint 'late'", "step=300", "step=301", "same step, epoch",
                    "checkpoints/late");
            CheckpointWriter c = w.beginCheckpoint(new Checkpoint("late", 300, 2, 0.01, 42));
            assertTrue(c.isComplete(LOGITS, ExampleRange.of(0, 4)));
        }
    }

    @Test
    void scorerAskingForAKindTheStoreLacks() {
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            ArtifactRequirements.require(s, "el2n", Set.of(ArtifactKind.LOGITS, ArtifactKind.LABELS)); // present
            try (ArtifactWriter w = MemoryStores.create(new StoreSpec("mem", 4, 3, 2))) {
                try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 0.1, 1))) {
                    c.write(LOGITS, 0, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3));
                    c.commit();
                }
                MissingArtifactException e = assertThrows(MissingArtifactException.class,
                        () -> ArtifactRequirements.require(w.store(), "vog",
                                Set.of(ArtifactKind.INPUT_GRADS, ArtifactKind.LABELS)));
                assertMentions(e, "vog needs [LABELS, INPUT_GRADS]", "store 'mem' has [LOGITS] (1 checkpoint)",
                        "static []", "Capture [LABELS, INPUT_GRADS]");
            }
        }
    }

    private void editManifest(Consumer<ObjectNode> edit) throws IOException {
        Path m = dir.resolve("manifest.json");
        ObjectNode root = (ObjectNode) JSON.readTree(m.toFile());
        edit.accept(root);
        Files.write(m, JSON.writeValueAsBytes(root));
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    @Test
    void nonFiniteValuesFailByDefaultNamingCheckpointExampleAndKind() {
        Path d = tmp.resolve("nan");
        try (ArtifactWriter w = ArtifactStores.create(d, new StoreSpec("nan", 6, 2, 4), STORE_CHUNKS)) {
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c7", 7, 0, 0.1, 1))) {
                c.write(ArtifactKey.of(ArtifactKind.LOSS), 0, Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, Float.POSITIVE_INFINITY));
                c.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), 0,
                        Nd4j.createFromArray(new float[][] {{1, 1}, {2, 2}, {3, Float.NaN}, {4, 4}}), new int[] {1, 0, 0, 2, 1, 0});
                c.commit();
            }
        }
        try (TrainingArtifactStore s = ArtifactStores.open(d)) {
            NumericalException e = assertThrows(NumericalException.class,
                    () -> s.read("c7", ArtifactKey.of(ArtifactKind.LOSS), ExampleRange.of(0, 6)));
            assertMentions(e, "LOSS of example 5", "checkpoint 'c7'", "store 'nan'", "is Infinity",
                    "NonFinitePolicy.ALLOW");
            e = assertThrows(NumericalException.class,
                    () -> s.read("c7", ArtifactKey.of(ArtifactKind.INPUT_GRADS), ExampleRange.of(2, 6)));
            assertMentions(e, "INPUT_GRADS of example 3 (position 1)", "checkpoint 'c7'", "is NaN", "(element 1)");
        }
        try (TrainingArtifactStore s = ArtifactStores.open(d, NonFinitePolicy.ALLOW);
                ArtifactChunk c = s.read("c7", ArtifactKey.of(ArtifactKind.LOSS), ExampleRange.of(4, 6))) {
            assertEquals(Float.POSITIVE_INFINITY, c.values().getFloat(1));
        }
    }

    /** A chunk read straight into off-heap memory is scanned block by block: a NaN past the first block is found. */
    @Test
    void nonFiniteValueDeepInsideALargeChunkIsFound() throws IOException {
        Path d = tmp.resolve("nan-large");
        int n = 200_000;
        float[] loss = new float[n];
        for (int i = 0; i < n; i++) {
            loss[i] = i % 3 == 0 ? Float.MAX_VALUE : (i % 3 == 1 ? -Float.MIN_VALUE : -0f); // extreme but finite
        }
        try (ArtifactWriter w = ArtifactStores.create(d, new StoreSpec("big", n, 2, 100_000))) {
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c1", 1, 0, 0.1, 1))) {
                c.write(ArtifactKey.of(ArtifactKind.LOSS), 0, Nd4j.createFromArray(loss));
                c.commit();
            }
            loss[170_001] = Float.NaN;
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c2", 2, 0, 0.1, 1))) {
                c.write(ArtifactKey.of(ArtifactKind.LOSS), 0, Nd4j.createFromArray(loss));
                c.commit();
            }
        }
        try (TrainingArtifactStore s = ArtifactStores.open(d)) {
            try (ArtifactChunk c = s.read("c1", ArtifactKey.of(ArtifactKind.LOSS), ExampleRange.of(0, n))) {
                assertEquals(Float.MAX_VALUE, c.values().getFloat(199_998));
            }
            for (ExampleRange r : List.of(ExampleRange.of(0, n), ExampleRange.of(100_000, n), ExampleRange.of(150_000, 180_000))) {
                NumericalException e = assertThrows(NumericalException.class,
                        () -> s.read("c2", ArtifactKey.of(ArtifactKind.LOSS), r));
                assertMentions(e, "LOSS of example 170001", "checkpoint 'c2'", "is NaN");
            }
        }
        dir = d;
        // what the writer recorded, and what verify() says when the record is edited to lie
        assertEquals("[true, true, true, false]", findAll("allFinite").toString());
        assertTrue(ArtifactStores.verify(d).ok());
        editManifest(root -> ((ObjectNode) root.at("/checkpoints/1/artifacts/LOSS/chunks/1/files/0")).put("allFinite", true));
        StoreVerification v = ArtifactStores.verify(d);
        assertEquals(List.of(Status.BAD_ARRAY), v.failures().stream().map(StoreVerification.FileResult::status).toList());
        assertTrue(v.failures().get(0).message().contains("holds NaN or infinity, but the manifest records allFinite true"),
                v.failures().get(0).message());
        // a store written before the record existed: the values are scanned as they are read, on both read paths
        editManifest(root -> root.findParents("allFinite").forEach(p -> ((ObjectNode) p).remove("allFinite")));
        try (TrainingArtifactStore s = ArtifactStores.open(d)) {
            try (ArtifactChunk c = s.read("c1", ArtifactKey.of(ArtifactKind.LOSS), ExampleRange.of(0, n))) {
                assertEquals(-Float.MIN_VALUE, c.values().getFloat(199_999));
            }
            for (ExampleRange r : List.of(ExampleRange.of(0, n), ExampleRange.of(150_000, 180_000))) {
                NumericalException e = assertThrows(NumericalException.class,
                        () -> s.read("c2", ArtifactKey.of(ArtifactKind.LOSS), r));
                assertMentions(e, "LOSS of example 170001", "is NaN");
            }
        }
    }

    private List<Boolean> findAll(String field) throws IOException {
        return JSON.readTree(dir.resolve("manifest.json").toFile()).findValues(field).stream()
                .map(com.fasterxml.jackson.databind.JsonNode::asBoolean).toList();
    }
}
