// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.examples.snli.SnliPruneSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line against hostile stores and unlucky kills (issue #21): one clear line and a
 * non-zero exit, never a hang, a stack trace or a NaN score; and a rerun with the same --dir
 * completes whatever a kill left.
 */
class HostileRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path store;

    @BeforeAll
    static void demo() {
        System.setProperty("java.awt.headless", "true");
        Path dir = tmp.resolve("demo");
        DemoRun.run(dir).assertOk();
        store = DemoRun.store(dir);
    }

    @Test
    void fifoChunkIsOneLineNotAHang() throws Exception {
        Path copy = DemoRun.copyStore(store, tmp.resolve("fifo"));
        Path chunk = DemoRun.firstChunk(copy, "LOGITS");
        Files.delete(chunk);
        Process mk = new ProcessBuilder("mkfifo", chunk.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        String name = copy.relativize(chunk).toString();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            CliRun v = CliRun.of("inspect", "--store", copy.toString(), "--verify");
            v.assertOneLineError(ExitCodes.FAILED, "failed verification", chunk.getFileName().toString());
            assertTrue(v.out().contains("NOT_A_FILE"), v.out());
            CliRun.of("score", "--store", copy.toString(), "--scorer", "el2n")
                    .assertOneLineError(ExitCodes.FAILED, name, "is not a regular file");
        });
    }

    @Test
    void symlinkToACopyOutsideIsRefused() throws Exception {
        Path copy = DemoRun.copyStore(store, tmp.resolve("symlink"));
        Path chunk = DemoRun.firstChunk(copy, "INPUT_GRADS");
        Path outside = tmp.resolve("outside.npy");
        Files.copy(chunk, outside);
        Files.delete(chunk);
        Files.createSymbolicLink(chunk, outside);
        CliRun.of("score", "--store", copy.toString(), "--scorer", "vog")
                .assertOneLineError(ExitCodes.FAILED, copy.relativize(chunk).toString(), "symbolic link");
    }

    @Test
    void nanBehindFixedChecksumsAndAnAllFiniteRecordFailsEl2n() throws Exception {
        Path copy = DemoRun.copyStore(store, tmp.resolve("nan"));
        Path chunk = DemoRun.firstChunk(copy, "LOGITS");
        byte[] b = Files.readAllBytes(chunk);
        int dataOffset = 10 + (ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(dataOffset + 4, Float.NaN);
        Files.write(chunk, b);
        String crc = String.format(Locale.ROOT, "%08x", crc(b));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        Path manifest = copy.resolve("manifest.json");
        ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
        String rel = copy.relativize(chunk).toString(); // checkpoints/<id>/LOGITS/<from>-<to>.npy
        String id = copy.relativize(chunk).getName(1).toString();
        for (var c : m.get("checkpoints")) {
            if (c.get("id").asText().equals(id)) {
                ObjectNode f = (ObjectNode) c.at("/artifacts/LOGITS/chunks/0/files/0");
                assertTrue(f.get("allFinite").asBoolean(), f.toString());
                f.put("crc32c", crc).put("sha256", sha);
            }
        }
        Files.write(manifest, JSON.writeValueAsBytes(m));
        CliRun.of("score", "--store", copy.toString(), "--scorer", "el2n")
                .assertOneLineError(ExitCodes.FAILED, "LOGITS of example", "(file " + rel + ")", "is NaN");
    }

    private static long crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    // ------------------------------------------------------------------ kills

    @Test
    void demoRerunsWhateverAKillLeftOfItsStore() throws Exception {
        Path dir = tmp.resolve("rerun");
        String[] args = {"demo", "--dir", dir.toString(), "--examples", "200", "--planted", "4", "--epochs", "2",
            "--seeds", "1", "--fractions", ""};
        CliRun first = CliRun.of(args).assertOk();
        assertTrue(first.out().contains("no pruning (--fractions is empty)"), first.out());
        Path s = dir.resolve("store");
        // K1: killed while deleting, after some chunk files and before the manifest
        Files.delete(DemoRun.firstChunk(s, "LOGITS"));
        CliRun.of(args).assertOk();
        // K1': killed after the manifest was deleted; K2: killed after the lock, before the first manifest
        try (Stream<Path> w = Files.walk(s)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(s) && !p.getFileName().toString().equals("writer.lock")) {
                    Files.delete(p);
                }
            }
        }
        assertEquals(List.of(s.resolve("writer.lock")), list(s));
        CliRun.of(args).assertOk();
        // a directory of someone else's files is still refused
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign.resolve("store"));
        Files.writeString(foreign.resolve("store/notes.txt"), "mine");
        CliRun.of("demo", "--dir", foreign.toString(), "--fractions", "").assertOneLineError(ExitCodes.FAILED,
                "exists and is not an influence4j store");
    }

    @Test
    void badFractionIsAUsageError() {
        CliRun.of("demo", "--dir", tmp.resolve("x").toString(), "--fractions", "0.1,abc")
                .assertOneLineError(ExitCodes.USAGE, "'abc' is not a number");
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void snliSettingsAreWrittenAtomicallyAndADamagedFileIsNamed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("snli"));
        Path f = dir.resolve(SnliPruneSettings.FILE);
        Files.createFile(f); // what a kill of the in-place write left
        assertTrue(SnliPruneSettings.read(dir).isEmpty(), "an empty settings file counts as absent");
        Files.writeString(f, "{\"epochs\": ");
        UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
                () -> SnliPruneSettings.read(dir));
        assertTrue(ErrorReporter.oneLine(e, ExitCodes.FAILED).contains(f.toString()), e.getMessage());
    }

    // ------------------------------------------------------------------ memory

    @Command(name = "oom")
    static final class Throwing implements Callable<Integer> {
        private final RuntimeException runtime;

        Throwing(RuntimeException runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            if (runtime != null) {
                throw runtime;
            }
            throw new OutOfMemoryError("Requested array size exceeds VM limit");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLine() {
        for (RuntimeException thrown : new RuntimeException[] {null,
            new RuntimeException("Allocation failed: [std::bad_alloc]")}) {
            StringWriter err = new StringWriter();
            ErrorReporter errors = new ErrorReporter();
            CommandLine cl = new CommandLine(new Throwing(thrown)).setErr(new PrintWriter(err))
                    .setOut(new PrintWriter(new StringWriter())).setExecutionExceptionHandler(errors)
                    .setParameterExceptionHandler(errors);
            int code = Main.execute(cl);
            CliRun r = new CliRun(code, "", err.toString());
            r.assertOneLineError(ExitCodes.FAILED, "not enough memory for this run", "raise -Xmx");
        }
    }
}
