package io.github.influence4j.core.capture;

import java.util.List;
import java.util.Objects;

/**
 * Names the parts of a SameDiff graph that capture reads.
 *
 * <pre>{@code
 * CaptureSpec spec = new CaptureSpec("emb_out", "lookup", List.of("embedding"), "logits", "loss", "labels",
 *         List.of(new DenseLayerTap("fc", "hidden", "logits")), 3);
 * }</pre>
 *
 * @param embeddingOutput the embedding-layer output {@code [.., D]} whose gradient of the true-class
 *     logit is {@code INPUT_GRADS} (VoG, Agarwal et al. 2022)
 * @param lookupOutput the word-embedding lookup output {@code [.., D]} whose loss gradient is
 *     {@code EMBEDDING_GRADS} (TracIn-WE, Yeh et al. 2022); often the same variable. It must have
 *     the same layout as {@code embeddingOutput}: {@link CaptureBatch#positions()} index both.
 * @param gradientRoots variables passed to {@code SameDiff.createGradFunction(...)} to keep gradient
 *     paths alive that SameDiff would prune (the embedding matrix when it is a constant: SameDiff
 *     1.0.0-M2.1 drops an ARRAY variable whose inputs are all constants or placeholders from the
 *     gradient graph); may be empty
 * @param logits the pre-softmax outputs {@code [B, K]}
 * @param perExampleLoss the per-example cross-entropy {@code [B]} (natural log), not reduced
 * @param labelPlaceholder the placeholder holding labels, either int {@code [B]} or one-hot
 *     {@code [B, K]}; capture fills it from {@link CaptureBatch#labels()}
 * @param denseLayers the dense layers whose factored gradients are captured, in forward order (input
 *     side first, the head last): capture records each one's position as the {@code layer-index}
 *     attribute of its {@code LAYER_OUTPUT_GRADS}
 * @param numClasses K, the width of the logits, {@code >= 2} (SameDiff does not infer static shapes)
 */
public record CaptureSpec(String embeddingOutput, String lookupOutput, List<String> gradientRoots, String logits,
        String perExampleLoss, String labelPlaceholder, List<DenseLayerTap> denseLayers, int numClasses) {
    /** Copies the lists and checks for nulls and duplicate layer names. */
    public CaptureSpec {
        Objects.requireNonNull(embeddingOutput, "embeddingOutput");
        Objects.requireNonNull(lookupOutput, "lookupOutput");
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(perExampleLoss, "perExampleLoss");
        Objects.requireNonNull(labelPlaceholder, "labelPlaceholder");
        gradientRoots = List.copyOf(gradientRoots);
        denseLayers = List.copyOf(denseLayers);
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, was " + numClasses);
        }
        if (denseLayers.stream().map(DenseLayerTap::name).distinct().count() != denseLayers.size()) {
            throw new IllegalArgumentException("dense layer names must be distinct: "
                    + denseLayers.stream().map(DenseLayerTap::name).toList());
        }
    }
}
