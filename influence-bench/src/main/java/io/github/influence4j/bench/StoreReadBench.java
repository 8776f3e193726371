// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Table 4 of issue 9: reads through the file store against a raw sequential read of the same
 * bytes, with a breakdown (heap copy, CRC32C or SHA-256 verification, float64 conversion) that says where any
 * gap goes. Runs in a child JVM ({@link ReadWorker}); the store is in the page cache (it was just
 * written and is read once before timing), so this measures the store's own overhead, not the disk.
 */
final class StoreReadBench {
    static final List<String> KEYS = List.of("INPUT_GRADS", "LAYER_INPUTS.d1", "LOGITS");

    private StoreReadBench() {
    }

    static SyntheticShape shape(boolean quick) {
        return SyntheticShape.snliLike(10_000).withCheckpoints(quick ? 3 : 10);
    }

    static String run(BenchOptions o, StoreCache cache) {
        SyntheticShape shape = shape(o.quick());
        StoreCache.Entry e = cache.get(shape, ThroughputBench.SEED);
        int rounds = o.quick() ? 3 : 5;
        ChildJvm.Outcome out = ChildJvm.run("1g", ReadWorker.class,
                List.of(e.dir().toString(), Integer.toString(rounds), String.join(",", KEYS)));
        List<String> cols = new ArrayList<>(List.of("artifact", "MiB"));
        ReadWorker.METHODS.forEach(m -> cols.add(m + " MiB/s"));
        cols.add("store.read / raw");
        cols.add("store.read / raw-into-array");
        cols.add("store.read-sha256 / raw");
        cols.add("store.read+float64 / raw");
        cols.add("store.readDoubles / raw");
        cols.add("store.readFloats / raw");
        TextTable t = TextTable.of(cols.toArray(String[]::new));
        List<String> verdicts = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        double lowestDoubles = Double.POSITIVE_INFINITY;
        for (String key : KEYS) {
            double bytes = out.number("bytes." + key);
            List<Object> row = new ArrayList<>(List.of(key, TextTable.mib((long) bytes)));
            double[] rate = new double[ReadWorker.METHODS.size()];
            for (int m = 0; m < rate.length; m++) {
                rate[m] = bytes / 1048576.0 / out.number("seconds." + ReadWorker.METHODS.get(m) + "." + key);
                row.add(Double.isNaN(rate[m]) ? "n/a" : TextTable.rate(rate[m]));
            }
            double ratio = rate[5] / rate[0];
            row.add(TextTable.ratio(ratio));
            row.add(TextTable.ratio(rate[5] / rate[1]));
            row.add(TextTable.ratio(rate[6] / rate[0]));
            row.add(TextTable.ratio(rate[7] / rate[0]));
            double fast = rate[8] / rate[0];
            row.add(Double.isNaN(fast) ? "n/a" : TextTable.ratio(fast));
            double floats = rate[9] / rate[0];
            row.add(Double.isNaN(floats) ? "n/a" : TextTable.ratio(floats));
            t.row(row.toArray());
            if (!Double.isNaN(fast)) {
                verdicts.add(String.format(Locale.ROOT, "%s: store.readDoubles (whole artifact, streamed, float64) at"
                        + " %.2fx of the raw rate -> %s", key, fast, fast >= 0.5 ? "meets the target (>= 0.5x)"
                        : "MISSES the target (>= 0.5x)"));
                lowestDoubles = Math.min(lowestDoubles, fast);
            }
            if (!Double.isNaN(floats)) {
                verdicts.add(String.format(Locale.ROOT, "%s: store.readFloats (streamed, float32 as stored) at"
                        + " %.2fx of the raw rate -> %s", key, floats, floats >= 0.5 ? "meets the target (>= 0.5x)"
                        : "MISSES the target (>= 0.5x)"));
                lowest = Math.min(lowest, floats);
            }
            verdicts.add(String.format(Locale.ROOT, "%s: store.read at %.2fx of the raw rate -> %s", key, ratio,
                    ratio >= 0.5 ? "meets the target (>= 0.5x)" : "MISSES the target (>= 0.5x)"));
        }
        t.note("Store: " + shape.describe() + "; best of " + rounds + " rounds per method, "
                + (ReadWorker.COLD ? "COLD: the page cache dropped before every timed read (-Dinfluence4j.bench.cold=true), so"
                + " every method reads from the disk. " : "all from the page cache. ")
                + "raw = FileChannel into a reused 1 MiB direct buffer (it stays in the CPU cache); raw-into-array ="
                + " the same into a newly allocated off-heap array of each file's size, the floor for any read that"
                + " returns the data as an array; store.read checks each chunk's CRC32C"
                + " (ChunkVerification.EVERY_READ, the default) and reads whole chunks straight into the array's"
                + " off-heap buffer; store.read-sha256 checks SHA-256 instead (EVERY_READ_SHA256);"
                + " readAllBytes+crc32c/+sha256 are those checksums over a heap read, for scale;"
                + " store.read+float64 adds the copy scorers made before (ArtifactReads.flatDoubles); store.readDoubles"
                + " is the float64 read scorers make now (TrainingArtifactStore.readDoubles: whole chunk files read in"
                + " order into reused buffers, the next on a background thread, CRC32C and the NaN check while in cache,"
                + " widened to float64; ranges of up to 32 MiB of float64; ragged artifacts through readRaggedDoubles, two chunks at a time);"
                + " store.readFloats is the float32 read (TrainingArtifactStore.readFloats: the same path, each cached"
                + " block copied as float32, into one reused array of up to 1 MiB like the raw buffer; ragged artifacts"
                + " through readRaggedFloats a chunk at a time into one reused array). The last line is the lowest store.readFloats / raw"
                + " ratio, the one before it the lowest store.readDoubles / raw.");
        verdicts.forEach(t::note);
        t.note(String.format(Locale.ROOT, "store.readDoubles (float64) vs raw sequential read: %.2fx", lowestDoubles));
        t.note(String.format(Locale.ROOT, "store read vs raw sequential read: %.2fx", lowest));
        return t.render();
    }
}
