/**
 * TracIn-WE (Yeh et al. 2022, "First is Better Than Last for Language Data Influence"): TracIn
 * restricted to the word-embedding matrix, computed sparsely over the token ids two examples share.
 * This package holds the sparse math (per-token gradients, the inverted index, word-level
 * explanations) and the options; the scorers are built by {@code Scorers.tracInWe(...)}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.tracinwe;
