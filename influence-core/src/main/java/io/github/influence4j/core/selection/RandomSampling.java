// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import java.util.Map;
import java.util.Objects;

/**
 * Uniform random sampling, the baseline every score is judged against (Tan et al. 2023, Sec. 2:
 * "random pruning"), and its stratified variant, which keeps class proportions.
 *
 * <p>Spec: {@code random:keep=0.7} (or {@code prune=0.3}); {@code stratified:keep=0.7}.
 *
 * @param size the keep (or prune) fraction; the count is rounded as in {@link SubsetSize}
 * @param stratified share the count over classes by largest remainder ({@link RankSelection}) and
 *     sample uniformly within each class
 * @implNote Every subset of the target size is equally likely (within each class when stratified).
 *     The score values are not used, only their example ids, but NaN is still rejected like every
 *     policy does.
 */
public record RandomSampling(SubsetSize size, boolean stratified) implements SelectionPolicy {

    /**
     * Checks for null.
     *
     * @param size see the class description
     * @param stratified see the class description
     */
    public RandomSampling {
        Objects.requireNonNull(size, "size");
    }

    @Override
    public String name() {
        return stratified ? "stratified" : "random";
    }

    @Override
    public Map<String, String> parameters() {
        return Params.of(size.specKey(), Double.toString(size.fraction()));
    }

    @Override
    public boolean usesLabels() {
        return stratified;
    }

    @Override
    public Selection select(InfluenceScores scores, int[] labels, long seed) {
        ScoreInputs.hardness(scores, name());
        ScoreInputs.checkLabels(scores, labels, stratified, name());
        int n = scores.size();
        int[] order = GumbelTopK.drawOrder(new int[n], new double[n], new double[n], seed);
        return Selector.take(this, scores, labels, seed, order, size.namedCount(n),
                size.kind() == SubsetSize.Kind.KEEP, stratified);
    }
}
