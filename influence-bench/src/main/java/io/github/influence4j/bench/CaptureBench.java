// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.WriteOptions;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Capture into the file store against capture into the memory store, for several group-commit
 * sizes ({@link WriteOptions#groupCommitBytes}; 0 = force every chunk, the behaviour before group
 * commit) and for float16 gradient kinds: the same SNLI-shaped synthetic capture
 * ({@link SyntheticStore#write}) timed end to end, best of several rounds, each into a new store.
 *
 * <p>Arguments: {@code WORK_DIR N [ROUNDS [ROWS]]}, ROWS a comma-separated list of row numbers
 * (0 = the memory store, 1 = force every chunk, 4 = the default group, 7 = the default group with
 * small artifacts in the store's chunks, as before their larger chunks; all rows if absent), e.g.
 * {@code 0,1,4} at N = 10^5 where each store is about 6 GB; prints a Markdown table.
 */
public final class CaptureBench {
    private CaptureBench() {
    }

    /**
     * @param args {@code WORK_DIR N [ROUNDS [ROWS]]}
     */
    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        SyntheticShape shape = SyntheticShape.snliLike(n).withCheckpoints(3);
        String[] names = {"memory store", "file, force every chunk (groupCommitBytes=0)", "file, group 1 MiB",
            "file, group 16 MiB", "file, group 64 MiB (default)", "file, group 256 MiB",
            "file, group 64 MiB, float16 gradient kinds",
            "file, group 64 MiB, every artifact in the store's chunks (smallArtifactBytes=0)"};
        long[] groups = {-1, 0, 1L << 20, 16L << 20, 64L << 20, 256L << 20, 64L << 20, 64L << 20};
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        java.util.Set<Integer> rows = new java.util.TreeSet<>();
        if (args.length > 3) {
            for (String x : args[3].split(",")) {
                rows.add(Integer.parseInt(x.trim()));
            }
        } else {
            for (int i = 0; i < names.length; i++) {
                rows.add(i);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i : rows) {
                Path dir = work.resolve("capture-" + i);
                StoreCache.delete(dir);
                long t0 = System.nanoTime();
                if (groups[i] < 0) {
                    try (ArtifactWriter w = MemoryStores.create(SyntheticStore.spec("capture", shape))) {
                        SyntheticStore.write(w, shape, 42);
                    }
                } else {
                    WriteOptions o = WriteOptions.defaults().withGroupCommitBytes(groups[i]);
                    if (i == 6) {
                        o = o.withFloat16(WriteOptions.GRADIENT_KINDS);
                    } else if (i == 7) {
                        o = o.withSmallArtifactBytes(0);
                    }
                    try (ArtifactWriter w = ArtifactStores.create(dir, SyntheticStore.spec("capture", shape), o)) {
                        SyntheticStore.write(w, shape, 42);
                    }
                }
                best[i] = Math.min(best[i], (System.nanoTime() - t0) / 1e9);
                if (r == rounds - 1 && groups[i] >= 0) {
                    ChildJvm.report("bytes." + i, StoreCache.size(dir));
                }
                StoreCache.delete(dir);
            }
        }
        TextTable t = TextTable.of("capture into", "seconds", "vs memory store");
        for (int i : rows) {
            t.row(names[i], TextTable.seconds(best[i]), TextTable.ratio(best[i] / best[0]));
        }
        t.note(String.format(Locale.ROOT, "Capture of %s (%s MiB per checkpoint in float32) with SyntheticStore.write"
                + " (seeded noise, generated chunk by chunk: the generation is common to every row), best of %d rounds,"
                + " each into a new store.", shape.describe(), TextTable.mib(shape.bytesPerCheckpoint()), rounds));
        System.out.println(t.render());
    }
}
