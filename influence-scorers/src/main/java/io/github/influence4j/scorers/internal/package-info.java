/**
 * Helpers shared by the VoG and confidence-family scorers: validated artifact reads (labels in
 * {@code [0, K)}, logits of width K, ragged gradients as float64) and checkpoint selection. No
 * compatibility promise: not part of the public API.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.internal;
