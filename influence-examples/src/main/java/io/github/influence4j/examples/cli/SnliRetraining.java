// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.selection.SubsetSize;
import io.github.influence4j.examples.report.Pruning;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The pruning step of {@code snli-prune} (Tan, Minakova and Anand 2023, Sec. 2): for every seed,
 * train on the full pool, on the pool minus a random fraction, and minus the easiest or hardest
 * fraction by each score (selections from {@code core.selection}, as {@code influence4j select}
 * makes them), from the same initialisation recipe, and evaluate on the test split. Runs already
 * recorded in {@code results.json} are skipped; the file is rewritten after every run.
 */
final class SnliRetraining {
    private SnliRetraining() {
    }

    /** One training run to do. */
    record Job(Pruning pruning, String score, double fraction, long seed, int[] keep) {
        String label() {
            return String.format(Locale.ROOT, "seed %d %-6s %-20s %3.0f%%", seed, pruning.name().toLowerCase(Locale.ROOT),
                    score, 100 * fraction);
        }
    }

    /**
     * @return the runs not yet recorded, seed by seed (so that partial results cover every score)
     */
    static List<Job> pending(RunResults done, List<InfluenceScores> scores, List<Double> fractions, List<Long> seeds,
            int n) {
        int[] all = IntStream.range(0, n).toArray();
        InfluenceScores uniform = new InfluenceScores(RunResults.RANDOM, all, new double[n], Orientation.HIGHER_IS_HARDER,
                ScoreProvenance.builder(RunResults.RANDOM).version("1").store("snli", "").build());
        List<Job> jobs = new ArrayList<>();
        for (long seed : seeds) {
            add(jobs, done, Pruning.NONE, RunResults.FULL, 0, seed, all);
            for (double f : fractions) {
                if (!done.hasTraining(Pruning.RANDOM, RunResults.RANDOM, f, seed)) {
                    add(jobs, done, Pruning.RANDOM, RunResults.RANDOM, f, seed,
                            Selections.random(SubsetSize.prune(f)).select(uniform, seed).keptIds());
                }
                for (InfluenceScores s : scores) {
                    if (!done.hasTraining(Pruning.EASY, s.name(), f, seed)) {
                        add(jobs, done, Pruning.EASY, s.name(), f, seed, Selections.pruneEasy(f).select(s, seed).keptIds());
                    }
                    if (!done.hasTraining(Pruning.HARD, s.name(), f, seed)) {
                        add(jobs, done, Pruning.HARD, s.name(), f, seed, Selections.pruneHard(f).select(s, seed).keptIds());
                    }
                }
            }
        }
        return jobs;
    }

    private static void add(List<Job> jobs, RunResults done, Pruning p, String score, double f, long seed, int[] keep) {
        if (!done.hasTraining(p, score, f, seed)) {
            jobs.add(new Job(p, score, f, seed, keep));
        }
    }

    /**
     * Runs the jobs, recording each in {@code results.json} as it finishes.
     *
     * @param update applied to the results before each write (e.g. the wall time so far)
     * @return the final results
     */
    static RunResults run(Path dir, List<Job> jobs, RunResults results, SnliModel model, int epochs,
            PrintWriter o, Progress progress, UnaryOperator<RunResults> update) {
        long steps = jobs.stream().mapToLong(j -> model.steps(j.keep().length, epochs)).sum();
        RunResults r = results;
        try (Progress.Bar bar = progress.bar("retraining " + jobs.size() + " runs", steps, "steps")) {
            for (Job j : jobs) {
                long t0 = System.nanoTime();
                double accuracy = model.train(j.keep(), j.seed(), epochs, bar);
                double secs = (System.nanoTime() - t0) / 1e9;
                TrainingResult t = new TrainingResult(j.pruning(), j.score(), j.fraction(), j.seed(), accuracy,
                        j.keep().length, epochs, secs);
                r = update.apply(r.withTraining(t));
                ResultsFiles.write(dir, r);
                bar.message(j.label());
                o.printf(Locale.ROOT, "      %s  test accuracy %5.2f%%  (%d examples, %.0f s)%n", j.label(),
                        100 * accuracy, j.keep().length, secs);
                o.flush();
            }
        }
        return r;
    }
}
