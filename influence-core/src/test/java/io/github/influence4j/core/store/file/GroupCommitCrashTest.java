// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.SyntheticArtifacts;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: a writer killed in the middle of a group (nothing of the open checkpoint forced
 * yet, the journal only replaced) resumes from its last completed write; and if the machine had
 * crashed instead, losing an unforced chunk file's content, resuming notices by checksum, rewrites
 * that chunk only, and the completed store is intact.
 */
class GroupCommitCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killedInsideAGroupResumesAndRewritesALostChunk() throws Exception {
        Path dir = tmp.resolve("store");
        Path marker = tmp.resolve("marker");
        Path log = tmp.resolve("child.log");
        // a group far larger than the capture: nothing of the second checkpoint is forced before the kill
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.bytedeco.javacpp.maxbytes=1G", "-cp", System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName(), dir.toString(), marker.toString(), String.valueOf(1L << 40))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker)) {
                if (!child.isAlive()) {
                    fail("the child writer exited with " + child.exitValue() + " before the marker:\n"
                            + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("no marker after 120 s:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not die");
        }
        SyntheticArtifacts data = SyntheticArtifacts.generate(CrashingWriterMain.N, CrashingWriterMain.SEED);
        Checkpoint done = data.checkpoints.get(0);
        Checkpoint interrupted = data.checkpoints.get(1);
        List<ArtifactKey> keys = List.copyOf(data.data.get(interrupted.id()).keySet());
        ArtifactKey damaged = keys.get(0);

        // the machine "crashed": the second chunk of one artifact lost its content (same length, other bytes)
        Path lost = dir.resolve("checkpoints").resolve(interrupted.id()).resolve(damaged.toString()).resolve("4-8.npy");
        if (!Files.exists(lost)) {
            lost = lost.resolveSibling("4-8.values.npy");
        }
        scramble(lost);

        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            assertEquals(List.of(done), w.store().checkpoints());
            try (CheckpointWriter c = w.beginCheckpoint(interrupted)) {
                for (ArtifactKey key : keys) {
                    assertTrue(c.isComplete(key, ExampleRange.of(0, 4)), key + " chunk [0, 4) is kept");
                    assertEquals(!key.equals(damaged), c.isComplete(key, ExampleRange.of(4, 8)),
                            key + " chunk [4, 8): kept unless its bytes were lost");
                    assertFalse(c.isComplete(key, ExampleRange.of(8, 10)), key + " chunk [8, 10) was only buffered");
                }
                for (SyntheticArtifacts.Expected e : data.data.get(interrupted.id()).values()) {
                    if (!e.attributes().isEmpty()) {
                        c.setAttributes(e.key(), e.attributes());
                    }
                    for (ExampleRange r : w.store().chunkRanges()) {
                        if (!c.isComplete(e.key(), r)) {
                            SyntheticArtifacts.write(c, e, 3, r.from(), r.to());
                        }
                    }
                }
                c.commit();
            }
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            data.assertReads(s, ExampleRange.of(0, CrashingWriterMain.N));
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertTrue(v.ok(), () -> v.failures().toString());
    }

    @Test
    void groupSizeZeroForcesEveryChunkAndGroupsForceAtTheirSize(@TempDir Path d) {
        // both modes write the same store
        for (long group : new long[] {0, 1, 200, 1L << 30}) {
            Path dir = d.resolve("g" + group);
            SyntheticArtifacts data = SyntheticArtifacts.generate(CrashingWriterMain.N, CrashingWriterMain.SEED);
            try (ArtifactWriter w = ArtifactStores.create(dir, new io.github.influence4j.core.store.StoreSpec("g",
                    CrashingWriterMain.N, data.k, CrashingWriterMain.CHUNK), WriteOptions.defaults()
                    .withGroupCommitBytes(group))) {
                data.data.get("").values().forEach(e -> SyntheticArtifacts.write(w, e, 3, 0, CrashingWriterMain.N));
                w.commit();
                for (Checkpoint c : data.checkpoints) {
                    try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                        data.writeCheckpoint(cw, c.id(), 3, 0, CrashingWriterMain.N);
                        cw.commit();
                    }
                }
            }
            try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
                data.assertReads(s, ExampleRange.of(0, CrashingWriterMain.N));
            }
            assertTrue(ArtifactStores.verify(dir).ok(), "group " + group);
        }
    }

    private static void scramble(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() - 1;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.flip();
            byte x = (byte) (b.get(0) ^ 0x5A);
            ch.write(ByteBuffer.wrap(new byte[] {x}), at);
        }
    }
}
