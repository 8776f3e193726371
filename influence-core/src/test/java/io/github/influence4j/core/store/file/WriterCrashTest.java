// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed mid-checkpoint (in a child JVM, {@code destroyForcibly()}): reopening shows only
 * the committed checkpoints, intact; resuming keeps the durable chunks, rewrites the partial one,
 * and completes the interrupted checkpoint.
 */
class WriterCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killedWriterLeavesTheCommittedStateAndResumes() throws Exception {
        Path dir = tmp.resolve("store");
        Path marker = tmp.resolve("marker");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.bytedeco.javacpp.maxbytes=1G", "-cp", System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName(), dir.toString(), marker.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker)) {
                if (!child.isAlive()) {
                    fail("the child writer exited with " + child.exitValue() + " before the marker:\n" + read(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("no marker after 120 s:\n" + read(log));
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
        assertTrue(Files.exists(dir.resolve("checkpoints").resolve(interrupted.id()).resolve("pending.json")),
                "the interrupted checkpoint's journal exists");

        // 1. reopen: only the committed checkpoint is visible, and every file is intact
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            assertEquals(List.of(done), s.checkpoints());
            assertThrows(IllegalArgumentException.class, () -> s.artifacts(interrupted.id()));
            data.assertReads(s, ExampleRange.of(0, CrashingWriterMain.N), List.of(done));
            data.assertReads(s, ExampleRange.of(3, 9), List.of(done));
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertTrue(v.ok(), () -> v.failures().toString());
        assertFalse(v.files().stream().anyMatch(f -> f.checkpointId().equals(interrupted.id())));

        // 2. resume: durable chunks are kept, the half-written chunk is not
        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            try (CheckpointWriter c = w.beginCheckpoint(interrupted)) {
                for (ArtifactKey key : data.data.get(interrupted.id()).keySet()) {
                    assertTrue(c.isComplete(key, ExampleRange.of(0, 8)), key + " chunks [0, 8) were durable");
                    assertFalse(c.isComplete(key, ExampleRange.of(8, 10)), key + " chunk [8, 10) was only buffered");
                    assertFalse(c.isComplete(key, ExampleRange.of(7, 9)), key + " [7, 9)");
                }
                assertTrue(w.store().checkpoints().equals(List.of(done)), "nothing new is visible before commit");
                // 3. complete: write only what is missing, restarting at its chunk boundary
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
            data.assertReads(s, ExampleRange.of(2, 9));
        }
        assertTrue(ArtifactStores.verify(dir).ok());
        assertFalse(Files.exists(dir.resolve("checkpoints").resolve(interrupted.id()).resolve("pending.json")),
                "the journal is gone after the commit");
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
