/**
 * Capture of training artifacts from a SameDiff graph (DESIGN.md section 5): per-example logits,
 * losses, input and embedding gradients and factored dense-layer gradients, computed for a batch
 * with one backward pass of a summed objective, written through an
 * {@link io.github.influence4j.core.store.ArtifactWriter}, and triggered during training by a
 * SameDiff {@link org.nd4j.autodiff.listeners.Listener}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.capture;
