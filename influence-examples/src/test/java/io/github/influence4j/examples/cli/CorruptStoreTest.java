// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store is one clear line and exit code 1, from inspect --verify and from score. */
class CorruptStoreTest {
    @TempDir
    static Path tmp;
    static Path store;

    @BeforeAll
    static void writeAndDamage() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = tmp.resolve("demo");
        DemoRun.run(dir).assertOk();
        store = DemoRun.store(dir);
    }

    @Test
    void intactStoreVerifies() {
        CliRun r = CliRun.of("inspect", "--store", store.toString(), "--verify").assertOk();
        assertTrue(r.out().contains("all match the manifest"), r.out());
    }

    @Test
    void flippedByteFailsVerificationAndScoring() throws Exception {
        Path copy = DemoRun.copyStore(store, tmp.resolve("damaged"));
        Path chunk = DemoRun.firstChunk(copy, "LOGITS");
        byte[] b = Files.readAllBytes(chunk);
        b[b.length - 3] ^= 0x5a;
        Files.write(chunk, b);
        String name = chunk.getFileName().toString();
        CliRun v = CliRun.of("inspect", "--store", copy.toString(), "--verify");
        v.assertOneLineError(ExitCodes.FAILED, "failed verification", name);
        assertTrue(v.out().contains("WRONG_HASH"), v.out());
        CliRun.of("score", "--store", copy.toString(), "--scorer", "el2n").assertOneLineError(ExitCodes.FAILED, name);
    }

    @Test
    void inspectWithoutVerifyStillChecksTheFilesItLists() throws Exception {
        CliRun.of("inspect", "--store", store.toString()).assertOk();
        Path missing = DemoRun.copyStore(store, tmp.resolve("missing-chunk"));
        Path gone = DemoRun.firstChunk(missing, "LOGITS");
        Files.delete(gone);
        CliRun.of("inspect", "--store", missing.toString()).assertOneLineError(ExitCodes.FAILED,
                gone.getFileName().toString(), "MISSING", "--verify");
        Path truncated = DemoRun.copyStore(store, tmp.resolve("truncated-chunk"));
        Path cut = DemoRun.firstChunk(truncated, "INPUT_GRADS");
        byte[] b = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 8));
        CliRun.of("inspect", "--store", truncated.toString()).assertOneLineError(ExitCodes.FAILED,
                cut.getFileName().toString(), "WRONG_LENGTH");
    }

    @Test
    void missingManifestIsOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-store"));
        Files.writeString(empty.resolve("notes.txt"), "hello");
        CliRun.of("inspect", "--store", empty.toString()).assertOneLineError(ExitCodes.FAILED, "manifest");
    }
}
