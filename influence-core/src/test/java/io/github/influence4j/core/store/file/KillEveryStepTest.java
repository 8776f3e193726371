// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed at every step of the store's create, commit and delete sequences (issue #21):
 * a child JVM halts at file-system step i ({@link KillPoints}), for every i until it finishes;
 * running the same job again on the same directory then completes, and the store holds exactly the
 * values of an uninterrupted run, with no temporary file left behind.
 */
class KillEveryStepTest {
    private static final int MAX_STEPS = 200;

    @TempDir
    Path tmp;

    @Test
    void captureKilledAtEveryStepCompletesWhenRunAgain() throws Exception {
        int steps = killAtEveryStep("capture", Integer.MAX_VALUE, false);
        assertTrue(steps > 20, "create, chunk, journal and commit steps were counted: " + steps);
    }

    @Test
    void deleteKilledAtEveryStepCompletesWhenRunAgain() throws Exception {
        // kills inside the delete (and the first steps of the capture after it); a full store to delete each time
        killAtEveryStep("delete-then-capture", 18, true);
    }

    /**
     * A full disk (here: a file-size limit, {@code ulimit -f}, so that writing the large chunk fails
     * with an I/O error): the failed write leaves no temporary file, the message says to run the same
     * command again, and running it again with room completes.
     */
    @Test
    void captureFailingOnAFullDiskLeavesNoTemporaryFileAndCompletesWhenRunAgain() throws Exception {
        Path dir = tmp.resolve("full");
        Path log = tmp.resolve("full.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("bash", "-c", "ulimit -f 64 && exec \"$0\" \"$@\"", java, "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-D" + KillStepWriterMain.WIDTH + "=16384", "-cp",
                System.getProperty("java.class.path"), KillStepWriterMain.class.getName(), dir.toString(), "capture")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");
        String out = Files.readString(log);
        assertTrue(child.exitValue() != 0, () -> "the write over the limit failed:\n" + out);
        assertTrue(out.contains("could not write") && out.contains("run the same command again"), out);
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "no partial temporary file is left using space");
        }
        System.setProperty(KillStepWriterMain.WIDTH, "16384");
        try {
            KillStepWriterMain.capture(dir);
        } finally {
            System.clearProperty(KillStepWriterMain.WIDTH);
        }
        assertStoreComplete(dir, "after the disk-full failure");
    }

    /** @return the number of steps of an uninterrupted run */
    private int killAtEveryStep(String mode, int maxKills, boolean fromFullStore) throws Exception {
        List<String> killedAt = new ArrayList<>();
        for (int i = 1; i <= MAX_STEPS; i++) {
            Path dir = tmp.resolve(mode + "-" + i);
            if (fromFullStore) {
                KillStepWriterMain.capture(dir);
            }
            Path log = tmp.resolve(mode + "-" + i + ".log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-D" + KillPoints.PROPERTY + "=" + i,
                    "-cp", System.getProperty("java.class.path"), KillStepWriterMain.class.getName(), dir.toString(),
                    mode).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("child at step " + i + " did not finish:\n" + Files.readString(log));
            }
            String out = Files.readString(log);
            if (child.exitValue() == 0) {
                assertFalse(out.contains("killed at step"), out);
                assertStoreComplete(dir, mode + " uninterrupted");
                return i - 1;
            }
            int step = i;
            assertEquals(137, child.exitValue(), () -> "step " + step + ": the child failed instead of being killed:\n" + out);
            killedAt.add(out.lines().filter(l -> l.startsWith("killed at step")).findFirst().orElse("?"));
            // the same job again, same directory, not killed
            if (fromFullStore) {
                ArtifactStores.delete(dir);
            }
            KillStepWriterMain.capture(dir);
            assertStoreComplete(dir, killedAt.get(killedAt.size() - 1));
            if (killedAt.size() >= maxKills) {
                return i;
            }
        }
        throw new AssertionError("no uninterrupted run within " + MAX_STEPS + " steps: " + killedAt);
    }

    private static void assertFalse(boolean b, String message) {
        assertTrue(!b, message);
    }

    private static void assertStoreComplete(Path dir, String where) throws IOException {
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            assertEquals(KillStepWriterMain.CHECKPOINTS, s.checkpoints(), where);
            try (ArtifactChunk c = s.readStatic(KillStepWriterMain.LABELS, ExampleRange.of(0, KillStepWriterMain.N))) {
                assertArrayEquals(KillStepWriterMain.labels(0, KillStepWriterMain.N), c.values().toIntVector(), where);
            }
            for (int i = 0; i < KillStepWriterMain.CHECKPOINTS.size(); i++) {
                Checkpoint cp = KillStepWriterMain.CHECKPOINTS.get(i);
                try (ArtifactChunk c = s.read(cp.id(), KillStepWriterMain.LOGITS, ExampleRange.of(0, KillStepWriterMain.N))) {
                    assertArrayEquals(KillStepWriterMain.logits(i, 0, KillStepWriterMain.N), c.values().toFloatMatrix(),
                            where);
                }
            }
        }
        StoreVerification v = ArtifactStores.verify(dir);
        assertTrue(v.ok(), () -> where + ": " + v.failures());
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> leftovers = s.filter(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().equals(StoreFiles.JOURNAL)).toList();
            assertEquals(List.of(), leftovers, where + ": temporary files and journals are gone");
        }
    }
}
