// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.TrainToTestScorer;
import java.util.List;

/**
 * Train-to-test TracIn-WE (Yeh et al. 2022): the influence matrix and top-k lists of
 * {@link TrainToTestScorer}, computed sparsely over shared tokens (top-k proponents of a test
 * example touch only training examples sharing a token with it), plus word-level explanations.
 *
 * <pre>{@code
 * TracInWeScorer we = Scorers.tracInWe(trainStore, testStore);
 * for (WordContribution w : we.explain(3, 1207)) System.out.println(vocab.word(w.tokenId()) + " " + w.contribution());
 * }</pre>
 */
public interface TracInWeScorer extends TrainToTestScorer {
    /**
     * @param testId a test example id
     * @param trainId a training example id
     * @return the tokens the two share, ranked by their contribution to the influence, largest
     *     first; the contributions sum to the pair's influence
     */
    List<WordContribution> explain(int testId, int trainId);
}
