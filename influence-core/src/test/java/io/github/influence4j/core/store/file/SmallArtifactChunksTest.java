// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.SyntheticArtifacts;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small dense artifacts are committed in on-disk chunks of a power-of-two number of store chunks
 * ({@link WriteOptions#smallArtifactBytes()}, docs/DESIGN.md section 2.5): what is read back is
 * what was written, the layout is the one the rule gives, crashes and damage are handled as for
 * store chunks, and a manifest that breaks the rule is refused.
 */
class SmallArtifactChunksTest {
    private static final int N = 1000;
    private static final int S = 16;
    /** 2 KiB of values per on-disk chunk, so that this small store has several of each kind. */
    private static final WriteOptions OPTIONS = WriteOptions.defaults().withSmallArtifactBytes(2048);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);

    @TempDir
    Path tmp;

    private final SyntheticArtifacts data = SyntheticArtifacts.generate(N, 17);

    private Path write(WriteOptions options) {
        Path dir = tmp.resolve("store");
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("small", N, data.k, S), options)) {
            data.writeTo(w, 37); // batches that cut the store's chunks
        }
        return dir;
    }

    /** @return a writer of a new store at {@code dir} whose static artifacts are committed */
    private ArtifactWriter withStatics(Path dir) {
        ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("small", N, data.k, S), OPTIONS);
        data.data.get("").values().forEach(e -> SyntheticArtifacts.write(w, e, 37, 0, N));
        w.commit();
        return w;
    }

    private static List<ExampleRange> ranges() {
        List<ExampleRange> out = new ArrayList<>();
        for (int f = 0; f < N; f += S) {
            out.add(ExampleRange.of(f, Math.min(N, f + S))); // every store chunk
        }
        // ranges inside, across and at the ends of the larger chunks
        out.addAll(List.of(ExampleRange.of(0, N), ExampleRange.of(100, 300), ExampleRange.of(127, 129),
                ExampleRange.of(250, 770), ExampleRange.of(999, 1000), ExampleRange.of(896, 1000)));
        return out;
    }

    @Test
    void smallArtifactsAreCommittedInLargerChunksAndReadBackExactly() throws IOException {
        Path dir = write(OPTIONS);
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals(2, m.get("formatVersion").asInt());
        // bytes per example: LOGITS float32 x 3 = 12, LOSS float64 = 8, LABELS int32 = 4, LAYER_INPUTS
        // float32 x 5 = 20, LAYER_OUTPUT_GRADS float32 x 2 = 8, PARAM_GRADS float32 x 6 = 24,
        // PROJECTED_GRADS float32 x 6 = 24; the largest power of two m with m * 16 * bytes <= 2048
        Map<String, Integer> expected = new TreeMap<>(Map.of("LOGITS", 128, "NULL_LOGITS", 128, "LOSS", 256,
                "LAYER_INPUTS.fc1", 64, "LAYER_OUTPUT_GRADS.fc1", 256, "PARAM_GRADS.emb", 64, "PROJECTED_GRADS", 64));
        expected.put("LAYER_INPUTS.fc2", 64);
        expected.put("LAYER_OUTPUT_GRADS.fc2", 256);
        JsonNode cp = m.at("/checkpoints/0/artifacts");
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            assertEquals(e.getValue().intValue(), cp.get(e.getKey()).get("chunkSize").asInt(), e.getKey());
            assertEquals((N + e.getValue() - 1) / e.getValue(), cp.get(e.getKey()).get("chunks").size(), e.getKey());
        }
        for (String ragged : List.of("INPUT_GRADS", "EMBEDDING_GRADS")) {
            assertFalse(cp.get(ragged).has("chunkSize"), ragged + " keeps the store's chunks");
            assertEquals((N + S - 1) / S, cp.get(ragged).get("chunks").size());
        }
        assertEquals(512, m.at("/staticArtifacts/LABELS/chunkSize").asInt());
        assertFileListsMatch(dir, m);

        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            for (ExampleRange r : ranges()) {
                data.assertReads(s, r);
                // the fast reads agree with read() on every range
                double[] d = new double[r.size() * 3];
                float[] f = new float[r.size() * 3];
                s.readDoubles("epoch-1", LOGITS, r, d);
                s.readFloats("epoch-1", LOGITS, r, f);
                try (ArtifactChunk c = s.read("epoch-1", LOGITS, r)) {
                    assertArrayEquals(c.values().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble(),
                            d, r.toString());
                    assertArrayEquals(c.values().data().asFloat(), f, r.toString());
                }
            }
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertTrue(v.ok(), () -> v.failures().toString());
    }

    /** N = 140: the last larger chunk of LOGITS, [128, 140), is one store chunk, the same file. */
    @Test
    void aLastLargerChunkOfOneStoreChunkIsKept() throws IOException {
        SyntheticArtifacts small = SyntheticArtifacts.generate(140, 3);
        Path dir = tmp.resolve("n140");
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("n140", 140, small.k, S), OPTIONS)) {
            small.writeTo(w, 37);
        }
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals(128, m.at("/checkpoints/0/artifacts/LOGITS/chunks/1/from").asInt());
        assertEquals(140, m.at("/checkpoints/0/artifacts/LOGITS/chunks/1/to").asInt());
        assertFileListsMatch(dir, m);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            small.assertReads(s, ExampleRange.of(0, 140));
            small.assertReads(s, ExampleRange.of(120, 140));
        }
        ArtifactStores.resume(dir, OPTIONS).close(); // the stale-file sweep keeps it too
        assertFileListsMatch(dir, m);
        assertTrue(ArtifactStores.verify(dir).ok());
    }

    @Test
    void withoutLargerChunksTheManifestStaysAtFormatVersion1() throws IOException {
        Path dir = write(WriteOptions.defaults().withSmallArtifactBytes(0));
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals(1, m.get("formatVersion").asInt());
        assertTrue(m.findValues("chunkSize").stream().allMatch(n -> n.asInt() == S), "only the store's chunk size");
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            data.assertReads(s, ExampleRange.of(0, N));
        }
    }

    @Test
    void aCheckpointLeftUncommittedResumesAndIsCommittedInLargerChunks() throws IOException {
        Path dir = tmp.resolve("store");
        try (ArtifactWriter w = withStatics(dir); CheckpointWriter c = w.beginCheckpoint(data.checkpoints.get(0))) {
            data.writeCheckpoint(c, "epoch-0", 37, 0, 500); // then stopped without a commit
        }
        // the journal lists the store chunks written so far, as before
        JsonNode journal = JSON.readTree(dir.resolve("checkpoints/epoch-0/pending.json").toFile());
        assertEquals(500 / S, journal.at("/artifacts/LOGITS/chunks").size());
        assertFalse(journal.at("/artifacts/LOGITS").has("chunkSize"));
        try (ArtifactWriter w = ArtifactStores.resume(dir, OPTIONS)) {
            try (CheckpointWriter c = w.beginCheckpoint(data.checkpoints.get(0))) {
                assertTrue(c.isComplete(LOGITS, ExampleRange.of(0, 496)));
                assertFalse(c.isComplete(LOGITS, ExampleRange.of(496, 512)));
                data.writeCheckpoint(c, "epoch-0", 16, 496, N); // a capture restarts at its first missing chunk
                c.commit();
            }
            try (CheckpointWriter c = w.beginCheckpoint(data.checkpoints.get(1))) {
                data.writeCheckpoint(c, "epoch-1", 37, 0, N);
                c.commit();
            }
        }
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals(128, m.at("/checkpoints/0/artifacts/LOGITS/chunkSize").asInt());
        assertFileListsMatch(dir, m);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            for (ExampleRange r : ranges()) {
                data.assertReads(s, r);
            }
        }
    }

    @Test
    void storeChunkFilesLeftByACommitStoppedAfterItsManifestAreDeletedOnResume() throws IOException {
        Path dir = write(OPTIONS);
        Path logits = dir.resolve("checkpoints/epoch-0/LOGITS");
        Files.write(logits.resolve("0-16.npy"), new byte[] {1, 2, 3});
        Files.write(logits.resolve("16-32.npy"), new byte[] {4});
        Files.write(logits.resolve("notes.txt"), new byte[] {5}); // not a chunk file: left alone
        ArtifactStores.resume(dir, OPTIONS).close();
        assertFalse(Files.exists(logits.resolve("0-16.npy")));
        assertFalse(Files.exists(logits.resolve("16-32.npy")));
        assertTrue(Files.exists(logits.resolve("notes.txt")));
        Files.delete(logits.resolve("notes.txt"));
        assertFileListsMatch(dir, JSON.readTree(dir.resolve("manifest.json").toFile()));
        assertTrue(ArtifactStores.verify(dir).ok());
    }

    @Test
    void aDamagedLargerChunkFailsNamingItsFileAndRangeWhileTheOthersRead() throws IOException {
        Path dir = write(OPTIONS);
        Path file = dir.resolve("checkpoints/epoch-1/LOGITS/128-256.npy");
        byte[] b = Files.readAllBytes(file);
        b[b.length - 5] ^= 0x10;
        Files.write(file, b);
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.read("epoch-1", LOGITS, ExampleRange.of(130, 140)));
            assertTrue(e.getMessage().contains("checkpoints/epoch-1/LOGITS/128-256.npy"), e.getMessage());
            assertTrue(e.getMessage().contains("[128, 256)"), e.getMessage());
            assertThrows(CorruptStoreException.class,
                    () -> s.readDoubles("epoch-1", LOGITS, ExampleRange.of(0, N), new double[3 * N]));
            data.assertReads(s, ExampleRange.of(0, 128));
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertEquals(1, v.failures().size(), v.failures().toString());
        assertTrue(v.failures().get(0).message().contains("128-256.npy"), v.failures().get(0).message());
    }

    @Test
    void aStoreChunkChangedBeforeTheCommitFailsItAndLeavesTheCommittedStore() throws IOException {
        Path dir = tmp.resolve("store");
        try (ArtifactWriter w = withStatics(dir); CheckpointWriter c = w.beginCheckpoint(data.checkpoints.get(0))) {
            data.writeCheckpoint(c, "epoch-0", 37, 0, N);
            Path file = dir.resolve("checkpoints/epoch-0/LOSS/32-48.npy");
            byte[] b = Files.readAllBytes(file);
            b[b.length - 1] ^= 1;
            Files.write(file, b);
            CorruptStoreException e = assertThrows(CorruptStoreException.class, c::commit);
            assertTrue(e.getMessage().contains("LOSS/32-48.npy") && e.getMessage().contains("changed since it was"
                    + " written") && e.getMessage().contains("resume the capture"), e.getMessage());
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            assertEquals(List.of(), s.checkpoints(), "the checkpoint is not committed");
        }
    }

    @Test
    void aManifestWithAnArtifactChunkSizeThatBreaksTheRuleIsRefusedOnOpen() throws IOException {
        Path dir = write(OPTIONS);
        Path manifest = dir.resolve("manifest.json");
        byte[] good = Files.readAllBytes(manifest);
        for (Object[] c : new Object[][] {{"LOGITS", 48, "power-of-two multiple of the store's chunk size 16"},
                {"LOGITS", 8, "power-of-two multiple"}, {"LOGITS", 64, "chunk [0, 128) is not a chunk of this store"},
                {"INPUT_GRADS", 32, "ragged kind"}}) {
            ObjectNode root = (ObjectNode) JSON.readTree(good);
            ((ObjectNode) root.at("/checkpoints/0/artifacts/" + c[0])).put("chunkSize", (int) c[1]);
            Files.write(manifest, JSON.writeValueAsBytes(root));
            CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> ArtifactStores.open(dir));
            assertTrue(e.getMessage().contains((String) c[2]) && e.getMessage().contains("artifact " + c[0]),
                    e.getMessage());
        }
    }

    /** Every artifact directory holds exactly the files the manifest lists for it. */
    private static void assertFileListsMatch(Path dir, JsonNode m) throws IOException {
        List<Map.Entry<String, JsonNode>> scopes = new ArrayList<>();
        scopes.add(Map.entry("static", m.get("staticArtifacts")));
        for (JsonNode c : m.get("checkpoints")) {
            scopes.add(Map.entry("checkpoints/" + c.get("id").asText(), c.get("artifacts")));
        }
        for (Map.Entry<String, JsonNode> scope : scopes) {
            var it = scope.getValue().fields();
            while (it.hasNext()) {
                var a = it.next();
                TreeSet<String> listed = new TreeSet<>();
                a.getValue().get("chunks").forEach(c -> c.get("files").forEach(f -> listed.add(f.get("name").asText())));
                TreeSet<String> present = new TreeSet<>();
                try (Stream<Path> files = Files.list(dir.resolve(scope.getKey()).resolve(a.getKey()))) {
                    files.forEach(p -> present.add(p.getFileName().toString()));
                }
                assertEquals(listed, present, scope.getKey() + "/" + a.getKey());
            }
        }
    }
}
