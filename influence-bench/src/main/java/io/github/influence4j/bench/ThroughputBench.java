// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Table 1 of issue 9: scoring throughput (examples/s) of every registered scorer on synthetic file
 * stores of SNLI-like shape, and peak memory per N, each N scored in its own child JVM
 * ({@link ScoringWorker}) with a fixed heap and one OpenMP thread.
 */
final class ThroughputBench {
    static final long SEED = 20231;
    static final String HEAP = "512m";

    /** One store configuration of the table: a label, a row-shape series and the shape. */
    record Config(String label, String series, SyntheticShape shape) {
    }

    /** What one child JVM measured. */
    record Measured(Config config, StoreCache.Entry store, ChildJvm.Outcome outcome) {
    }

    private ThroughputBench() {
    }

    static List<Config> configs(boolean quick) {
        List<Config> c = new ArrayList<>();
        c.add(new Config("SNLI rows, N=10^4", "snli", SyntheticShape.snliLike(10_000)));
        if (!quick) {
            c.add(new Config("SNLI rows, N=10^5", "snli", SyntheticShape.snliLike(100_000)));
        }
        c.add(new Config("small rows, N=10^4", "small", SyntheticShape.smallRows(10_000)));
        c.add(new Config("small rows, N=10^5", "small", SyntheticShape.smallRows(100_000)));
        if (!quick) {
            c.add(new Config("small rows, N=10^6", "small", SyntheticShape.smallRows(1_000_000)));
        }
        return c;
    }

    static String run(BenchOptions o, StoreCache cache) {
        List<Measured> all = new ArrayList<>();
        List<Config> configs = configs(o.quick()).stream()
                .filter(c -> o.rows().equals("all") || c.series().equals(o.rows())).toList();
        Config smallest = configs.stream().filter(c -> c.series().equals("small")).findFirst().orElse(null);
        Config largest = configs.stream().filter(c -> c.series().equals("small")).reduce((a, b) -> b).orElse(null);
        for (Config c : configs) {
            StoreCache.Entry e = cache.get(c.shape(), SEED);
            int rounds = e.bytes() < (4L << 30) ? 2 : 1;
            ChildJvm.Outcome out = ChildJvm.run(HEAP, true, ScoringWorker.class,
                    List.of(e.dir().toString(), "all", Integer.toString(rounds)));
            all.add(new Measured(c, e, out));
            if (c != smallest && c != largest && !(o.tables().contains(BenchOptions.Table.READS)
                    && c.shape().equals(StoreReadBench.shape(o.quick())))) {
                cache.release(c.shape(), SEED);
            }
        }
        if (smallest == null) {
            return throughputTable(all).render() + "\n" + memoryTable(all).render();
        }
        String perScorer = o.quick() ? "(per-scorer memory table: --full only)\n"
                : perScorerTable(all, cache.get(smallest.shape(), SEED), smallest, cache.get(largest.shape(), SEED),
                        largest).render();
        cache.release(smallest.shape(), SEED);
        cache.release(largest.shape(), SEED);
        return throughputTable(all).render() + "\n" + memoryTable(all).render() + "\n" + perScorer;
    }

    /**
     * Each scorer alone in its own child JVM at the smallest and largest N of the small-row series:
     * which scorer's memory grows with N, and by how much.
     */
    static TextTable perScorerTable(List<Measured> all, StoreCache.Entry small, Config smallConfig,
            StoreCache.Entry large, Config largeConfig) {
        TextTable t = TextTable.of("scorer alone", "heap live MiB " + smallConfig.label(),
                "heap live MiB " + largeConfig.label(), "native MiB (small N)", "native MiB (large N)",
                "RSS MiB (small N)", "RSS MiB (large N)", "RSS ratio", "output arrays at large N, MiB");
        List<String> names = new ArrayList<>();
        all.get(0).outcome().results().keySet().stream().filter(k -> k.startsWith("seconds."))
                .map(k -> k.substring("seconds.".length())).forEach(names::add);
        int n = largeConfig.shape().numExamples();
        for (String name : names) {
            ChildJvm.Outcome a = ChildJvm.run(HEAP, true, ScoringWorker.class, List.of(small.dir().toString(), name, "1"));
            ChildJvm.Outcome b = ChildJvm.run(HEAP, true, ScoringWorker.class, List.of(large.dir().toString(), name, "1"));
            int outputs = name.equals(ScoringWorker.DATA_MAP) ? 3 : 1;
            t.row(name, TextTable.mib((long) a.number("mem.heapLive")), TextTable.mib((long) b.number("mem.heapLive")),
                    TextTable.mib((long) a.number("mem.offHeap")), TextTable.mib((long) b.number("mem.offHeap")),
                    TextTable.mib((long) a.number("mem.vmhwm")), TextTable.mib((long) b.number("mem.vmhwm")),
                    TextTable.ratio(b.number("mem.vmhwm") / a.number("mem.vmhwm")),
                    TextTable.mib((long) outputs * n * (8 + 4)));
        }
        t.note("Every scorer of the row above alone in a fresh child JVM (-Xms=-Xmx=" + HEAP + " pre-touched, one pass"
                + " after the warm-up)."
                + " The last column is the unavoidable O(N) part: the scores themselves (a double and an int id per"
                + " example per output).");
        return t;
    }

    static TextTable throughputTable(List<Measured> all) {
        List<String> cols = new ArrayList<>();
        cols.add("scorer (examples/s)");
        all.forEach(m -> cols.add(m.config().label()));
        TextTable t = TextTable.of(cols.toArray(String[]::new));
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Measured m : all) {
            m.outcome().results().forEach((k, v) -> {
                if (k.startsWith("seconds.")) {
                    names.add(k.substring("seconds.".length()));
                } else if (k.startsWith("skipped.")) {
                    names.add(k.substring("skipped.".length()));
                    skipped.putIfAbsent(k.substring("skipped.".length()), v);
                }
            });
        }
        for (String name : names) {
            List<Object> row = new ArrayList<>();
            row.add(name);
            for (Measured m : all) {
                String s = m.outcome().results().get("seconds." + name);
                row.add(s == null ? "skipped" : TextTable.rate(m.config().shape().numExamples() / Double.parseDouble(s)));
            }
            t.row(row.toArray());
        }
        List<Object> write = new ArrayList<>();
        write.add("(store generation, MiB/s written)");
        all.forEach(m -> write.add(TextTable.rate(m.store().writeMibPerSecond())));
        t.row(write.toArray());
        List<Object> size = new ArrayList<>();
        size.add("(store size, MiB)");
        all.forEach(m -> size.add(TextTable.mib(m.store().bytes())));
        t.row(size.toArray());
        t.note("Shapes: " + String.join("; ", all.stream().map(m -> m.config().label() + ": "
                + m.config().shape().describe()).distinct().toList()) + ". Each N scored in a child JVM (-Xmx" + HEAP
                + " pre-touched, OMP_NUM_THREADS=1), every scorer after an untimed warm-up on the first 1,024 examples, best of"
                + " 2 full passes (1 for stores over 4 GiB); the store was just written, so reads come mostly from the"
                + " page cache.");
        skipped.forEach((k, v) -> t.note("skipped " + k + ": " + v));
        return t;
    }

    static TextTable memoryTable(List<Measured> all) {
        TextTable t = TextTable.of("store", "heap live peak MiB", "native peak MiB", "held MiB",
                "heap used peak MiB", "peak RSS (VmHWM) MiB", "held vs smallest N", "RSS vs smallest N");
        Map<String, Measured> first = new LinkedHashMap<>();
        List<String> verdicts = new ArrayList<>();
        for (Measured m : all) {
            ChildJvm.Outcome out = m.outcome();
            long live = (long) out.number("mem.heapLive");
            long off = (long) out.number("mem.offHeap");
            long used = (long) out.number("mem.heapUsed");
            long hwm = (long) out.number("mem.vmhwm");
            Measured base = first.computeIfAbsent(m.config().series(), k -> m);
            double heldRatio = (double) (live + off) / held(base);
            double rssRatio = (double) hwm / base.outcome().number("mem.vmhwm");
            t.row(m.config().label(), TextTable.mib(live), TextTable.mib(off), TextTable.mib(live + off),
                    TextTable.mib(used), TextTable.mib(hwm), TextTable.ratio(heldRatio), TextTable.ratio(rssRatio));
            if (base != m) {
                int factor = m.config().shape().numExamples() / base.config().shape().numExamples();
                double nativeRatio = off / base.outcome().number("mem.offHeap");
                verdicts.add(String.format(Locale.ROOT, "%s vs %s (%dx N): peak RSS (heap + off-heap) %.2fx -> %s;"
                        + " native %.2fx (%+.0f MiB); heap live %.2fx, held %.2fx (the O(N) outputs, see above)",
                        m.config().label(), base.config().label(), factor, rssRatio,
                        rssRatio <= 1.2 ? "flat (within 1.2x)" : "NOT flat (over 1.2x)", nativeRatio,
                        (off - base.outcome().number("mem.offHeap")) / 1048576.0,
                        (double) live / base.outcome().number("mem.heapLive"), heldRatio));
            }
        }
        t.note("held = peak heap live after a GC + peak native memory. The child's heap is fixed and pre-touched"
                + " (-Xms=-Xmx=" + HEAP + ", -XX:+AlwaysPreTouch), so RSS minus the committed heap and non-heap is native"
                + " memory: ND4J's off-heap buffers (ND4J 1.0.0-M2.1 does not report them through JavaCPP's"
                + " Pointer.totalBytes()), native libraries and malloc arenas. Peak RSS includes the whole pre-touched"
                + " heap. Heap used includes garbage. Target: within 1.2x as N grows, judged on peak RSS (the committed"
                + " heap plus everything off-heap). Heap live grows with N by design: this child keeps every scorer's N"
                + " scores and example ids (12 bytes per example per output, 13 scorers) plus the manifest and"
                + " per-example accumulators while it runs; the per-scorer table shows one scorer's O(N) part.");
        verdicts.forEach(t::note);
        return t;
    }

    private static double held(Measured m) {
        return m.outcome().number("mem.heapLive") + m.outcome().number("mem.offHeap");
    }
}
