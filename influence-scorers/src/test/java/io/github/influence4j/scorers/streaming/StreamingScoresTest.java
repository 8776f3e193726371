// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.scorers.testing.GoldenFixture;
import io.github.influence4j.scorers.testing.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Streaming scores against the stored scorers over the same checkpoints of the golden fixture (four
 * checkpoints of logits, factored and dense gradients, embedding gradients): bit-identical values,
 * the same orientation and the same provenance, and the same again after a crash and a resume from
 * the snapshot.
 */
class StreamingScoresTest {
    /** Score name (as streamed) to its options; the key's suffix after '#' tells variants apart. */
    static final Map<String, Map<String, String>> CASES = new LinkedHashMap<>();
    static TrainingArtifactStore store;

    static {
        CASES.put("el2n", Map.of());
        CASES.put("el2n#epoch", Map.of("checkpoints", "c1"));
        CASES.put("aum", Map.of());
        CASES.put("grand", Map.of());
        CASES.put("grand#all", Map.of("layers", "hid,fc,EMBEDDING_GRADS"));
        CASES.put("grand#params", Map.of("layers", "PARAM_GRADS.hid,PARAM_GRADS.fc"));
        CASES.put("tracin-self", Map.of("layers", "hid"));
        CASES.put("tracin-self#no-lr", Map.of("layers", "hid,fc", "use-learning-rate", "false"));
        CASES.put("tracin-self#no-bias", Map.of("layers", "fc", "bias", "false", "checkpoints", "c3,c1"));
        CASES.put("tracin-we-self", Map.of());
        CASES.put("tracin-we-topk-self", Map.of("top-k", "2"));
        CASES.put("data-map-confidence", Map.of());
        CASES.put("data-map-variability", Map.of());
        CASES.put("data-map-correctness", Map.of());
        CASES.put("forgetting", Map.of());
        CASES.put("forgetting#inf", Map.of("never-learned", "INFINITY"));
    }

    @BeforeAll
    static void load(@TempDir Path dir) {
        store = GoldenFixture.store(StoreKind.MEMORY, dir, DataType.FLOAT, 7);
    }

    private static String name(String key) {
        return key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
    }

    private static StreamingScores streaming(String key, Path snapshot) {
        StreamingScores.Builder b = StreamingScores.builder(store.spec()).score(name(key), CASES.get(key));
        if (snapshot != null) {
            b.snapshot(snapshot);
        }
        return b.build();
    }

    @Test
    void everyStreamableScoreIsBitIdenticalToTheStoredScorer() {
        for (String key : CASES.keySet()) {
            InfluenceScores stored = InfluenceScorers.create(name(key), store, CASES.get(key)).score();
            StreamingScores s = streaming(key, null);
            Replay.all(store, s.writer());
            InfluenceScores streamed = s.scores(name(key));
            assertArrayEquals(stored.exampleIds(), streamed.exampleIds(), key);
            assertArrayEquals(stored.values(), streamed.values(), key + ": streamed differs from stored");
            assertEquals(stored.orientation(), streamed.orientation(), key);
            assertSameProvenance(stored.provenance(), streamed.provenance(), key);
            assertEquals(4, s.checkpoints().size());
        }
    }

    static void assertSameProvenance(ScoreProvenance stored, ScoreProvenance streamed, String what) {
        assertEquals(stored.scorer(), streamed.scorer(), what);
        assertEquals(stored.scorerVersion(), streamed.scorerVersion(), what);
        assertEquals(stored.options(), streamed.options(), what + ": options");
        assertEquals(stored.checkpoints(), streamed.checkpoints(), what + ": checkpoints");
        assertEquals(stored.storeId(), streamed.storeId(), what);
        assertEquals(stored.backend(), streamed.backend(), what);
        assertEquals(stored.dataType(), streamed.dataType(), what);
        assertEquals("streaming", streamed.manifestHash(), what);
    }

    @Test
    void allScoresAtOnceMatchAndStaySmall() {
        List<String> names = new ArrayList<>(StreamingScores.STREAMABLE);
        StreamingScores s = StreamingScores.builder(store.spec()).scores(names).build();
        List<Checkpoint> cs = store.checkpoints();
        Replay.statics(store, s.writer());
        for (int c = 0; c < cs.size(); c++) {
            Replay.checkpoint(store, s.writer(), cs.get(c));
            // scores at any time: equal to the stored path over the checkpoints so far
            List<String> ids = cs.subList(0, c + 1).stream().map(Checkpoint::id).toList();
            for (String n : List.of("el2n", "forgetting", "data-map-variability")) {
                InfluenceScores stored = InfluenceScorers.create(n, store, Map.of("checkpoints", String.join(",", ids)))
                        .score();
                assertArrayEquals(stored.values(), s.scores(n).values(), n + " after " + ids);
            }
        }
        for (String n : names) {
            assertArrayEquals(InfluenceScorers.create(n, store, Map.of()).score().values(), s.scores(n).values(), n);
        }
        // O(N) state: 10 scores hold 12 arrays of N float64 (variability 2, forgetting 3) plus counts
        int n = store.numExamples();
        assertEquals(8L * n * 13 + 4L * names.size(), s.stateBytes());
    }

    @Test
    void manyExamplesAndCheckpointsStayBitIdentical() {
        // 3,000 examples x 7 checkpoints of random logits: enough that a reduction differing from the
        // stored one in a single rounding (d / C against d * (1 / C), say) shows up
        int n = 3000;
        int k = 3;
        StoreSpec spec = new StoreSpec("random-logits", n, k, 256);
        ArtifactWriter w = MemoryStores.create(spec);
        java.util.Random r = new java.util.Random(17);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
        }
        w.write(io.github.influence4j.core.store.ArtifactKey.of(io.github.influence4j.core.store.ArtifactKind.LABELS), 0,
                org.nd4j.linalg.factory.Nd4j.createFromArray(y));
        for (int c = 0; c < 7; c++) {
            double[][] z = new double[n][k];
            for (double[] row : z) {
                for (int j = 0; j < k; j++) {
                    row[j] = r.nextGaussian() * 2;
                }
            }
            try (io.github.influence4j.core.store.CheckpointWriter cw = w.beginCheckpoint(
                    new Checkpoint("c" + c, c + 1L, c, 0.1, 1))) {
                cw.write(io.github.influence4j.core.store.ArtifactKey.of(io.github.influence4j.core.store.ArtifactKind.LOGITS),
                        0, org.nd4j.linalg.factory.Nd4j.createFromArray(z));
                cw.commit();
            }
        }
        w.commit();
        List<String> names = List.of("el2n", "aum", "data-map-confidence", "data-map-variability",
                "data-map-correctness", "forgetting");
        StreamingScores s = StreamingScores.builder(spec).scores(names).build();
        Replay.all(w.store(), s.writer());
        for (String name : names) {
            assertArrayEquals(InfluenceScorers.create(name, w.store(), Map.of()).score().values(), s.scores(name).values(),
                    name);
        }
    }

    @Test
    void aCrashAfterTwoCheckpointsResumesFromTheSnapshotWithTheSameScores(@TempDir Path dir) throws IOException {
        Path snap = dir.resolve("scores.snapshot");
        List<String> names = List.of("el2n", "forgetting", "data-map-variability", "tracin-we-self", "grand");
        StreamingScores whole = StreamingScores.builder(store.spec()).scores(names).build();
        Replay.all(store, whole.writer());

        StreamingScores first = StreamingScores.builder(store.spec()).scores(names).snapshot(snap).build();
        Replay.statics(store, first.writer());
        Replay.checkpoint(store, first.writer(), store.checkpoints().get(0));
        Replay.checkpoint(store, first.writer(), store.checkpoints().get(1));
        byte[] afterTwo = Files.readAllBytes(snap);
        // the third checkpoint is captured but the process dies before it commits: nothing of it counts
        first.writer().beginCheckpoint(store.checkpoints().get(2)).close();
        assertEquals(afterTwo.length, Files.readAllBytes(snap).length);
        assertTrue(Files.list(dir).allMatch(p -> p.equals(snap)), "no temporary file left: " + Files.list(dir).toList());

        StreamingScores resumed = StreamingScores.builder(store.spec()).scores(names).snapshot(snap).build();
        assertEquals(List.of("c0", "c1"), resumed.checkpoints().stream().map(Checkpoint::id).toList());
        int[] captured = {0};
        ArtifactWriter counting = resumed.writer();
        for (Checkpoint c : store.checkpoints()) {
            if (counting.committedCheckpoints().stream().noneMatch(x -> x.id().equals(c.id()))) {
                captured[0]++;
            }
        }
        assertEquals(2, captured[0], "a capture listener skips the two checkpoints already scored");
        Replay.all(store, resumed.writer());
        for (String n : names) {
            assertArrayEquals(whole.scores(n).values(), resumed.scores(n).values(), n + " after resume");
            assertEquals(whole.scores(n).provenance().options(), resumed.scores(n).provenance().options(), n);
            assertEquals(whole.scores(n).provenance().checkpoints(), resumed.scores(n).provenance().checkpoints(), n);
        }
    }

    @Test
    void aSnapshotOfOtherScoresOrACorruptOneIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path snap = dir.resolve("s.snapshot");
        StreamingScores a = StreamingScores.builder(store.spec()).scores(List.of("el2n")).snapshot(snap).build();
        Replay.all(store, a.writer());
        ConfigurationException other = assertThrows(ConfigurationException.class,
                () -> StreamingScores.builder(store.spec()).scores(List.of("aum")).snapshot(snap).build());
        assertTrue(other.getMessage().contains(snap.toString()) && other.getMessage().contains("el2n"), other.getMessage());
        ConfigurationException spec = assertThrows(ConfigurationException.class,
                () -> StreamingScores.builder(new StoreSpec("other", 5, 3, 7)).scores(List.of("el2n")).snapshot(snap).build());
        assertTrue(spec.getMessage().contains("'other'"), spec.getMessage());
        byte[] b = Files.readAllBytes(snap);
        b[b.length / 2] ^= 1;
        Files.write(snap, b);
        CorruptStoreException bad = assertThrows(CorruptStoreException.class,
                () -> StreamingScores.builder(store.spec()).scores(List.of("el2n")).snapshot(snap).build());
        assertTrue(bad.getMessage().contains("CRC32C") && bad.getMessage().contains("delete it"), bad.getMessage());
    }

    @Test
    void scoresThatAreNotStreamedSayWhy() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> StreamingScores.builder(store.spec()).scores(List.of("vog")));
        assertTrue(e.getMessage().contains("vog keeps"), e.getMessage());
        assertThrows(ConfigurationException.class,
                () -> StreamingScores.builder(store.spec()).score("el2n", Map.of("no-such-option", "1")).build());
        StreamingScores s = StreamingScores.builder(store.spec()).scores(List.of("el2n")).build();
        ConfigurationException early = assertThrows(ConfigurationException.class, () -> s.scores("el2n"));
        assertTrue(early.getMessage().contains("no checkpoint"), early.getMessage());
    }

    @Test
    void alongsideAStoreWritesBothFromOneCapture() {
        StreamingScores s = StreamingScores.builder(store.spec()).scores(List.of("aum", "data-map-confidence")).build();
        ArtifactWriter kept = MemoryStores.create(store.spec());
        ArtifactWriter tee = s.alongside(kept);
        Replay.all(store, tee);
        assertEquals(4, kept.store().checkpoints().size());
        assertEquals(4, tee.committedCheckpoints().size());
        for (String n : s.names()) {
            assertArrayEquals(InfluenceScorers.create(n, kept.store(), Map.of()).score().values(), s.scores(n).values(), n);
        }
    }
}
