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
            return cnn(out, epochs) + "\n" + miniLm(o);
        } finally {
            if (!o.keep()) {
                StoreCache.delete(dir);
            }
        }
    }

    /** The MiniLM rows (issue 16), measured on the first pairs of the pool and scaled to it. */
    private static String miniLm(BenchOptions o) {
        int pairs = o.quick() ? 128 : 640;
        int pool = 9_842;
        ChildJvm.Outcome m = ChildJvm.run("4g", MiniLmWorker.class, List.of(o.work().toString(),
                Integer.toString(pairs)));
        return TextTable.of("all-MiniLM-L6-v2 (snli-prune --encoder minilm)", "value")
                .row("training pairs/s: full fine-tuning (6 layers and head, from token ids)",
                        String.format(Locale.ROOT, "%.2f", m.number("fullPairsPerSecond")))
                .row("training pairs/s: layers 4-5 and head over cached layers 0-3 (the preset)",
                        String.format(Locale.ROOT, "%.2f", m.number("top2PairsPerSecond")))
                .row("training pairs/s: head only over cached layer 5",
                        String.format(Locale.ROOT, "%.2f", m.number("headPairsPerSecond")))
                .row("caching layers 0-3: pairs/s (once per split)",
                        String.format(Locale.ROOT, "%.1f", m.number("cachePairsPerSecond")))
                .row("capture seconds per checkpoint, SNLI pool (9,842 pairs; scaled)",
                        TextTable.seconds(m.number("captureSecondsPerPair") * pool))
                .row("bytes per checkpoint, SNLI pool (payload; scaled)",
                        String.format(Locale.ROOT, "%,.0f", m.number("bytesPerPair") * pool))
                .note(String.format(Locale.ROOT, "first %d pairs of SNLI dev, batch 32, one epoch timed after a"
                        + " warm-up epoch, child JVM with OMP_NUM_THREADS=1; capture of LOGITS, LOSS, INPUT_GRADS (at"
                        + " the cached states) and the head's layer inputs and output gradients.", pairs))
                .render();
    }

    private static String cnn(ChildJvm.Outcome out, int epochs) {
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
    }
}
