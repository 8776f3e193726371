// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.selection.SubsetSize;
import io.github.influence4j.examples.report.Pruning;
import io.github.influence4j.examples.report.RunResults;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pruning experiment of Tan, Minakova and Anand (2023, Sec. 2) on {@link SyntheticData}: train
 * on the full pool, on the pool minus a random fraction, and minus the easiest or hardest fraction
 * by each score; evaluate each on the clean test set; repeat over seeds. Subsets come from
 * {@code core.selection} ({@code prune-easy}, {@code prune-hard}, {@code random}), so the demo prunes
 * exactly as {@code influence4j select} and the SNLI experiment do.
 */
public final class SyntheticPruning {
    /** Receives each finished training run. */
    @FunctionalInterface
    public interface Listener {
        /** @param result a finished run */
        void onResult(TrainingResult result);
    }

    private SyntheticPruning() {
    }

    /**
     * @param scores the number of scores
     * @param fractions the fractions
     * @param seeds the number of seeds
     * @return the number of training runs {@link #run} does
     */
    public static int count(int scores, int fractions, int seeds) {
        return seeds * (1 + fractions * (1 + 2 * scores));
    }

    /**
     * @param data the data (training labels may be noisy; the test set is clean)
     * @param scores scores of the full pool, to prune by
     * @param fractions fractions to remove, each in (0, 1)
     * @param seeds training seeds
     * @param cfg the training recipe (its seed is replaced by each seed)
     * @param listener told about each finished run
     * @return every run's result
     */
    public static List<TrainingResult> run(SyntheticData data, List<InfluenceScores> scores, List<Double> fractions,
            List<Long> seeds, SyntheticTraining.Config cfg, Listener listener) {
        List<TrainingResult> out = new ArrayList<>();
        int[] all = IntStream.range(0, data.size()).toArray();
        InfluenceScores uniform = new InfluenceScores(RunResults.RANDOM, all, new double[all.length],
                Orientation.HIGHER_IS_HARDER, ScoreProvenance.builder(RunResults.RANDOM).version("1")
                        .store("synthetic", "").build());
        for (long seed : seeds) {
            out.add(train(data, all, Pruning.NONE, RunResults.FULL, 0, seed, cfg, listener));
            for (double f : fractions) {
                int[] randomKeep = Selections.random(SubsetSize.prune(f)).select(uniform, seed).keptIds();
                out.add(train(data, randomKeep, Pruning.RANDOM, RunResults.RANDOM, f, seed, cfg, listener));
                for (InfluenceScores s : scores) {
                    out.add(train(data, Selections.pruneEasy(f).select(s, seed).keptIds(), Pruning.EASY, s.name(), f,
                            seed, cfg, listener));
                    out.add(train(data, Selections.pruneHard(f).select(s, seed).keptIds(), Pruning.HARD, s.name(), f,
                            seed, cfg, listener));
                }
            }
        }
        return out;
    }

    private static TrainingResult train(SyntheticData data, int[] keep, Pruning pruning, String score, double fraction,
            long seed, SyntheticTraining.Config cfg, Listener listener) {
        long t0 = System.nanoTime();
        SyntheticTraining.Config c = new SyntheticTraining.Config(cfg.epochs(), cfg.batchSize(), cfg.learningRate(), seed);
        SoftmaxModel m = SyntheticTraining.train(data, keep, c, SyntheticTraining.EpochCallback.NONE);
        double acc = m.accuracy(data.testTokens(), data.testLabels(), data.embeddings());
        TrainingResult r = new TrainingResult(pruning, score, fraction, seed, acc, keep.length, cfg.epochs(),
                (System.nanoTime() - t0) / 1e9);
        listener.onResult(r);
        return r;
    }
}
