// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

/**
 * What an evaluation directory was set up with; written to {@code settings.json} on the first run
 * and required to match on every later one (a resumed run must measure the same thing).
 *
 * @param epochs epochs of every training run (the snli-prune recipe: 2)
 * @param models independently trained full-pool models (seeds 1..models); TRAK ensembles their final
 *     checkpoints, the other methods use model 1
 * @param checkpoints evenly spaced checkpoints of model 1 (TracIn, TracIn-WE sum over them)
 * @param tests SNLI test examples whose outputs are measured
 * @param testSeed seed of their draw
 * @param projectionDim k of the shared random projection (TRAK, projected TracIn, gradient cosine)
 * @param projectionSeed its seed
 * @param lambda TRAK's ridge term
 * @param fraction LDS subset size alpha
 * @param subsetSeed seed of the LDS subsets
 */
public record EvaluationSettings(int epochs, int models, int checkpoints, int tests, long testSeed, int projectionDim,
        long projectionSeed, double lambda, double fraction, long subsetSeed) {
    /** @return 2 epochs, 1 model, 3 checkpoints, 200 tests, k = 256, alpha = 0.5 */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(2, 1, 3, 200, 7, 256, 0, 0, 0.5, 19);
    }
}
