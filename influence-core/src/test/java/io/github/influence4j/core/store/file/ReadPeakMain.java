// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM with a small fixed heap by {@link DamagedReadMemoryTest}: opens a store, reads
 * every artifact whole and in part, verifies it, and prints what failed and the peaks of heap and
 * resident memory ({@code VmHWM}), one {@code key=value} per line.
 */
public final class ReadPeakMain {
    private ReadPeakMain() {
    }

    /**
     * @param args the store directory
     * @throws Exception if the memory figures cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> failures = new ArrayList<>();
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            int n = s.spec().numExamples();
            List<ExampleRange> ranges = List.of(ExampleRange.of(0, n), ExampleRange.of(n / 8, 3 * n / 8));
            for (ArtifactKey k : s.staticArtifacts().keySet()) {
                for (ExampleRange r : ranges) {
                    read(failures, () -> s.readStatic(k, r));
                }
            }
            for (Checkpoint c : s.checkpoints()) {
                for (ArtifactKey k : s.artifacts(c.id()).keySet()) {
                    for (ExampleRange r : ranges) {
                        read(failures, () -> s.read(c.id(), k, r));
                    }
                }
            }
        } catch (RuntimeException e) {
            failures.add(line(e));
        }
        try {
            StoreVerification v = ArtifactStores.verify(dir);
            v.failures().forEach(f -> failures.add("verify " + f.status() + " " + f.file()));
        } catch (RuntimeException e) {
            failures.add("verify " + line(e));
        }
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heap += p.getPeakUsage().getUsed();
            }
        }
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1);
        failures.forEach(f -> System.out.println("failure=" + f));
        System.out.println("heap=" + heap);
        System.out.println("rss=" + rss);
        System.exit(0);
    }

    private interface Read {
        ArtifactChunk get();
    }

    private static void read(List<String> failures, Read r) {
        try (ArtifactChunk c = r.get()) {
            c.values();
        } catch (RuntimeException e) {
            failures.add(line(e));
        }
    }

    private static String line(Throwable e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        return m.replaceAll("\\s+", " ").substring(0, Math.min(160, m.length()));
    }
}
