// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.util.Map;

/**
 * Factories for the selection policies of Tan, Minakova and Anand, "Influence Scores at Scale for
 * Efficient Language Data Sampling" (EMNLP 2023), and the parser for their string specs.
 *
 * <pre>{@code
 * Selection easyPruned = Selections.pruneEasy(0.3).select(vog, labels, 0L);
 * Selection balanced   = Selections.parse("prune-easy:fraction=0.3,class-balanced=true").select(vog, labels, 0L);
 * Selection sampled    = Selections.softmax(2.0, SubsetSize.keep(0.7)).select(forgetting, labels, 7L);
 * }</pre>
 *
 * <p>Spec grammar: {@code name[:arg(,arg)*]}, each arg {@code key=value}; a rank policy may give its
 * fraction bare as the first arg. See {@link #usage()} for every policy.
 */
public final class Selections {
    private Selections() {
    }

    /**
     * Prune the easiest fraction (Tan et al. 2023, Sec. 2, "prune easy"; the paper's best VoG result
     * prunes the easiest 45%).
     *
     * @param fraction share pruned, in [0, 1]
     * @return the policy; {@link RankSelection#classBalancedVariant()} gives the class-balanced one
     */
    public static RankSelection pruneEasy(double fraction) {
        return new RankSelection(SubsetSize.prune(fraction), Difficulty.EASY, false);
    }

    /**
     * Prune the hardest fraction (Tan et al. 2023, Sec. 2, "prune hard").
     *
     * @param fraction share pruned, in [0, 1]
     * @return the policy
     */
    public static RankSelection pruneHard(double fraction) {
        return new RankSelection(SubsetSize.prune(fraction), Difficulty.HARD, false);
    }

    /**
     * Keep only the easiest fraction.
     *
     * @param fraction share kept, in [0, 1]
     * @return the policy
     */
    public static RankSelection keepEasy(double fraction) {
        return new RankSelection(SubsetSize.keep(fraction), Difficulty.EASY, false);
    }

    /**
     * Keep only the hardest fraction (Paul et al. 2021's "keep the highest-EL2N examples").
     *
     * @param fraction share kept, in [0, 1]
     * @return the policy
     */
    public static RankSelection keepHard(double fraction) {
        return new RankSelection(SubsetSize.keep(fraction), Difficulty.HARD, false);
    }

    /**
     * Softmax sampling favouring hard examples (the sampling counterpart of prune-easy).
     *
     * @param temperature positive, in score units
     * @param size how many to keep
     * @return the policy
     */
    public static SoftmaxSampling softmax(double temperature, SubsetSize size) {
        return new SoftmaxSampling(temperature, size, Difficulty.HARD, false);
    }

    /**
     * Linear score-proportional sampling favouring hard examples, weights in [0.01, 1] (Tan et al.
     * 2023, App. C.3).
     *
     * @param size how many to keep
     * @return the policy
     */
    public static LinearSampling linear(SubsetSize size) {
        return new LinearSampling(LinearSampling.DEFAULT_EPS, size, Difficulty.HARD, false);
    }

    /**
     * Uniform random sampling, the baseline.
     *
     * @param size how many to keep
     * @return the policy
     */
    public static RandomSampling random(SubsetSize size) {
        return new RandomSampling(size, false);
    }

    /**
     * Uniform random sampling within each label, keeping class proportions (largest remainder).
     *
     * @param size how many to keep
     * @return the policy
     */
    public static RandomSampling stratified(SubsetSize size) {
        return new RandomSampling(size, true);
    }

    /**
     * Parses a spec such as {@code prune-easy:0.3}, {@code keep-hard:fraction=0.5,class-balanced=true},
     * {@code softmax:temperature=0.5,keep=0.7}, {@code linear:prune=0.3,eps=0.05,favour=easy},
     * {@code random:keep=0.7} or {@code stratified:prune=0.5}. Names and keys are case-insensitive.
     *
     * @param spec the spec
     * @return the policy; its {@link SelectionPolicy#spec()} parses back to an equal policy
     * @throws io.github.influence4j.core.exception.ConfigurationException naming the spec, what is wrong and the
     *     policy's usage, for an unknown policy or parameter, a missing or duplicate parameter, an
     *     unparsable or out-of-range value
     */
    public static SelectionPolicy parse(String spec) {
        return PolicySpecs.parse(spec);
    }

    /** @return every policy name with a usage line and an example, in a stable order */
    public static Map<String, String> usage() {
        return PolicySpecs.usage();
    }
}
