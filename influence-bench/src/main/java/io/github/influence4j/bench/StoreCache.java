// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic file stores of the bench run, generated once per (shape, seed) under a work directory
 * and shared between tables; {@link #release} deletes one early (they reach gigabytes). With
 * {@code keep}, stores survive the run and a later run reuses every complete one it finds.
 */
public final class StoreCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCache.class);

    /**
     * A generated store.
     *
     * @param dir its directory
     * @param shape its shape
     * @param seconds the time it took to generate and write, or 0 if it was already there
     * @param bytes its size on disk
     */
    public record Entry(Path dir, SyntheticShape shape, double seconds, long bytes) {
        /** @return the write rate in MiB/s, or NaN when not generated in this run */
        public double writeMibPerSecond() {
            return seconds > 0 ? bytes / 1048576.0 / seconds : Double.NaN;
        }
    }

    private final Path root;
    private final boolean keep;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * @param root the work directory (created if absent)
     * @param keep keep the stores on {@link #close()}
     */
    public StoreCache(Path root, boolean keep) {
        this.root = root;
        this.keep = keep;
    }

    /**
     * @param shape the shape
     * @param seed the seed
     * @return the store, generated now if this run has not made it yet
     */
    public Entry get(SyntheticShape shape, long seed) {
        String name = name(shape, seed);
        Entry e = entries.get(name);
        if (e != null) {
            return e;
        }
        Path dir = root.resolve(name);
        if (keep && complete(dir, shape)) {
            LOG.info("reusing {} ({})", dir, shape.describe());
            e = new Entry(dir, shape, 0, size(dir));
            entries.put(name, e);
            return e;
        }
        delete(dir);
        LOG.info("generating {} ({} MiB expected)", shape.describe(),
                shape.bytesPerCheckpoint() * shape.numCheckpoints() / 1048576);
        long t0 = System.nanoTime();
        SyntheticStore.createFile(dir, name, shape, seed);
        double s = (System.nanoTime() - t0) / 1e9;
        e = new Entry(dir, shape, s, size(dir));
        entries.put(name, e);
        return e;
    }

    private static boolean complete(Path dir, SyntheticShape shape) {
        if (!Files.exists(dir.resolve("manifest.json"))) {
            return false;
        }
        try (var store = io.github.influence4j.core.store.file.ArtifactStores.open(dir)) {
            return store.numExamples() == shape.numExamples() && store.checkpoints().size() == shape.numCheckpoints();
        } catch (RuntimeException ex) {
            LOG.info("not reusing {}: {}", dir, ex.toString());
            return false;
        }
    }

    /**
     * Deletes a store of this run.
     *
     * @param shape the shape
     * @param seed the seed
     */
    public void release(SyntheticShape shape, long seed) {
        Entry e = entries.remove(name(shape, seed));
        if (e != null && !keep) {
            delete(e.dir());
        }
    }

    static String name(SyntheticShape s, long seed) {
        return String.format("n%d-t%d-%d-d%d-k%d-c%d-v%d-h%d-ch%d-%s%s-s%d", s.numExamples(), s.minTokens(),
                s.maxTokens(), s.dim(), s.numClasses(), s.numCheckpoints(), s.vocabulary(), s.hidden(), s.chunkSize(),
                s.withGradients() ? "g" : "", s.withDense() ? "d" : "", seed);
    }

    /**
     * @param dir a directory
     * @return the bytes of all regular files under it
     */
    public static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + dir, e);
        }
    }

    /**
     * @param dir a directory to delete with everything under it; absent is fine
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public void close() {
        if (!keep) {
            for (Entry e : entries.values()) {
                delete(e.dir());
            }
            entries.clear();
        }
    }
}
