// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.selection.SubsetSize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic data pruning (Attendu and Corbeil 2023, "NLU on Data Diets"; Paul et al. 2021 for EL2N):
 * before each epoch, the training loop asks which examples to train on; after the warm-up epochs,
 * the fraction of the pool that a streamed score calls easiest is left out of that epoch. Every
 * example, pruned or not, is re-scored at each capture (the capture covers the whole pool), so the
 * choice is made afresh every epoch: an example comes back as soon as it is no longer among the
 * easiest. With {@link Builder#readmitAfter(int)} = r, an example left out r epochs in a row is
 * also forced back for the next one.
 *
 * <pre>{@code
 * StreamingScores s = StreamingScores.builder(spec).scores(List.of("el2n")).build();
 * DynamicPruning pruning = DynamicPruning.builder(s, "el2n", 0.3).warmupEpochs(1).build();
 * // capture LOGITS at every epoch end into s.writer(); before epoch e train on:
 * int[] ids = pruning.examples(e, pool);
 * }</pre>
 *
 * @implNote The order is that of {@code Selections.pruneEasy}: hardness ascending (the score read
 *     through its orientation), equal scores by example id ascending; the count left out is
 *     {@code round(f x |pool|)}, halves up ({@link SubsetSize}). Examples forced back do not count
 *     towards it; the next easiest are left out instead.
 */
public final class DynamicPruning {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicPruning.class);

    private final StreamingScores scores;
    private final String score;
    private final double fraction;
    private final int warmupEpochs;
    private final int readmitAfter;
    private final int[] skipped;
    private final List<Round> rounds = new ArrayList<>();

    /**
     * What one epoch trained on.
     *
     * @param epoch the epoch (0-based)
     * @param pool examples in the pool
     * @param trained examples trained on
     * @param readmitted examples left out the epoch before and trained on now
     * @param checkpoints checkpoints the score was computed from
     */
    public record Round(int epoch, int pool, int trained, int readmitted, int checkpoints) {
    }

    private DynamicPruning(Builder b) {
        this.scores = b.scores;
        this.score = b.score;
        this.fraction = b.fraction;
        this.warmupEpochs = b.warmupEpochs;
        this.readmitAfter = b.readmitAfter;
        this.skipped = new int[scores.spec().numExamples()];
    }

    /**
     * @param scores the streaming scores fed by the capture listener
     * @param score the streamed score to prune by
     * @param fraction the fraction of the pool left out each pruned epoch, in (0, 1)
     * @return a builder (warm-up 1 epoch, no forced re-admission)
     */
    public static Builder builder(StreamingScores scores, String score, double fraction) {
        return new Builder(scores, score, fraction);
    }

    /**
     * @param epoch the epoch about to start (0-based)
     * @param pool the example ids the loop would train on, each in {@code [0, N)}
     * @return the ids to train on in this epoch, sorted; all of {@code pool} during warm-up or before
     *     the score has seen a checkpoint
     */
    public synchronized int[] examples(int epoch, int[] pool) {
        int[] sorted = pool.clone();
        Arrays.sort(sorted);
        if (epoch < warmupEpochs || scores.checkpointsOf(score).isEmpty()) {
            record(epoch, sorted, sorted);
            return sorted;
        }
        InfluenceScores s = scores.scores(score);
        int drop = SubsetSize.prune(fraction).namedCount(sorted.length);
        Integer[] order = Arrays.stream(sorted).boxed().toArray(Integer[]::new);
        boolean lower = s.orientation() == Orientation.LOWER_IS_HARDER;
        Arrays.sort(order, (a, b) -> {
            double ha = lower ? -s.valueOf(a) : s.valueOf(a);
            double hb = lower ? -s.valueOf(b) : s.valueOf(b);
            int c = Double.compare(ha, hb);
            return c != 0 ? c : Integer.compare(a, b);
        });
        boolean[] out = new boolean[skipped.length];
        int dropped = 0;
        for (int k = 0; k < order.length && dropped < drop; k++) {
            int id = order[k];
            if (readmitAfter > 0 && skipped[id] >= readmitAfter) {
                continue;
            }
            out[id] = true;
            dropped++;
        }
        int[] keep = Arrays.stream(sorted).filter(id -> !out[id]).toArray();
        record(epoch, sorted, keep);
        for (int id : sorted) {
            skipped[id] = out[id] ? skipped[id] + 1 : 0;
        }
        LOG.info("dynamic pruning by {}: epoch {} trains on {} of {} examples ({} checkpoints scored)", score, epoch,
                keep.length, sorted.length, scores.checkpointsOf(score).size());
        return keep;
    }

    private void record(int epoch, int[] pool, int[] keep) {
        int readmitted = 0;
        for (int id : keep) {
            readmitted += skipped[id] > 0 ? 1 : 0;
        }
        rounds.add(new Round(epoch, pool.length, keep.length, readmitted, scores.checkpointsOf(score).size()));
        if (keep.length == pool.length) {
            for (int id : pool) {
                skipped[id] = 0;
            }
        }
    }

    /** @return one round per call of {@link #examples}, in order */
    public synchronized List<Round> rounds() {
        return List.copyOf(rounds);
    }

    /** @return e.g. {@code el2n:0.3,warmup=1} */
    @Override
    public String toString() {
        return score + ":" + fraction + ",warmup=" + warmupEpochs + (readmitAfter > 0 ? ",readmit-after=" + readmitAfter : "");
    }

    /** Configures {@link DynamicPruning}. */
    public static final class Builder {
        private final StreamingScores scores;
        private final String score;
        private final double fraction;
        private int warmupEpochs = 1;
        private int readmitAfter;

        private Builder(StreamingScores scores, String score, double fraction) {
            this.scores = Objects.requireNonNull(scores, "scores");
            this.score = Objects.requireNonNull(score, "score");
            if (!scores.names().contains(score)) {
                throw new IllegalArgumentException("score '" + score + "' is not streamed by " + scores.names());
            }
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1), was " + fraction);
            }
            this.fraction = fraction;
        }

        /**
         * @param epochs epochs trained on the whole pool before pruning starts (default 1)
         * @return this builder
         */
        public Builder warmupEpochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("warm-up epochs must be >= 0, was " + epochs);
            }
            this.warmupEpochs = epochs;
            return this;
        }

        /**
         * @param epochs force an example back after it was left out this many epochs in a row (0: never)
         * @return this builder
         */
        public Builder readmitAfter(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("readmit-after must be >= 0, was " + epochs);
            }
            this.readmitAfter = epochs;
            return this;
        }

        /** @return the pruning */
        public DynamicPruning build() {
            return new DynamicPruning(this);
        }
    }
}
