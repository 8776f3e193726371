// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput probe (not a timed test: it prints): pairs per second of MiniLM fine-tuning on SNLI dev
 * pairs, all 6 layers and the top 2, plus inference. Run alone, e.g.
 * {@code OMP_NUM_THREADS=1 mvn -o -pl influence-nlp -am test -Dtest=MiniLmThroughputSlowTest -Dgroups=slow -Dsurefire.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class MiniLmThroughputSlowTest {
    private static final int BATCH = 32;
    private static final int TIMED_STEPS = 3;

    @Test
    void printsPairsPerSecond() {
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        List<SnliPair> dev = SnliReader.bundled(SnliSplit.DEV);
        List<PairEncoding> pairs = new ArrayList<>();
        int[] labels = new int[BATCH * (TIMED_STEPS + 1)];
        for (int i = 0; i < labels.length; i++) {
            SnliPair p = dev.get(i);
            pairs.add(tok.encodePair(p.premise(), p.hypothesis(), 128));
            labels[i] = p.label().index();
        }
        double meanLen = pairs.stream().mapToInt(PairEncoding::length).average().orElse(0);
        StringBuilder report = new StringBuilder("MiniLM throughput, batch " + BATCH + ", mean length "
                + String.format("%.1f", meanLen) + " tokens, " + Runtime.getRuntime().availableProcessors() + " cpus, OMP_NUM_THREADS="
                + System.getenv("OMP_NUM_THREADS") + "\n");
        for (int frozen : new int[] {0, 4, 6}) {
            BertClassifier model = BertClassifier.create(MiniLmFixture.weights(), frozen, 1);
            // one warm-up step, then the timed ones (one epoch over TIMED_STEPS + 1 batches; the first is discounted)
            BertFineTuner.train(model, pairs.subList(0, BATCH), java.util.Arrays.copyOf(labels, BATCH),
                    new FineTuneOptions(1, BATCH, 3e-5, 1e-3, 0.01, 0.0, 1, 1));
            BertFineTuner.Result r = BertFineTuner.train(model, pairs.subList(BATCH, pairs.size()),
                    java.util.Arrays.copyOfRange(labels, BATCH, labels.length),
                    new FineTuneOptions(1, BATCH, 3e-5, 1e-3, 0.01, 0.0, 1, 1));
            double pps = BATCH * TIMED_STEPS / r.seconds();
            report.append(String.format("train, frozen layers %d (top %d + head): %.2f pairs/s (%.1f s per step)%n",
                    frozen, 6 - frozen, pps, r.seconds() / TIMED_STEPS));
            if (frozen == 0) {
                long t0 = System.nanoTime();
                BertFineTuner.accuracy(model, pairs, labels, BATCH);
                double s = (System.nanoTime() - t0) / 1e9;
                report.append(String.format("inference: %.2f pairs/s%n", pairs.size() / s));
            }
            assertTrue(pps > 0);
        }
        System.out.println(report);
    }
}
