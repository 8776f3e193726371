// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.StoreVerification;
import io.github.influence4j.core.store.file.WriteOptions;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every artifact kind round-trips through both stores, for store chunk sizes {1, 7, default, N,
 * N + 1}, over aligned ranges, ranges that straddle chunks, single examples and empty ranges;
 * reads are compared exactly with what was written.
 */
class StoreRoundTripTest {
    static final int N = 23;

    @TempDir
    Path tmp;

    enum Kind { MEMORY, FILE }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int cs : new int[] {1, 7, StoreSpec.DEFAULT_CHUNK_SIZE, N, N + 1}) {
                out.add(Arguments.of(k, cs));
            }
        }
        return out.stream();
    }

    private ArtifactWriter writer(Kind kind, StoreSpec spec) {
        return kind == Kind.MEMORY ? MemoryStores.create(spec) : ArtifactStores.create(tmp.resolve("store"), spec);
    }

    private static List<ExampleRange> ranges(int chunkSize) {
        List<ExampleRange> r = new ArrayList<>(List.of(ExampleRange.of(0, N), ExampleRange.of(3, 17),
                ExampleRange.of(6, 8), ExampleRange.of(13, 15), ExampleRange.of(7, 7), ExampleRange.of(N - 1, N),
                ExampleRange.of(0, 1), ExampleRange.of(5, 22)));
        for (int from = 0; from < N; from += chunkSize) {
            r.add(ExampleRange.of(from, Math.min(N, from + chunkSize))); // aligned chunks
        }
        return r;
    }

    @ParameterizedTest(name = "{0} store, chunk size {1}")
    @MethodSource("cases")
    void everyKindRoundTrips(Kind kind, int chunkSize) {
        SyntheticArtifacts data = SyntheticArtifacts.generate(N, 11);
        StoreSpec spec = new StoreSpec("rt", N, data.k, chunkSize);
        try (ArtifactWriter w = writer(kind, spec)) {
            data.writeTo(w, 5);
            for (ExampleRange r : ranges(chunkSize)) {
                data.assertReads(w.store(), r);
            }
            assertDescribes(data, w.store());
            assertStreams(data, w.store());
        }
        if (kind == Kind.FILE) {
            try (TrainingArtifactStore s = ArtifactStores.open(tmp.resolve("store"))) {
                assertEquals(spec, s.spec());
                for (ExampleRange r : ranges(chunkSize)) {
                    data.assertReads(s, r);
                }
                assertDescribes(data, s);
                StoreVerification v = ArtifactStores.verify(tmp.resolve("store"));
                assertTrue(v.ok(), () -> v.failures().toString());
                // dense: one file per chunk; ragged: two (values, offsets); small dense artifacts in
                // on-disk chunks of a power-of-two number of store chunks (WriteOptions.smallArtifactBytes)
                long files = 0;
                int artifacts = 0;
                for (Map.Entry<String, Map<ArtifactKey, SyntheticArtifacts.Expected>> scope : data.data.entrySet()) {
                    Map<ArtifactKey, ArtifactInfo> infos = scope.getKey().isEmpty() ? s.staticArtifacts()
                            : s.artifacts(scope.getKey());
                    for (ArtifactKey k : scope.getValue().keySet()) {
                        int size = WriteOptions.defaults().chunkSizeFor(spec, infos.get(k));
                        assertTrue(size % chunkSize == 0 && Integer.bitCount(size / chunkSize) == 1, k + ": " + size);
                        files += (k.kind().isRagged() ? 2L : 1L) * ((N + size - 1) / size);
                        artifacts++;
                    }
                }
                assertEquals(25, artifacts);
                assertEquals(files, v.files().size());
            }
        }
    }

    private static void assertStreams(SyntheticArtifacts data, TrainingArtifactStore s) {
        ArtifactKey key = ArtifactKey.of(ArtifactKind.INPUT_GRADS);
        SyntheticArtifacts.Expected e = data.data.get("epoch-1").get(key);
        List<ArtifactChunk> seen = new ArrayList<>();
        try (Stream<ArtifactChunk> chunks = s.stream("epoch-1", key, 4)) {
            chunks.forEach(c -> {
                SyntheticArtifacts.assertChunk(e, c, c.range(), "epoch-1");
                seen.add(c);
            });
        }
        assertEquals(s.chunkRanges(4), seen.stream().map(ArtifactChunk::range).toList());
        for (ArtifactChunk c : seen) {
            assertThrows(IllegalStateException.class, c::values, "a chunk the stream moved past must be closed");
        }
        try (Stream<ArtifactChunk> chunks = s.stream("", ArtifactKey.of(ArtifactKind.LABELS), s.spec().chunkSize())) {
            assertEquals(s.chunkRanges(), chunks.map(ArtifactChunk::range).toList());
        }
    }

    private static void assertDescribes(SyntheticArtifacts data, TrainingArtifactStore s) {
        assertEquals(data.checkpoints, s.checkpoints());
        assertEquals(data.data.get("").keySet(), s.staticArtifacts().keySet());
        for (Checkpoint c : data.checkpoints) {
            assertEquals(data.data.get(c.id()).keySet(), s.artifacts(c.id()).keySet());
            assertEquals(c, s.checkpoint(c.id()).orElseThrow());
        }
        assertEquals(data.checkpoints, s.checkpointsWith(ArtifactKind.LAYER_INPUTS));
        assertEquals(data.checkpoints, s.checkpointsWith(ArtifactKey.of(ArtifactKind.PARAM_GRADS, "emb")));
        assertTrue(s.checkpointsWith(ArtifactKey.of(ArtifactKind.PARAM_GRADS, "other")).isEmpty());
        assertFalse(s.manifestHash().isEmpty());
    }
}
