// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.scorers.dynamics.NeverLearned;
import java.util.List;

/**
 * The reduction over checkpoints of one streamed score: it receives, checkpoint by checkpoint in
 * training order, the score's per-example value on that checkpoint alone (computed by the stored
 * scorer on a one-checkpoint window) and keeps O(N) numbers. Each subclass performs, in the same
 * order, the same floating-point operations as the stored accumulator's reduction over checkpoints,
 * so the result is bit-identical to the stored score over the same checkpoints (tested).
 *
 * <p>State is exposed as float64 arrays (counts are exact in float64 below 2^53) for snapshots.
 */
abstract class Reduction {
    /** The number of examples N. */
    final int n;
    /** Checkpoints added. */
    int count;

    Reduction(int n) {
        this.n = n;
    }

    /** @param values one value per example on one checkpoint alone */
    abstract void add(double[] values);

    /** @return one value per example, reduced over every checkpoint added */
    abstract double[] result();

    /** @return the state arrays (not copies), count excluded */
    abstract List<double[]> arrays();

    /** @return the bytes of state held */
    final long bytes() {
        long b = 4;
        for (double[] a : arrays()) {
            b += 8L * a.length;
        }
        return b;
    }

    /**
     * @param arrays state arrays in the order of {@link #arrays()}
     * @param count checkpoints they reduce
     */
    final void restore(List<double[]> arrays, int count) {
        List<double[]> mine = arrays();
        if (arrays.size() != mine.size()) {
            throw new IllegalArgumentException("expected " + mine.size() + " state arrays, got " + arrays.size());
        }
        for (int i = 0; i < mine.size(); i++) {
            if (arrays.get(i).length != mine.get(i).length) {
                throw new IllegalArgumentException("state array " + i + " has " + arrays.get(i).length
                        + " values, expected " + mine.get(i).length);
            }
            System.arraycopy(arrays.get(i), 0, mine.get(i), 0, mine.get(i).length);
        }
        this.count = count;
    }

    /** The mean over checkpoints (EL2N, AUM, GraNd): {@code sum += v; result = sum / C}. */
    static final class Mean extends Reduction {
        private final double[] sum;

        Mean(int n) {
            super(n);
            sum = new double[n];
        }

        @Override
        void add(double[] v) {
            count++;
            for (int i = 0; i < n; i++) {
                sum[i] += v[i];
            }
        }

        @Override
        double[] result() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = sum[i] / count;
            }
            return out;
        }

        @Override
        List<double[]> arrays() {
            return List.of(sum);
        }
    }

    /** The sum over checkpoints (TracIn self-influence, whose terms already carry eta_c). */
    static final class Sum extends Reduction {
        private final double[] sum;

        Sum(int n) {
            super(n);
            sum = new double[n];
        }

        @Override
        void add(double[] v) {
            count++;
            for (int i = 0; i < n; i++) {
                sum[i] += v[i];
            }
        }

        @Override
        double[] result() {
            return sum.clone();
        }

        @Override
        List<double[]> arrays() {
            return List.of(sum);
        }
    }

    /**
     * Welford's running mean and population standard deviation of p_c(y) (data-map confidence and
     * variability), the updates of {@code DataMapAccumulator}: {@code d = x - mean; mean += d / C;
     * m2 += d * (x - mean)}; variability {@code sqrt(max(0, m2) / C)}.
     */
    static final class Welford extends Reduction {
        private final boolean std;
        private final double[] mean;
        private final double[] m2;

        /**
         * @param n examples
         * @param std whether the result is the standard deviation (else the mean)
         */
        Welford(int n, boolean std) {
            super(n);
            this.std = std;
            this.mean = new double[n];
            this.m2 = new double[n];
        }

        @Override
        void add(double[] x) {
            count++;
            for (int i = 0; i < n; i++) {
                double d = x[i] - mean[i];
                mean[i] += d / count;
                m2[i] += d * (x[i] - mean[i]);
            }
        }

        @Override
        double[] result() {
            if (!std) {
                return mean.clone();
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = Math.sqrt(Math.max(0, m2[i]) / count);
            }
            return out;
        }

        @Override
        List<double[]> arrays() {
            return std ? List.of(mean, m2) : List.of(mean);
        }
    }

    /** The fraction of checkpoints at which an example is classified correctly (data-map correctness). */
    static final class Correctness extends Reduction {
        private final double[] correct;

        Correctness(int n) {
            super(n);
            correct = new double[n];
        }

        @Override
        void add(double[] isCorrect) {
            count++;
            for (int i = 0; i < n; i++) {
                if (isCorrect[i] == 1.0) {
                    correct[i]++;
                }
            }
        }

        @Override
        double[] result() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = (double) (int) correct[i] / count;
            }
            return out;
        }

        @Override
        List<double[]> arrays() {
            return List.of(correct);
        }
    }

    /**
     * Forgetting events (Toneva et al. 2019, Sec. 3): transitions from correct to incorrect between
     * consecutive checkpoints, with never-learned examples at C or infinity ({@code
     * ForgettingAccumulator}'s rule).
     */
    static final class Forgetting extends Reduction {
        private final NeverLearned neverLearned;
        private final double[] previous;
        private final double[] ever;
        private final double[] forgotten;

        Forgetting(int n, NeverLearned neverLearned) {
            super(n);
            this.neverLearned = neverLearned;
            this.previous = new double[n];
            this.ever = new double[n];
            this.forgotten = new double[n];
        }

        @Override
        void add(double[] isCorrect) {
            for (int i = 0; i < n; i++) {
                boolean correct = isCorrect[i] == 1.0;
                if (count > 0 && previous[i] == 1.0 && !correct) {
                    forgotten[i]++;
                }
                previous[i] = correct ? 1.0 : 0.0;
                if (correct) {
                    ever[i] = 1.0;
                }
            }
            count++;
        }

        @Override
        double[] result() {
            double never = neverLearned == NeverLearned.INFINITY ? Double.POSITIVE_INFINITY : count;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = ever[i] == 1.0 ? (int) forgotten[i] : never;
            }
            return out;
        }

        @Override
        List<double[]> arrays() {
            return List.of(previous, ever, forgotten);
        }
    }
}
