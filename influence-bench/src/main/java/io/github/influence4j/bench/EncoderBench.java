// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.util.List;
import java.util.Locale;

/**
 * Table 5 of issue 9: the SNLI encoder of influence-nlp (seconds per epoch, capture seconds per
 * checkpoint, bytes per checkpoint), trained on the SNLI dev pool in a child JVM with one thread,
 * capturing evenly spaced checkpoints of every kind into a file store.
 */
final class EncoderBench {
    private EncoderBench() {
    }

    static String run(BenchOptions o) {
        int epochs = o.quick() ? 1 : 10;
        int checkpoints = o.quick() ? 2 : 10;
        java.nio.file.Path dir = o.work().resolve("snli-encoder-store");
        StoreCache.delete(dir);
        try {
            ChildJvm.Outcome out = ChildJvm.run("4g", EncoderWorker.class,
                    List.of(dir.toString(), Integer.toString(epochs), Integer.toString(checkpoints)));
            return TextTable.of("measure", "value")
                    .row("seconds per training epoch (SNLI dev, 9,842 pairs; capture excluded)",
                            TextTable.seconds(out.number("secondsPerEpoch")))
                    .row("capture seconds per checkpoint (every kind, into a file store)",
                            TextTable.seconds(out.number("captureSecondsPerCheckpoint")))
                    .row("bytes per checkpoint (payload: values + ragged offsets)",
                            String.format(Locale.ROOT, "%,.0f", out.number("bytesPerCheckpoint")))
                    .row("bytes per checkpoint on disk (.npy files)",
                            String.format(Locale.ROOT, "%,.0f", out.number("diskBytesPerCheckpoint")))
                    .row("test accuracy after " + epochs + " epoch(s) (SNLI test, 9,824 pairs)",
                            String.format(Locale.ROOT, "%.1f%%", 100 * out.number("testAccuracy")))
                    .note(String.format(Locale.ROOT, "%d epoch(s), %d evenly spaced checkpoints, EncoderConfig and"
                            + " TrainOptions defaults, child JVM with OMP_NUM_THREADS=1."
                            + " docs/DESIGN.md's PyTorch reference"
                            + " (Conv1d encoder, same data): 5.8 s per epoch, 67.5%% after 10 epochs.", epochs,
                            (int) out.number("checkpoints")))
                    .render();
        } finally {
            if (!o.keep()) {
                StoreCache.delete(dir);
            }
        }
    }
}
