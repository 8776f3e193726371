// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Table 2 of issue 9: TracIn-WE time against the vocabulary size V at fixed N and token counts
 * (the same seed gives the same T_i; only the token ids' range changes). Self-influence and
 * train-to-test (top 10 proponents per test example) both work over the distinct tokens of each
 * example and the postings of shared tokens, so time should stay flat in V (docs/DESIGN.md section 7).
 */
final class VocabularyBench {
    static final int[] VOCABULARIES = {5_000, 30_000, 300_000};
    static final List<String> SCORERS = List.of("tracin-we-self", "tracin-we-topk-self", ScoringWorker.WE_TRAIN_TEST);

    private VocabularyBench() {
    }

    static String run(BenchOptions o, StoreCache cache) {
        int n = o.quick() ? 2_000 : 10_000;
        int m = o.quick() ? 100 : 500;
        int c = o.quick() ? 3 : 10;
        List<String> cols = new ArrayList<>(List.of("scorer (seconds)"));
        for (int v : VOCABULARIES) {
            cols.add(String.format(Locale.ROOT, "V=%,d", v));
        }
        cols.add("V=300k / V=5k");
        TextTable t = TextTable.of(cols.toArray(String[]::new));
        List<ChildJvm.Outcome> outs = new ArrayList<>();
        SyntheticShape last = null;
        for (int v : VOCABULARIES) {
            SyntheticShape train = SyntheticShape.snliLike(n).withVocabulary(v).withCheckpoints(c).withKinds(true, false);
            SyntheticShape test = train.withExamples(m);
            StoreCache.Entry tr = cache.get(train, ThroughputBench.SEED);
            StoreCache.Entry te = cache.get(test, ThroughputBench.SEED + 1);
            outs.add(ChildJvm.run("1g", ScoringWorker.class,
                    List.of(tr.dir().toString(), String.join(",", SCORERS), "3", te.dir().toString())));
            cache.release(train, ThroughputBench.SEED);
            cache.release(test, ThroughputBench.SEED + 1);
            last = train;
        }
        for (String s : SCORERS) {
            List<Object> row = new ArrayList<>(List.of(s));
            double first = Double.NaN;
            double lastSeconds = Double.NaN;
            for (ChildJvm.Outcome out : outs) {
                String v = out.results().get("seconds." + s);
                double sec = v == null ? Double.NaN : Double.parseDouble(v);
                first = Double.isNaN(first) ? sec : first;
                lastSeconds = sec;
                row.add(v == null ? "skipped: " + out.results().get("skipped." + s) : TextTable.seconds(sec));
            }
            row.add(TextTable.ratio(lastSeconds / first));
            t.row(row.toArray());
        }
        t.note(String.format(Locale.ROOT, "Train store: %s; test store: the same shape with N=%,d (another seed)."
                + " Token ids Zipf-like over [0, V); T_i and gradients identical across V. Seconds for the whole"
                + " store, best of 3 (tracin-we-train-test-top10: all %,d x %,d pairs that share a token), each V in a"
                + " child JVM with one thread.", last.describe(), m, m, n));
        return t.render();
    }
}
