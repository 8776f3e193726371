// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny demo run shared by the tests that need a real file store. */
final class DemoRun {
    static final String[] TINY = {"--examples", "300", "--planted", "6", "--epochs", "4", "--seeds", "1",
        "--fractions", "0.3"};

    private DemoRun() {
    }

    static CliRun run(Path dir) {
        String[] args = new String[TINY.length + 3];
        args[0] = "demo";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(TINY, 0, args, 3, TINY.length);
        return CliRun.of(args);
    }

    static Path store(Path dir) {
        Path s = dir.resolve("store");
        if (!Files.isRegularFile(s.resolve("manifest.json"))) {
            throw new IllegalStateException("demo wrote no store at " + s);
        }
        return s;
    }

    /** @return a file-by-file copy of a store at {@code to} (for damaging it) */
    static Path copyStore(Path store, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(store)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(store.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    /** @return the first chunk file, in path order, of an artifact kind in a store */
    static Path firstChunk(Path root, String kind) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().contains("/" + kind + "/") && p.toString().endsWith(".npy"))
                    .min(java.util.Comparator.naturalOrder()).orElseThrow();
        }
    }
}
