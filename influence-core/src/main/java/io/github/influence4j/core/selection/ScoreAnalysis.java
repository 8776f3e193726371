// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How scores relate to each other and to known label noise (docs/DESIGN.md section 4; Tan et al. 2023
 * compare scores and test them on shuffled labels): overlap of the hardest q% of two scores (Jaccard), Spearman rank correlation,
 * mislabel-detection AUROC and precision@k, and per-class counts.
 *
 * <pre>{@code
 * double overlap = ScoreAnalysis.topOverlap(vog, el2n, 0.1);          // Jaccard of the hardest 10%
 * double rho = ScoreAnalysis.spearman(vog, confidence);                // > 0: they agree on what is hard
 * double auroc = ScoreAnalysis.mislabelAuroc(aum, noisy.changed());    // 0.5 = chance
 * }</pre>
 *
 * <p>Everything reads scores through their {@link io.github.influence4j.core.Orientation} (hardness =
 * the value, negated for {@code LOWER_IS_HARDER}); NaN scores, empty scores and misaligned inputs are
 * errors.
 */
public final class ScoreAnalysis {
    private ScoreAnalysis() {
    }

    /**
     * @param scores the scores
     * @param k how many, in [0, N]
     * @return the ids of the k hardest examples, increasing; equal scores count a lower id as easier
     *     (the total order of {@link RankSelection})
     */
    public static int[] hardest(InfluenceScores scores, int k) {
        int[] easyFirst = ScoreInputs.easyFirst(ScoreInputs.hardness(scores, "hardest"));
        checkK(k, easyFirst.length, "hardest");
        return ids(scores, Arrays.copyOfRange(easyFirst, easyFirst.length - k, easyFirst.length));
    }

    /**
     * @param scores the scores
     * @param k how many, in [0, N]
     * @return the ids of the k easiest examples, increasing (same total order as {@link #hardest})
     */
    public static int[] easiest(InfluenceScores scores, int k) {
        int[] easyFirst = ScoreInputs.easyFirst(ScoreInputs.hardness(scores, "easiest"));
        checkK(k, easyFirst.length, "easiest");
        return ids(scores, Arrays.copyOf(easyFirst, k));
    }

    /**
     * Jaccard overlap of the hardest {@code q} of two scores over the same examples.
     *
     * @param a one score
     * @param b another, over the same example ids
     * @param q the top fraction, in (0, 1]; {@code k = round(q x N)} (halves up, exact decimal) must be
     *     at least 1
     * @return {@code |A and B| / |A or B|} of the two hardest-k id sets, in [0, 1]
     */
    public static double topOverlap(InfluenceScores a, InfluenceScores b, double q) {
        Counts.checkFraction(q, "top-overlap q");
        sameIds(a, b, "topOverlap");
        int k = Counts.of(q, a.size());
        if (k == 0) {
            throw new IllegalArgumentException("topOverlap: q = " + q + " of " + a.size()
                    + " examples rounds to 0; the overlap of two empty sets is undefined (raise q)");
        }
        return jaccard(hardest(a, k), hardest(b, k));
    }

    /**
     * @param a a set of ids (order and duplicates ignored)
     * @param b another
     * @return {@code |A and B| / |A or B|}
     * @throws IllegalArgumentException if both are empty (undefined)
     */
    public static double jaccard(int[] a, int[] b) {
        int[] x = Arrays.stream(a).distinct().sorted().toArray();
        int[] y = Arrays.stream(b).distinct().sorted().toArray();
        if (x.length == 0 && y.length == 0) {
            throw new IllegalArgumentException("jaccard of two empty sets is undefined");
        }
        int both = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length;) {
            if (x[i] == y[j]) {
                both++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) both / (x.length + y.length - both);
    }

    /**
     * Spearman rank correlation of two scores' hardness over the same examples: positive when they
     * agree on which examples are hard, whatever their orientations.
     *
     * @param a one score
     * @param b another, over the same example ids
     * @return rho in [-1, 1], or NaN if either score is constant (no ranking to correlate)
     */
    public static double spearman(InfluenceScores a, InfluenceScores b) {
        sameIds(a, b, "spearman");
        return pearsonOfRanks(ScoreInputs.hardness(a, "spearman"), ScoreInputs.hardness(b, "spearman"));
    }

    /**
     * Spearman rank correlation of two raw samples.
     *
     * @param x a sample, no NaN
     * @param y another of the same length, at least 2
     * @return rho in [-1, 1], or NaN if either sample is constant
     * @implNote The Pearson correlation of the average ranks ({@link #averageRanks}), which is the
     *     textbook definition with ties (scipy's {@code spearmanr}); the shortcut
     *     {@code 1 - 6 sum d^2 / (n (n^2 - 1))} is exact only without ties and is not used.
     */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("spearman: samples of different lengths " + x.length + " and "
                    + y.length);
        }
        noNaN(x, "spearman x");
        noNaN(y, "spearman y");
        return pearsonOfRanks(x, y);
    }

    private static double pearsonOfRanks(double[] x, double[] y) {
        if (x.length < 2) {
            throw new IllegalArgumentException("spearman needs at least 2 examples, got " + x.length);
        }
        double[] rx = averageRanks(x);
        double[] ry = averageRanks(y);
        double mean = (x.length + 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = rx[i] - mean;
            double dy = ry[i] - mean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * @param x values, no NaN
     * @return 1-based ranks, ascending; tied values share the mean of the ranks they span
     */
    public static double[] averageRanks(double[] x) {
        noNaN(x, "averageRanks");
        double[] v = x.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += 0.0; // -0.0 ties with 0.0
        }
        int[] order = IndexSort.sorted(v.length, (a, b) -> Double.compare(v[a], v[b]));
        double[] ranks = new double[v.length];
        for (int i = 0; i < order.length;) {
            int j = i;
            while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double r = (i + j + 2) / 2.0;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = r;
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * Mislabel-detection AUROC: the probability that a randomly chosen mislabelled example is harder
     * than a randomly chosen clean one, ties counting one half; the ground truth is typically the
     * mask of labels that {@link LabelNoise#shuffle} actually changed.
     *
     * @param scores the scores (the harder, the likelier predicted mislabelled)
     * @param mislabelled per score, aligned with {@link InfluenceScores#exampleIds()}, true where the
     *     label is known wrong (e.g. {@link NoisyLabels#changed()}); at least one of each
     * @return AUROC in [0, 1]; 0.5 is chance
     * @implNote The Mann-Whitney form {@code (R+ - P(P+1)/2) / (P Q)} with average ranks of the
     *     hardness, which counts every tied (mislabelled, clean) pair as one half.
     */
    public static double mislabelAuroc(InfluenceScores scores, boolean[] mislabelled) {
        double[] h = ScoreInputs.hardness(scores, "mislabelAuroc");
        checkMask(scores, mislabelled, "mislabelAuroc");
        double[] r = averageRanks(h);
        long pos = 0;
        double rankSum = 0;
        for (int i = 0; i < r.length; i++) {
            if (mislabelled[i]) {
                pos++;
                rankSum += r[i];
            }
        }
        long neg = r.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("mislabelAuroc needs both mislabelled and clean examples; the mask"
                    + " for '" + scores.name() + "' has " + pos + " mislabelled and " + neg + " clean");
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * @param scores the scores
     * @param mislabelled the known-wrong mask, aligned with the scores
     * @param k how many of the hardest to inspect, in [1, N]
     * @return the fraction of the k hardest ({@link #hardest}, ties by id) that are mislabelled
     */
    public static double precisionAtK(InfluenceScores scores, boolean[] mislabelled, int k) {
        checkMask(scores, mislabelled, "precisionAtK");
        if (k < 1 || k > scores.size()) {
            throw new IllegalArgumentException("precisionAtK: k must be in [1, " + scores.size() + "], got " + k);
        }
        int[] easyFirst = ScoreInputs.easyFirst(ScoreInputs.hardness(scores, "precisionAtK"));
        int hits = 0;
        for (int j = easyFirst.length - k; j < easyFirst.length; j++) {
            hits += mislabelled[easyFirst[j]] ? 1 : 0;
        }
        return (double) hits / k;
    }

    /**
     * @param labels labels
     * @return examples per label, sorted by label
     */
    public static SortedMap<Integer, Integer> classCounts(int[] labels) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int l : labels) {
            counts.merge(l, 1, Integer::sum);
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /**
     * @param exampleIds every example id, strictly increasing (e.g. {@link InfluenceScores#exampleIds()})
     * @param labels their labels, aligned
     * @param subsetIds the subset (e.g. {@link Selection#keptIds()}), each one of {@code exampleIds}
     * @return subset examples per label, every label of {@code labels} present (0 if none kept)
     */
    public static SortedMap<Integer, Integer> classCounts(int[] exampleIds, int[] labels, int[] subsetIds) {
        if (exampleIds.length != labels.length) {
            throw new IllegalArgumentException("classCounts: " + exampleIds.length + " ids but " + labels.length
                    + " labels");
        }
        for (int i = 1; i < exampleIds.length; i++) {
            if (exampleIds[i] <= exampleIds[i - 1]) {
                throw new IllegalArgumentException("classCounts: example ids must be strictly increasing, got "
                        + exampleIds[i - 1] + " then " + exampleIds[i] + " at index " + i);
            }
        }
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int l : labels) {
            counts.put(l, 0);
        }
        for (int id : subsetIds) {
            int i = Arrays.binarySearch(exampleIds, id);
            if (i < 0) {
                throw new IllegalArgumentException("classCounts: subset id " + id + " is not among the "
                        + exampleIds.length + " example ids");
            }
            counts.merge(labels[i], 1, Integer::sum);
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    private static int[] ids(InfluenceScores scores, int[] indices) {
        int[] all = scores.exampleIds();
        int[] out = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = all[indices[j]];
        }
        Arrays.sort(out);
        return out;
    }

    private static void checkK(int k, int n, String who) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException(who + ": k must be in [0, " + n + "], got " + k);
        }
    }

    private static void sameIds(InfluenceScores a, InfluenceScores b, String who) {
        if (!Arrays.equals(a.exampleIds(), b.exampleIds())) {
            throw new IllegalArgumentException(who + ": scores '" + a.name() + "' (" + a.size() + " examples) and '"
                    + b.name() + "' (" + b.size() + " examples) cover different example ids; score the same"
                    + " examples, or restrict both to their common ids first");
        }
    }

    private static void checkMask(InfluenceScores scores, boolean[] mask, String who) {
        if (mask.length != scores.size()) {
            throw new IllegalArgumentException(who + ": mask has " + mask.length + " entries for " + scores.size()
                    + " scores '" + scores.name() + "'; give one per scored example, in example-id order");
        }
    }

    private static void noNaN(double[] x, String what) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new io.github.influence4j.core.exception.NumericalException(what + ": NaN at index " + i
                        + " has no rank; drop or fix it first");
            }
        }
    }
}
