// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.StoreVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code influence4j inspect}: what a file store holds (spec, artifacts with dtypes and shapes,
 * checkpoints with step, epoch and learning rate, bytes on disk per artifact).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Summarise an artifact store: spec, artifacts (dtype, shape), checkpoints, size on disk.",
            "--verify also checks every chunk's length, SHA-256 and CRC32C against the manifest."})
final class InspectCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", required = true, description = "The store's directory.")
    Path store;

    @Option(names = "--verify", description = "Check every chunk file against the manifest (length, SHA-256, array"
            + " header); reads every byte.")
    boolean verify;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        try (TrainingArtifactStore s = StoreArgs.open(store)) {
            printSummary(o, s, store);
        }
        if (!verify) {
            // what inspect reads is the manifest; check at least that the files it lists are there
            StoreVerification files = ArtifactStores.checkFiles(store);
            if (!files.ok()) {
                StoreVerification.FileResult first = files.failures().get(0);
                throw new CliException("store '" + files.storeId() + "' at " + store + ": " + files.failures().size()
                        + " of " + files.files().size() + " chunk files are missing, replaced or of the wrong length"
                        + " (first: " + first.file() + ", " + first.status() + "); 'influence4j inspect --store "
                        + store + " --verify' checks every byte and lists them all");
            }
        }
        if (verify) {
            o.println();
            StoreVerification v = ArtifactStores.verify(store);
            if (v.ok()) {
                o.printf(Locale.ROOT, "verified %d files (%s): all match the manifest%n", v.files().size(),
                        human(v.totalBytes()));
            } else {
                o.printf(Locale.ROOT, "verified %d files: %d FAILED%n", v.files().size(), v.failures().size());
                for (StoreVerification.FileResult f : v.failures()) {
                    o.printf(Locale.ROOT, "  %-12s %s: %s%n", f.status(), f.file(), f.message());
                }
                StoreVerification.FileResult first = v.failures().get(0);
                throw new CliException("store '" + v.storeId() + "' at " + store + " failed verification: "
                        + v.failures().size() + " of " + v.files().size() + " files damaged (first: " + first.file()
                        + ", " + first.status() + "); recapture the damaged checkpoints or restore the store");
            }
        }
        return ExitCodes.OK;
    }

    /**
     * @param o where to print
     * @param s the open store
     * @param dir its directory (for sizes on disk)
     */
    static void printSummary(PrintWriter o, TrainingArtifactStore s, Path dir) {
        o.printf(Locale.ROOT, "store '%s' at %s%n", s.id(), dir);
        o.printf(Locale.ROOT, "  examples %d, classes %d, chunk size %d (%d chunks)%n", s.numExamples(),
                s.numClasses(), s.spec().chunkSize(), s.spec().numChunks());
        o.printf(Locale.ROOT, "  manifest hash %s%n", s.manifestHash());
        o.println();
        o.println("static artifacts:");
        if (s.staticArtifacts().isEmpty()) {
            o.println("  (none)");
        }
        for (ArtifactInfo info : s.staticArtifacts().values()) {
            o.printf(Locale.ROOT, "  %-28s %-7s %s%n", info.key(), dtype(info), shape(info));
        }
        o.println();
        o.println("checkpoints (" + s.checkpoints().size() + "):");
        Map<ArtifactKey, ArtifactInfo> kinds = new TreeMap<>();
        Map<ArtifactKey, Integer> counts = new TreeMap<>();
        if (!s.checkpoints().isEmpty()) {
            o.printf(Locale.ROOT, "  %-12s %8s %6s %12s %8s  %s%n", "id", "step", "epoch", "lr", "seed", "artifacts");
        }
        for (Checkpoint c : s.checkpoints()) {
            Map<ArtifactKey, ArtifactInfo> a = s.artifacts(c.id());
            a.forEach((k, v) -> {
                kinds.putIfAbsent(k, v);
                counts.merge(k, 1, Integer::sum);
            });
            o.printf(Locale.ROOT, "  %-12s %8d %6d %12.4g %8d  %s%n", c.id(), c.step(), c.epoch(), c.learningRate(),
                    c.seed(), a.keySet().stream().map(ArtifactKey::toString).collect(Collectors.joining(", ")));
        }
        if (!kinds.isEmpty()) {
            o.println();
            o.println("per-checkpoint artifacts:");
            for (ArtifactInfo info : kinds.values()) {
                o.printf(Locale.ROOT, "  %-28s %-7s %-16s in %d of %d checkpoints%s%n", info.key(), dtype(info),
                        shape(info), counts.get(info.key()), s.checkpoints().size(),
                        info.attributes().isEmpty() ? "" : "  " + new TreeMap<>(info.attributes()));
            }
        }
        Map<String, Long> sizes = sizesOnDisk(dir);
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        o.println();
        o.println("size on disk: " + human(total));
        sizes.forEach((k, v) -> o.printf(Locale.ROOT, "  %-28s %10s%n", k, human(v)));
    }

    private static String dtype(ArtifactInfo info) {
        return switch (info.dataType()) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case INT -> "int32";
            case LONG -> "int64";
            default -> info.dataType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String shape(ArtifactInfo info) {
        String per = info.exampleShape().stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (info.isRagged()) {
            return "[T_i" + (per.isEmpty() ? "" : ", " + per) + "] ragged";
        }
        return "[" + per + "]";
    }

    /**
     * @param dir a file store
     * @return bytes per artifact directory ({@code static/<key>} and {@code checkpoints/<id>/<key>}
     *     summed over checkpoints), plus the rest (manifest) under "(manifest, other)"
     */
    static Map<String, Long> sizesOnDisk(Path dir) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                Path rel = dir.relativize(f);
                String key = "(manifest, other)";
                if (rel.getNameCount() >= 3 && rel.getName(0).toString().equals("static")) {
                    key = rel.getName(1).toString();
                } else if (rel.getNameCount() >= 4 && rel.getName(0).toString().equals("checkpoints")) {
                    key = rel.getName(2).toString();
                }
                try {
                    sizes.merge(key, Files.size(f), Long::sum);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sizes;
    }

    /**
     * @param bytes a size
     * @return it in B, KiB, MiB or GiB
     */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
