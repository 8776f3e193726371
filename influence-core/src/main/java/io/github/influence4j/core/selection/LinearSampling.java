// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.NumericalException;
import java.util.Map;
import java.util.Objects;

/**
 * Linear score-proportional sampling without replacement (Tan et al. 2023, App. C.3): each score is
 * mapped linearly onto {@code [eps, 1]} and used as the example's sampling weight, so that every
 * example keeps a non-zero chance.
 *
 * <p>Spec: {@code linear:keep=0.7} (or {@code prune=0.3}), optional {@code eps=0.01},
 * {@code favour=hard|easy} (default {@code hard}) and {@code class-balanced=true|false}.
 *
 * @param eps the weight of the end least likely to be kept, in (0, 1]; {@code 1} is uniform sampling
 * @param size the target keep (or prune) fraction; the count is rounded as in {@link SubsetSize}
 * @param favour the end mapped to weight 1: {@code HARD} (the default) keeps hard examples more
 *     often, the sampling counterpart of prune-easy
 * @param classBalanced share the count over classes by largest remainder and sample within each class
 * @implNote With {@code s_i} the hardness ({@code favour=hard}) or its negation ({@code favour=easy}),
 *     {@code w_i = eps + (1 - eps) (s_i - min s) / (max s - min s)} over all examples (all weights 1
 *     when every score is equal); the k kept examples are k successive draws without replacement with
 *     probability {@code w_i / sum of w over the examples not yet drawn} (numpy's
 *     {@code choice(N, k, replace=False, p=w/sum(w))}), drawn by the Gumbel-top-k trick. The default
 *     {@code eps = 0.01} is this library's choice. Infinite scores are an error: they have no place on
 *     a linear scale.
 */
public record LinearSampling(double eps, SubsetSize size, Difficulty favour, boolean classBalanced)
        implements SelectionPolicy {
    /** The default smallest weight. */
    public static final double DEFAULT_EPS = 0.01;

    /**
     * Validates the components.
     *
     * @param eps see the class description
     * @param size see the class description
     * @param favour see the class description
     * @param classBalanced see the class description
     * @throws IllegalArgumentException if eps is outside (0, 1]
     */
    public LinearSampling {
        if (!(eps > 0 && eps <= 1)) {
            throw new IllegalArgumentException("linear sampling eps must be in (0, 1], got " + eps
                    + " (it is the smallest sampling weight; the largest is 1)");
        }
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(favour, "favour");
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public Map<String, String> parameters() {
        return Params.of(size.specKey(), Double.toString(size.fraction()), "eps", Double.toString(eps),
                "favour", favour.specName(), "class-balanced", Boolean.toString(classBalanced));
    }

    @Override
    public boolean usesLabels() {
        return classBalanced;
    }

    /**
     * @param scores the scores
     * @return each example's sampling weight in [eps, 1], aligned with the scores
     */
    public double[] weights(InfluenceScores scores) {
        double[] h = ScoreInputs.hardness(scores, name());
        int n = h.length;
        double[] half = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Double.isInfinite(h[i])) {
                throw new NumericalException("linear sampling maps scores linearly onto [eps, 1], but scores '"
                        + scores.name() + "' hold " + h[i] + " (up to orientation) at example id "
                        + scores.exampleIds()[i] + "; cap the score (e.g. forgetting's never-learned value) or use"
                        + " softmax or a rank policy");
            }
            // halved so that differences of huge scores cannot overflow
            half[i] = 0.5 * (favour == Difficulty.HARD ? h[i] : -h[i]);
            min = Math.min(min, half[i]);
            max = Math.max(max, half[i]);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = max == min ? 1.0 : eps + (1 - eps) * ((half[i] - min) / (max - min));
        }
        return w;
    }

    @Override
    public Selection select(InfluenceScores scores, int[] labels, long seed) {
        double[] w = weights(scores);
        ScoreInputs.checkLabels(scores, labels, classBalanced, name() + (classBalanced ? " (class-balanced)" : ""));
        int n = w.length;
        double[] logWeight = new double[n];
        for (int i = 0; i < n; i++) {
            logWeight[i] = Math.log(w[i]);
        }
        int[] order = GumbelTopK.drawOrder(new int[n], logWeight, w, seed);
        return Selector.take(this, scores, labels, seed, order, size.namedCount(n),
                size.kind() == SubsetSize.Kind.KEEP, classBalanced);
    }
}
