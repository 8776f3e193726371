// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import java.util.Map;
import java.util.Objects;

/**
 * Softmax sampling: keep a target number of examples drawn without replacement with probability
 * {@code softmax(score / temperature)}, read through the orientation. Tan et al. (2023) sample this
 * way for forgetting counts and for dataset-normalised VoG (docs/DESIGN.md section 4); it also breaks the
 * many ties of a count-valued score at random rather than by example id.
 *
 * <p>Spec: {@code softmax:temperature=0.5,keep=0.7} (or {@code prune=0.3}), optional
 * {@code favour=hard|easy} (default {@code hard}) and {@code class-balanced=true|false}.
 *
 * @param temperature {@code T > 0}, in score units: small T approaches the rank cut-off, large T
 *     uniform random sampling
 * @param size the target keep (or prune) fraction; the count is rounded as in {@link SubsetSize}
 * @param favour the end more likely to be kept: {@code HARD} (the default) is the sampling
 *     counterpart of prune-easy, {@code EASY} of prune-hard
 * @param classBalanced share the count over classes by largest remainder ({@link RankSelection}) and
 *     sample within each class
 * @implNote With hardness {@code h_i} (the score, negated for {@code LOWER_IS_HARDER}) and
 *     {@code s_i = h_i} ({@code favour=hard}) or {@code -h_i} ({@code favour=easy}), the weight is
 *     {@code w_i = exp(s_i / T)}. The k kept examples are k successive draws without replacement, each
 *     with probability {@code w_i / sum of w over the examples not yet drawn} (numpy's
 *     {@code choice(N, k, replace=False, p=softmax(s / T))}); so an example's inclusion probability is
 *     not its softmax value but grows with it. Drawn by the Gumbel-top-k trick on {@code (s_i - max s)
 *     / T}, in log space, never exponentiating: no overflow for any T. Examples with {@code s = +Inf}
 *     are kept before any finite one (uniformly among themselves), those with {@code s = -Inf} only
 *     after every finite one. Class-balanced: the draw in each class is the same successive sampling
 *     restricted to that class.
 */
public record SoftmaxSampling(double temperature, SubsetSize size, Difficulty favour, boolean classBalanced)
        implements SelectionPolicy {

    /**
     * Validates the components.
     *
     * @param temperature see the class description
     * @param size see the class description
     * @param favour see the class description
     * @param classBalanced see the class description
     * @throws IllegalArgumentException if the temperature is not a positive finite number
     */
    public SoftmaxSampling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("softmax temperature must be a positive finite number, got "
                    + temperature + " (it is in score units: try the score's standard deviation)");
        }
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(favour, "favour");
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Map<String, String> parameters() {
        return Params.of("temperature", Double.toString(temperature), size.specKey(), Double.toString(size.fraction()),
                "favour", favour.specName(), "class-balanced", Boolean.toString(classBalanced));
    }

    @Override
    public boolean usesLabels() {
        return classBalanced;
    }

    @Override
    public Selection select(InfluenceScores scores, int[] labels, long seed) {
        double[] h = ScoreInputs.hardness(scores, name());
        ScoreInputs.checkLabels(scores, labels, classBalanced, name() + (classBalanced ? " (class-balanced)" : ""));
        int n = h.length;
        double[] s = new double[n];
        int[] tier = new int[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            s[i] = favour == Difficulty.HARD ? h[i] : -h[i];
            if (Double.isFinite(s[i])) {
                max = Math.max(max, s[i]);
            } else {
                tier[i] = s[i] > 0 ? 1 : -1;
            }
        }
        double[] logWeight = new double[n];
        for (int i = 0; i < n; i++) {
            logWeight[i] = tier[i] == 0 ? (s[i] - max) / temperature : 0;
        }
        int[] order = GumbelTopK.drawOrder(tier, logWeight, s, seed);
        int named = size.namedCount(n);
        return Selector.take(this, scores, labels, seed, order, named, size.kind() == SubsetSize.Kind.KEEP,
                classBalanced);
    }
}
