// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesReplacesAndCreatesParentsLeavingNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("a/b/c.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        AtomicFiles.write(file, out -> {
            out.write(7);
            out.write(big, 1, big.length - 1);
            out.close(); // allowed: the file is still forced and moved
        });
        byte[] expected = big.clone();
        expected[0] = 7;
        assertArrayEquals(expected, Files.readAllBytes(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws IOException {
        Path file = tmp.resolve("x.txt");
        AtomicFiles.write(file, "old".getBytes());
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, (OutputStream out) -> {
            out.write("new, but".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list(tmp));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
