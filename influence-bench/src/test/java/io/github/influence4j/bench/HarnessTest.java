// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.spi.InfluenceScorers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench workers run in-process on a tiny file store and report what the tables need. */
class HarnessTest {
    private static final SyntheticShape TINY = new SyntheticShape(40, 2, 6, 4, 3, 3, 30, 4, 16, true, true);

    private static Map<String, String> results(Runnable main) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(ChildJvm.RESULT)) {
                String[] kv = line.substring(ChildJvm.RESULT.length()).split(" ", 2);
                m.put(kv[0], kv[1]);
            }
        }
        return m;
    }

    @Test
    void everyRegisteredScorerRunsOnASyntheticStore(@TempDir Path dir) {
        SyntheticStore.createFile(dir.resolve("train"), "train", TINY, 1);
        SyntheticStore.createFile(dir.resolve("test"), "test", TINY.withExamples(9), 2);
        Map<String, String> r = results(() -> ScoringWorker.main(new String[] {dir.resolve("train").toString(),
            "all," + ScoringWorker.WE_TRAIN_TEST, "1", dir.resolve("test").toString()}));
        List<String> skipped = r.keySet().stream().filter(k -> k.startsWith("skipped.")).map(k -> k + "=" + r.get(k))
                .toList();
        assertTrue(skipped.isEmpty(), skipped.toString());
        for (var p : InfluenceScorers.available()) {
            assertTrue(Double.parseDouble(r.get("seconds." + p.name())) > 0, p.name() + " in " + r);
        }
        assertTrue(r.containsKey("seconds." + ScoringWorker.DATA_MAP));
        assertTrue(r.containsKey("seconds." + ScoringWorker.WE_TRAIN_TEST));
        assertTrue(Long.parseLong(r.get("mem.heapUsed")) > 0);
        assertTrue(Long.parseLong(r.get("mem.vmhwm")) > 0, "VmHWM from /proc/self/status");
    }

    @Test
    void readWorkerReportsEveryMethod(@TempDir Path dir) {
        SyntheticStore.createFile(dir.resolve("s"), "s", TINY, 1);
        Map<String, String> r = results(() -> ReadWorker.main(new String[] {dir.resolve("s").toString(), "1",
            "INPUT_GRADS,LOGITS"}));
        long bytes = Long.parseLong(r.get("bytes.INPUT_GRADS"));
        assertEquals(StoreCache.size(dir.resolve("s").resolve("checkpoints")) , bytes
                + sizeOfOthers(dir.resolve("s")), "INPUT_GRADS files are part of the store");
        for (String m : ReadWorker.METHODS) {
            assertTrue(Double.parseDouble(r.get("seconds." + m + ".LOGITS")) > 0, m);
        }
    }

    private static long sizeOfOthers(Path store) {
        long all = 0;
        for (String cp : List.of("c00", "c01", "c02")) {
            try (var s = java.nio.file.Files.list(store.resolve("checkpoints").resolve(cp))) {
                for (Path p : s.toList()) {
                    if (!p.getFileName().toString().equals("INPUT_GRADS")) {
                        all += StoreCache.size(p);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return all;
    }

    @Test
    void optionsParseTablesByNumberOrName() {
        BenchOptions o = BenchOptions.parse("--table", "1,reads", "--full", "--work", "/tmp/x");
        assertEquals(EnumSet.of(BenchOptions.Table.THROUGHPUT, BenchOptions.Table.READS), o.tables());
        assertFalse(o.quick());
        assertEquals(Path.of("/tmp/x"), o.work());
        assertEquals(EnumSet.allOf(BenchOptions.Table.class), BenchOptions.parse().tables());
        assertTrue(BenchOptions.parse().quick());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--table", "9"));
        assertTrue(e.getMessage().contains("unknown table '9'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--work"));
    }

    @Test
    void oracleDirectoryFromOptionThenPropertyThenSiblingCheckout() {
        String before = System.getProperty(BenchOptions.ORACLE_PROPERTY);
        try {
            System.clearProperty(BenchOptions.ORACLE_PROPERTY);
            if (System.getenv(BenchOptions.ORACLE_ENV) == null) {
                assertEquals(Path.of("..", "shared", "oracle"), BenchOptions.parse().oracleDir());
            }
            System.setProperty(BenchOptions.ORACLE_PROPERTY, "/tmp/oracle-from-property");
            assertEquals(Path.of("/tmp/oracle-from-property"), BenchOptions.parse().oracleDir());
            assertEquals(Path.of("/tmp/o"), BenchOptions.parse("--oracle", "/tmp/o").oracleDir());
        } finally {
            if (before == null) {
                System.clearProperty(BenchOptions.ORACLE_PROPERTY);
            } else {
                System.setProperty(BenchOptions.ORACLE_PROPERTY, before);
            }
        }
    }

    @Test
    void tablesRenderAlignedMarkdown() {
        TextTable t = TextTable.of("a", "long header").row("x|y", 1).row("longer cell", TextTable.rate(12_345.6))
                .note("a note");
        String s = t.render();
        String[] lines = s.split("\n");
        assertEquals(lines[0].length(), lines[1].length());
        assertEquals(lines[0].length(), lines[3].length());
        assertTrue(lines[2].startsWith("| x/y "), "pipes in cells are escaped: " + lines[2]);
        assertTrue(s.contains("12,346") && s.endsWith("a note\n"), s);
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
        assertEquals("1.50x", TextTable.ratio(1.5));
        assertEquals("-", TextTable.ratio(Double.NaN));
        assertEquals("n/a", TextTable.mib(-1));
        assertEquals("0.250", TextTable.seconds(0.25));
    }

    @Test
    void memoryProbeSeesAllocations() {
        try (MemoryProbe p = MemoryProbe.start(1)) {
            byte[][] keep = new byte[8][];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = new byte[4 << 20];
            }
            MemoryProbe.Peaks peaks = p.peaks();
            assertTrue(peaks.heapUsed() >= 32L << 20, "heap used " + peaks.heapUsed() + " with 32 MiB held");
            assertTrue(peaks.rss() > 0 && peaks.rssHighWater() >= peaks.rss() / 2, peaks.toString());
            assertEquals(8, keep.length);
        }
    }
}
