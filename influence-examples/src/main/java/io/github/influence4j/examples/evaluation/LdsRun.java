// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.nlp.evaluation.LinearDatamodelingScore;
import io.github.influence4j.nlp.evaluation.RandomSubsets;
import io.github.influence4j.nlp.evaluation.SnliRetrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The LDS evaluation (Park et al. 2023, Def. 2.3): retrain on S random subsets of the pool (R
 * seeds each), record the test examples' margins, and score every method. Retrainings already in
 * {@code lds/retrainings.json} are skipped; the file is rewritten after each.
 */
public final class LdsRun {
    /** Seeds of the subset retrainings start here (subset j, repeat r: 1000 + 100 j + r). */
    static final long SEED_BASE = 1000;

    /**
     * One retraining.
     *
     * @param subset subset index
     * @param seed training seed
     * @param margins the test examples' margins
     * @param seconds wall time
     */
    public record Retraining(int subset, long seed, double[] margins, double seconds) {
    }

    /**
     * The state file.
     *
     * @param retrainings those done
     */
    public record State(List<Retraining> retrainings) {
    }

    /**
     * One method's score.
     *
     * @param method the method
     * @param lds the LDS
     * @param low bootstrap 95% interval, low end
     * @param high high end
     * @param subsets S
     * @param repeats R
     * @param tests test examples with a defined correlation
     */
    public record Score(String method, double lds, double low, double high, int subsets, int repeats, int tests) {
    }

    private LdsRun() {
    }

    /**
     * @param dir the evaluation directory
     * @param p the prepared evaluation
     * @param subsets S
     * @param repeats R, seeds per subset (outputs averaged)
     * @param out progress lines
     * @return the scores, also in {@code lds/scores.json} and {@code lds/scores.csv}
     */
    public static List<Score> run(Path dir, EvaluationSetup.Prepared p, int subsets, int repeats, PrintWriter out) {
        Path sf = dir.resolve("lds/retrainings.json");
        List<Retraining> done = new ArrayList<>(EvaluationFiles.read(sf, State.class).map(State::retrainings)
                .orElse(List.of()));
        int n = p.data().train().size();
        EvaluationSettings s = p.settings();
        for (int j = 0; j < subsets; j++) {
            for (int r = 0; r < repeats; r++) {
                long seed = SEED_BASE + 100L * j + r;
                int jj = j;
                if (done.stream().anyMatch(x -> x.subset() == jj && x.seed() == seed)) {
                    continue;
                }
                int[] keep = RandomSubsets.subset(n, s.fraction(), s.subsetSeed(), j);
                SnliRetrainer.Outcome o = SnliRetrainer.run(p.data(), EncoderConfig.defaults(),
                        TrainOptions.builder().epochs(s.epochs()).seed(seed).subset(keep).build(), p.tests(), null);
                done.add(new Retraining(j, seed, o.margins(p.labels()), o.seconds()));
                EvaluationFiles.write(sf, new State(done));
                out.printf(Locale.ROOT, "lds: subset %d/%d seed %d retrained on %d examples in %.1f s%n", j + 1, subsets,
                        seed, keep.length, o.seconds());
                out.flush();
            }
        }
        return score(dir, p, done, subsets, repeats);
    }

    /** Scores every method on the retrainings of subsets {@code [0, subsets)}. */
    static List<Score> score(Path dir, EvaluationSetup.Prepared p, List<Retraining> done, int subsets, int repeats) {
        int n = p.data().train().size();
        EvaluationSettings s = p.settings();
        Map<Integer, double[]> mean = new LinkedHashMap<>();
        Map<Integer, Integer> count = new LinkedHashMap<>();
        for (Retraining r : done) {
            if (r.subset() >= subsets) {
                continue;
            }
            double[] m = mean.computeIfAbsent(r.subset(), k -> new double[r.margins().length]);
            for (int t = 0; t < m.length; t++) {
                m[t] += r.margins()[t];
            }
            count.merge(r.subset(), 1, Integer::sum);
        }
        List<Integer> used = mean.keySet().stream().sorted().toList();
        int[][] sets = new int[used.size()][];
        double[][] outputs = new double[used.size()][];
        for (int i = 0; i < used.size(); i++) {
            int j = used.get(i);
            sets[i] = RandomSubsets.subset(n, s.fraction(), s.subsetSeed(), j);
            outputs[i] = mean.get(j).clone();
            for (int t = 0; t < outputs[i].length; t++) {
                outputs[i][t] /= count.get(j);
            }
        }
        List<Score> scores = new ArrayList<>();
        StringBuilder csv = new StringBuilder("method,lds,low,high,subsets,repeats,tests\n");
        for (Map.Entry<String, double[][]> e : p.attributions().entrySet()) {
            LinearDatamodelingScore.Result r = LinearDatamodelingScore.of(e.getValue(), sets, outputs, 2000, 0.95, 5);
            int defined = (int) java.util.Arrays.stream(r.perTest()).filter(x -> !Double.isNaN(x)).count();
            Score sc = new Score(e.getKey(), r.mean(), r.low(), r.high(), sets.length, repeats, defined);
            scores.add(sc);
            csv.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%d,%d,%d%n", sc.method(), sc.lds(), sc.low(),
                    sc.high(), sc.subsets(), sc.repeats(), sc.tests()));
        }
        EvaluationFiles.write(dir.resolve("lds/scores.json"), scores);
        EvaluationFiles.write(dir.resolve("lds/subsets.json"), Map.of("subsets", used, "ids", sets, "outputs", outputs,
                "testIds", p.testIds()));
        try {
            io.github.influence4j.core.io.AtomicFiles.write(dir.resolve("lds/scores.csv"),
                    csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return scores;
    }
}
