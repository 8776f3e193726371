/**
 * TracIn (Pruthi et al. 2020, "Estimating Training Data Influence by Tracing Gradient Descent"):
 * self-influence and train-to-test influence from per-example gradients captured at checkpoints,
 * exact from factored dense-layer artifacts or dense parameter gradients, approximate from seeded
 * random projections; TracIn-WE (Yeh et al. 2022) as TracIn restricted to the word embeddings.
 * Obtain scorers from {@code Scorers} or by name ({@code "tracin-self"}, {@code "tracin-we-self"},
 * ...) through {@link io.github.influence4j.core.InfluenceScorers}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.tracin;
