// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.SyntheticArtifacts;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.StoreVerification.FileResult;
import io.github.influence4j.core.store.file.StoreVerification.Status;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store damaged on purpose, as an adversary would (issue #21): every read and verify gives one
 * clear error naming the file, quickly, without following links, blocking, or allocating from a
 * size the store's bytes do not back.
 */
class HostileStoreTest {
    /**
     * Every artifact in the store's chunks of 4 (no larger chunks for small artifacts), so that the
     * damage below hits the files it names; the larger chunks are damaged in SmallArtifactChunksTest.
     */
    private static final WriteOptions STORE_CHUNKS = WriteOptions.defaults().withSmallArtifactBytes(0);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);
    private static final ArtifactKey GRADS = ArtifactKey.of(ArtifactKind.INPUT_GRADS);
    private static final SyntheticArtifacts DATA = SyntheticArtifacts.generate(10, 5);
    static final String CHUNK = "checkpoints/epoch-0/LOGITS/0-4.npy";

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void writeTemplate() {
        try (ArtifactWriter w = ArtifactStores.create(shared.resolve("template"), new StoreSpec("hostile", 10, DATA.k, 4),
                STORE_CHUNKS)) {
            DATA.writeTo(w, 3);
        }
    }

    static Path copy(Path template, Path dir) throws IOException {
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
        return dir;
    }

    private Path store(String name) throws IOException {
        return copy(shared.resolve("template"), tmp.resolve(name));
    }

    private static void assertMentions(Throwable e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ reads that escape or never end

    /** Every kind of store file that is not a regular file under the store's own directories. */
    static Map<String, Damage> notRegularFiles() {
        Map<String, Damage> m = new LinkedHashMap<>();
        m.put("symlink to a byte-identical copy outside", (dir, outside) -> {
            Path copy = outside.resolve("copy.npy");
            Files.copy(dir.resolve(CHUNK), copy);
            Files.delete(dir.resolve(CHUNK));
            Files.createSymbolicLink(dir.resolve(CHUNK), copy);
        });
        m.put("symlink to another chunk of the store", (dir, outside) -> {
            Files.delete(dir.resolve(CHUNK));
            Files.createSymbolicLink(dir.resolve(CHUNK), dir.resolve("checkpoints/epoch-1/LOGITS/0-4.npy"));
        });
        m.put("symlinked directory holding a byte-identical copy", (dir, outside) -> {
            Path logits = dir.resolve("checkpoints/epoch-0/LOGITS");
            Path away = outside.resolve("LOGITS");
            copy(logits, away);
            try (var s = Files.list(logits)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(logits);
            Files.createSymbolicLink(logits, away);
        });
        m.put("symlink to a directory", (dir, outside) -> {
            Files.delete(dir.resolve(CHUNK));
            Files.createSymbolicLink(dir.resolve(CHUNK), outside);
        });
        m.put("FIFO", (dir, outside) -> {
            Files.delete(dir.resolve(CHUNK));
            mkfifo(dir.resolve(CHUNK));
        });
        m.put("symlink to a FIFO", (dir, outside) -> {
            Files.delete(dir.resolve(CHUNK));
            mkfifo(outside.resolve("fifo"));
            Files.createSymbolicLink(dir.resolve(CHUNK), outside.resolve("fifo"));
        });
        m.put("directory", (dir, outside) -> {
            Files.delete(dir.resolve(CHUNK));
            Files.createDirectory(dir.resolve(CHUNK));
        });
        return m;
    }

    interface Damage {
        void apply(Path store, Path outside) throws Exception;
    }

    static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor(), "mkfifo " + p);
    }

    @Test
    void chunkFilesThatAreNotRegularFilesAreRefusedNamingTheFile() throws Exception {
        for (Map.Entry<String, Damage> e : notRegularFiles().entrySet()) {
            Path dir = store("nr-" + e.getKey().replace(' ', '-'));
            Path outside = Files.createDirectories(tmp.resolve("outside-" + e.getKey().replace(' ', '-')));
            e.getValue().apply(dir, outside);
            String what = e.getKey();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
                    for (ExampleRange r : List.of(ExampleRange.of(0, 10), ExampleRange.of(1, 3))) {
                        CorruptStoreException x = assertThrows(CorruptStoreException.class,
                                () -> s.read("epoch-0", LOGITS, r).close(), what);
                        assertMentions(x, CHUNK, "is not a regular file inside the store", "no link is followed");
                    }
                }
                StoreVerification v = ArtifactStores.verify(dir);
                List<FileResult> bad = v.failures();
                // one file, or every file of the linked directory
                assertEquals(what.contains("directory holding") ? 3 : 1, bad.size(), () -> what + ": " + bad);
                assertEquals(CHUNK, bad.get(0).file(), what);
                assertTrue(bad.stream().allMatch(f -> f.status() == Status.NOT_A_FILE), () -> what + ": " + bad);
            }, what);
        }
    }

    @Test
    void manifestOrJournalThatIsNotARegularFileIsRefusedWithoutBlocking() throws Exception {
        Path fifo = store("manifest-fifo");
        Files.delete(fifo.resolve("manifest.json"));
        mkfifo(fifo.resolve("manifest.json"));
        Path link = store("manifest-link");
        Path outside = Files.createDirectories(tmp.resolve("outside-manifest")).resolve("manifest.json");
        Files.move(link.resolve("manifest.json"), outside);
        Files.createSymbolicLink(link.resolve("manifest.json"), outside);
        Path journal = store("journal-fifo");
        mkfifo(journal.resolve("static/pending.json"));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertMentions(assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(fifo)), "manifest.json",
                    "a FIFO, socket or device, not a regular file");
            assertMentions(assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(link)), "manifest.json",
                    "a symbolic link, not a regular file");
            assertMentions(assertThrows(CorruptStoreException.class, () -> ArtifactStores.resume(journal).close()),
                    "pending.json", "not a regular file");
        });
    }

    // ------------------------------------------------------------------ sizes taken on trust

    @Test
    void raggedOffsetsBeyondTheValuesFileFailBeforeAnyAllocation() throws Exception {
        Path dir = store("offsets");
        String rel = "checkpoints/epoch-0/INPUT_GRADS/0-4.offsets.npy";
        byte[] b = Files.readAllBytes(dir.resolve(rel));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(b.length - 8, 100_000_000_000L);
        Files.write(dir.resolve(rel), b);
        fixChecksums(dir, rel);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class,
                    () -> s.read("epoch-0", GRADS, ExampleRange.of(0, 10)).close());
            assertMentions(e, "checkpoints/epoch-0/INPUT_GRADS/0-4.values.npy", "[100000000000, 4]",
                    "the file and the manifest disagree");
        }
        assertEquals(Status.BAD_ARRAY, ArtifactStores.verify(dir).failures().get(0).status());
    }

    @Test
    void exampleShapesBeyondTheFilesFailOnOpenOrBeforeAllocating() throws Exception {
        Path dense = store("shape-dense");
        editManifest(dense, m -> ((ArrayNode) m.at("/checkpoints/0/artifacts/PARAM_GRADS.emb/exampleShape"))
                .removeAll().add(1_000_000_000_000L));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dense));
        assertMentions(e, "PARAM_GRADS.emb", "0-4.npy", "[1000000000000]", "the manifest contradicts itself");

        Path ragged = store("shape-ragged");
        editManifest(ragged, m -> ((ArrayNode) m.at("/checkpoints/0/artifacts/INPUT_GRADS/exampleShape"))
                .removeAll().add(1_000_000_000_000L));
        try (TrainingArtifactStore s = ArtifactStores.open(ragged)) {
            IncompatibleStoreException x = assertThrows(IncompatibleStoreException.class,
                    () -> s.read("epoch-0", GRADS, ExampleRange.of(0, 10)).close());
            assertMentions(x, "checkpoints/epoch-0/INPUT_GRADS/0-4.values.npy", "1000000000000]");
        }
    }

    @Test
    void chunksOverTwoGibibytesFailClearlyWithoutReadingThem() throws Exception {
        for (long size : List.of(1L << 31 | 1L << 29, 3L << 29)) { // 2.5 GiB and 1.5 GiB, sparse
            Path dir = store("big-" + size);
            String rel = "checkpoints/epoch-0/LOSS/0-4.npy";
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve(rel).toFile(), "rw")) {
                f.setLength(size);
            }
            editManifest(dir, m -> ((ObjectNode) m.at("/checkpoints/0/artifacts/LOSS/chunks/0/files/0"))
                    .put("bytes", size));
            CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir));
            assertMentions(e, "LOSS", "0-4.npy", "records " + size + " bytes", "the manifest contradicts itself");
        }
    }

    @Test
    void aFileLongerThanItsArrayIsExplainedWithoutReadingItWhole() throws Exception {
        Path dir = store("grown");
        String rel = "checkpoints/epoch-0/LOSS/0-4.npy";
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(rel).toFile(), "rw")) {
            f.setLength(f.length() + 4096);
        }
        fixChecksums(dir, rel);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            for (ExampleRange r : List.of(ExampleRange.of(0, 10), ExampleRange.of(1, 3))) {
                IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class,
                        () -> s.read("epoch-0", LOSS, r).close());
                assertMentions(e, rel, "the file and the manifest disagree");
            }
        }
    }

    @Test
    void manifestClaimingTwoBillionExamplesFailsOnOpen() throws Exception {
        Path dir = tmp.resolve("huge-n");
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("n", 4, 3, 4))) {
            w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, org.nd4j.linalg.factory.Nd4j.createFromArray(0, 1, 2, 0));
            w.commit();
        }
        int n = Integer.MAX_VALUE;
        Files.move(dir.resolve("static/LABELS/0-4.npy"), dir.resolve("static/LABELS/0-" + n + ".npy"));
        editManifest(dir, m -> {
            m.put("numExamples", n).put("chunkSize", n);
            ObjectNode c = (ObjectNode) m.at("/staticArtifacts/LABELS/chunks/0");
            c.put("to", n);
            ((ObjectNode) c.at("/files/0")).put("name", "0-" + n + ".npy");
        });
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir));
        assertMentions(e, "LABELS", "0-2147483647.npy", "2147483647 examples", "the manifest contradicts itself");
    }

    // ------------------------------------------------------------------ a NaN that slips through

    @Test
    void nanUnderAnAllFiniteRecordFailsNamingTheFile() throws Exception {
        Path dir = store("nan");
        byte[] b = Files.readAllBytes(dir.resolve(CHUNK));
        Npy.Header h = Npy.parseHeader(b, CHUNK);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(h.dataOffset() + 4 * 4, Float.NaN); // example 1
        Files.write(dir.resolve(CHUNK), b);
        fixChecksums(dir, CHUNK);
        assertTrue(JSON.readTree(dir.resolve("manifest.json").toFile())
                .at("/checkpoints/0/artifacts/LOGITS/chunks/0/files/0/allFinite").booleanValue(), "the record still lies");
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            for (ExampleRange r : List.of(ExampleRange.of(0, 10), ExampleRange.of(1, 3))) {
                NumericalException e = assertThrows(NumericalException.class, () -> s.read("epoch-0", LOGITS, r).close());
                assertMentions(e, "LOGITS of example 1", "checkpoint 'epoch-0'", "(file " + CHUNK + ")", "is NaN");
            }
        }
    }

    // ------------------------------------------------------------------ small ones

    @Test
    void fractionalFormatVersionIsRefused() throws Exception {
        Path dir = store("version");
        editManifest(dir, m -> m.put("formatVersion", 1.5));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir));
        assertMentions(e, "formatVersion", "not an integer");
    }

    @Test
    void deleteRefusesADirectoryThatIsNotAStore() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(d.resolve("notes.txt"), "mine");
        StoreException e = assertThrows(StoreException.class, () -> ArtifactStores.delete(d));
        assertMentions(e, "holds files but no influence4j store", "nothing was deleted");
        assertTrue(Files.exists(d.resolve("notes.txt")));
        Path s = store("deleted");
        ArtifactStores.delete(s);
        assertTrue(Files.notExists(s));
    }

    // ------------------------------------------------------------------ helpers

    static void editManifest(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path m = dir.resolve("manifest.json");
        ObjectNode root = (ObjectNode) JSON.readTree(m.toFile());
        edit.accept(root);
        Files.write(m, JSON.writeValueAsBytes(root));
    }

    /** Records a file's new length and checksums in the manifest, as an adversary covering their tracks would. */
    static void fixChecksums(Path dir, String rel) throws Exception {
        byte[] b = Files.readAllBytes(dir.resolve(rel));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        CRC32C crc = new CRC32C();
        crc.update(b);
        String sha = HexFormat.of().formatHex(md.digest(b));
        String[] parts = rel.split("/");
        String name = parts[parts.length - 1];
        String key = parts[parts.length - 2];
        editManifest(dir, m -> {
            var artifacts = rel.startsWith("static/") ? m.get("staticArtifacts")
                    : findCheckpoint(m, parts[1]).get("artifacts");
            for (var c : artifacts.get(key).get("chunks")) {
                for (var f : c.get("files")) {
                    if (f.get("name").asText().equals(name)) {
                        ((ObjectNode) f).put("bytes", b.length).put("sha256", sha)
                                .put("crc32c", String.format(Locale.ROOT, "%08x", crc.getValue()));
                    }
                }
            }
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode findCheckpoint(ObjectNode m, String id) {
        for (var c : m.get("checkpoints")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no checkpoint " + id);
    }
}
