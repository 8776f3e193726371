// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures (does not assert) store reads against raw sequential reads of the same chunk files,
 * both from the page cache, and logs a table. Slow: run with {@code -Dgroups=slow -DexcludedGroups=}.
 */
@Tag("slow")
class ReadThroughputTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReadThroughputTest.class);
    private static final int N = 8192;
    private static final int P = 4096;
    private static final int CHUNK = 1024; // 16 MiB of float32 per chunk file

    @TempDir
    Path tmp;

    @Test
    void storeReadsVersusRawSequentialReads() throws IOException {
        Path dir = tmp.resolve("bench");
        ArtifactKey key = ArtifactKey.of(ArtifactKind.PARAM_GRADS, "fc");
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("bench", N, 2, CHUNK))) {
            long t = System.nanoTime();
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 0.1, 1))) {
                for (int from = 0; from < N; from += 512) {
                    INDArray batch = Nd4j.rand(DataType.FLOAT, 512, P);
                    c.write(key, from, batch);
                    batch.close();
                }
                c.commit();
            }
            LOG.info("write: {} MB/s", String.format("%.0f", mb() / seconds(t)));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("checkpoints/c0/PARAM_GRADS.fc"))) {
            files = s.sorted().toList();
        }
        byte[] buf = new byte[Math.toIntExact(Files.size(files.get(0)))];
        double raw = 0;
        double store = 0;
        double hashOnly = 0;
        double once = 0;
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            for (int rep = 0; rep < 5; rep++) {
                long t = System.nanoTime();
                long sum = 0;
                for (Path f : files) {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                        ByteBuffer bb = ByteBuffer.wrap(buf);
                        while (bb.hasRemaining() && ch.read(bb) >= 0) {
                            continue;
                        }
                        sum += buf[buf.length - 1];
                    }
                }
                raw = Math.max(raw, mb() / seconds(t));
                t = System.nanoTime();
                for (Path f : files) {
                    var md = StoreFiles.sha256();
                    md.update(Files.readAllBytes(f));
                    sum += md.digest()[0];
                }
                hashOnly = Math.max(hashOnly, mb() / seconds(t));
                t = System.nanoTime();
                for (ExampleRange r : s.chunkRanges()) {
                    try (ArtifactChunk c = s.read("c0", key, r)) {
                        assertEquals(r.size(), c.size());
                    }
                }
                store = Math.max(store, mb() / seconds(t));
                LOG.trace("checksum {}", sum);
            }
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir, NonFinitePolicy.FAIL, ChunkVerification.ONCE_PER_OPEN)) {
            for (int rep = 0; rep < 5; rep++) {
                long t = System.nanoTime();
                for (ExampleRange r : s.chunkRanges()) {
                    try (ArtifactChunk c = s.read("c0", key, r)) {
                        assertEquals(r.size(), c.size());
                    }
                }
                once = Math.max(once, mb() / seconds(t));
            }
        }
        LOG.info(String.format("%n| read path (page cache, %d chunks of %d MiB) | MB/s |%n|---|---|%n"
                + "| raw sequential FileChannel reads | %.0f |%n| read + SHA-256 | %.0f |%n"
                + "| store.read (read, verify length + SHA-256 + header, copy off-heap, NaN check) | %.0f |%n"
                + "| store / raw | %.2f |%n| store.read, ChunkVerification.ONCE_PER_OPEN (repeat reads) | %.0f |%n"
                + "| ONCE_PER_OPEN / raw | %.2f |", files.size(), Files.size(files.get(0)) >> 20, raw, hashOnly, store,
                store / raw, once, once / raw));
    }

    private static double mb() {
        return (double) N * P * 4 / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
