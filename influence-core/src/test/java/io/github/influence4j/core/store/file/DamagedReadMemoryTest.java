// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Peak memory of reading a damaged store stays within 1.5 times that of reading the healthy one
 * (issue #21), measured in child JVMs with a small fixed heap ({@code -Xmx256m}): each reads every
 * artifact whole and in part and verifies the store ({@link ReadPeakMain}).
 */
class DamagedReadMemoryTest {
    private static final int N = 16_000;
    private static final int CHUNK = 4_000;
    private static final int WIDTH = 256; // 4 MB per dense chunk, 16 MB per artifact
    private static final String DENSE = "checkpoints/c0/LAYER_INPUTS.fc/0-4000.npy";
    private static final String VALUES = "checkpoints/c0/INPUT_GRADS/0-4000.values.npy";
    private static final String OFFSETS = "checkpoints/c0/INPUT_GRADS/0-4000.offsets.npy";

    @TempDir
    Path tmp;

    @Test
    void damagedStoresCostNoMoreMemoryThanAHealthyOne() throws Exception {
        Path healthy = tmp.resolve("healthy");
        write(healthy);
        Map<String, Damage> cases = new LinkedHashMap<>();
        cases.put("2.5 GiB chunk", d -> grow(d, DENSE, 5L << 29));
        cases.put("1.5 GiB chunk", d -> grow(d, DENSE, 3L << 29));
        cases.put("file grown by 64 KiB, checksums fixed", d -> {
            try (RandomAccessFile f = new RandomAccessFile(d.resolve(DENSE).toFile(), "rw")) {
                f.setLength(f.length() + (64 << 10));
            }
            HostileStoreTest.fixChecksums(d, DENSE);
        });
        cases.put("dense exampleShape [10^12]", d -> HostileStoreTest.editManifest(d, m -> ((ArrayNode) m
                .at("/checkpoints/0/artifacts/LAYER_INPUTS.fc/exampleShape")).removeAll().add(1_000_000_000_000L)));
        cases.put("ragged exampleShape [10^12]", d -> HostileStoreTest.editManifest(d, m -> ((ArrayNode) m
                .at("/checkpoints/0/artifacts/INPUT_GRADS/exampleShape")).removeAll().add(1_000_000_000_000L)));
        cases.put("last offset 10^11, checksums fixed", d -> {
            byte[] b = Files.readAllBytes(d.resolve(OFFSETS));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(b.length - 8, 100_000_000_000L);
            Files.write(d.resolve(OFFSETS), b);
            HostileStoreTest.fixChecksums(d, OFFSETS);
        });
        cases.put("last offset 3*10^7, checksums fixed", d -> {
            byte[] b = Files.readAllBytes(d.resolve(OFFSETS));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(b.length - 8, 30_000_000L);
            Files.write(d.resolve(OFFSETS), b);
            HostileStoreTest.fixChecksums(d, OFFSETS);
        });
        cases.put("FIFO chunk", d -> {
            Files.delete(d.resolve(VALUES));
            HostileStoreTest.mkfifo(d.resolve(VALUES));
        });
        cases.put("NaN under allFinite, checksums fixed", d -> {
            byte[] b = Files.readAllBytes(d.resolve(DENSE));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(Npy.parseHeader(b, DENSE).dataOffset() + 40,
                    Float.NaN);
            Files.write(d.resolve(DENSE), b);
            HostileStoreTest.fixChecksums(d, DENSE);
        });
        Map<String, String> base = peak(healthy);
        assertTrue(failures(base).isEmpty(), () -> "the healthy store reads: " + base);
        long heap = Long.parseLong(base.get("heap"));
        long rss = Long.parseLong(base.get("rss"));
        List<String> report = new ArrayList<>();
        report.add(String.format("healthy: heap %d MB, rss %d MB", heap >> 20, rss >> 20));
        for (Map.Entry<String, Damage> e : cases.entrySet()) {
            Path d = HostileStoreTest.copy(healthy, tmp.resolve("case-" + report.size()));
            e.getValue().apply(d);
            Map<String, String> p = peak(d);
            long h = Long.parseLong(p.get("heap"));
            long r = Long.parseLong(p.get("rss"));
            report.add(String.format("%s: heap %d MB, rss %d MB, %s", e.getKey(), h >> 20, r >> 20, failures(p)));
            assertTrue(!failures(p).isEmpty(), () -> e.getKey() + " was not detected: " + p);
            assertTrue(h <= 1.5 * heap && r <= 1.5 * rss, () -> String.join("\n", report));
        }
        System.out.println(String.join("\n", report));
    }

    interface Damage {
        void apply(Path store) throws Exception;
    }

    private static void grow(Path d, String rel, long size) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(d.resolve(rel).toFile(), "rw")) {
            f.setLength(size); // sparse
        }
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        HostileStoreTest.editManifest(d, m -> {
            for (var c : m.at("/checkpoints/0/artifacts/LAYER_INPUTS.fc/chunks")) {
                if (c.at("/files/0/name").asText().equals(name)) {
                    ((ObjectNode) c.at("/files/0")).put("bytes", size);
                }
            }
        });
    }

    private static List<String> failures(Map<String, String> p) {
        return p.entrySet().stream().filter(e -> e.getKey().startsWith("failure")).map(Map.Entry::getValue).toList();
    }

    private Map<String, String> peak(Path store) throws Exception {
        Path log = tmp.resolve("peak-" + store.getFileName() + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.maxbytes=1G", "-cp",
                System.getProperty("java.class.path"), ReadPeakMain.class.getName(), store.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail(store + ": the read did not end within 120 s:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(0, child.exitValue(), () -> store + ": the child failed:\n" + out);
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        for (String l : out.lines().toList()) {
            int eq = l.indexOf('=');
            if (l.startsWith("failure=")) {
                m.put("failure" + i++, l.substring(eq + 1));
            } else if (l.startsWith("heap=") || l.startsWith("rss=")) {
                m.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        assertTrue(m.containsKey("heap") && m.containsKey("rss"), () -> store + ":\n" + out);
        return m;
    }

    private static void write(Path dir) {
        Random r = new Random(3);
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("mem", N, 3, CHUNK))) {
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 0.1, 1))) {
                for (int from = 0; from < N; from += CHUNK) {
                    float[][] x = new float[CHUNK][WIDTH];
                    for (float[] row : x) {
                        for (int j = 0; j < WIDTH; j++) {
                            row[j] = r.nextFloat();
                        }
                    }
                    c.write(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc"), from, Nd4j.createFromArray(x));
                    int[] lengths = new int[CHUNK];
                    int rows = 0;
                    for (int i = 0; i < CHUNK; i++) {
                        lengths[i] = 1 + r.nextInt(8);
                        rows += lengths[i];
                    }
                    float[][] g = new float[rows][16];
                    for (float[] row : g) {
                        row[0] = r.nextFloat();
                    }
                    c.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), from, Nd4j.createFromArray(g), lengths);
                }
                c.commit();
            }
        }
    }
}
