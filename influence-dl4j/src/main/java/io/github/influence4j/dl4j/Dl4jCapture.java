// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.api.Model;

/**
 * What to capture from a DL4J {@code MultiLayerNetwork} or {@code ComputationGraph}, and the
 * capture itself: {@code LOGITS}, {@code LOSS}, factored dense-layer gradients and input gradients
 * (docs/DESIGN.md section 2.2) for every example, in batched eval-mode passes.
 *
 * <pre>{@code
 * Dl4jCapture capture = Dl4jCapture.builder()
 *         .denseLayers("fc2", "out")     // LAYER_INPUTS / LAYER_OUTPUT_GRADS: TracIn, GraNd
 *         .inputGradients()              // INPUT_GRADS w.r.t. the network input: VoG
 *         .batchSize(256)
 *         .build();
 * capture.capture(net, CaptureData.of(trainSet), writer, new Checkpoint("final", steps, epoch, lr, seed));
 * // or during training: net.addListeners(Dl4jCaptureListener.builder(capture, net, data, writer)...build());
 * }</pre>
 *
 * <p>Per example i with logits {@code z_i} and gold class {@code y_i}:
 * {@code LOSS_i = logsumexp(z_i) - z_{i,y_i}} (cross-entropy, natural log); for each chosen dense
 * layer {@code z = a W + b}, {@code LAYER_INPUTS_i = a_i} and {@code LAYER_OUTPUT_GRADS_i =
 * dLOSS_i / dz_i}, so that {@code dLOSS_i/dW = a_i^T delta_i} and {@code dLOSS_i/db = delta_i}
 * exactly (Pruthi et al. 2020, TracIn; Paul et al. 2021, GraNd); {@code INPUT_GRADS_i =
 * d z_{i,y_i} / d x_i}, the gradient of the true-class logit with respect to the network input or a
 * chosen layer's output (Agarwal et al. 2022, VoG).
 *
 * @implNote Per-example quantities come from one backward pass of the summed objective per batch
 *     ({@code sum_i LOSS_i}, then {@code sum_i z_{i,y_i}}): examples are independent in eval mode.
 *     Passes run on a private working copy of the network (configuration clone without dropout,
 *     weight noise or workspaces, parameters copied in before each capture), so the trained
 *     network's parameters, updater state, counters, listeners, input and labels are never
 *     touched. Regularisation terms (L1/L2, weight decay) are not part of the per-example loss.
 *     <p>{@code INPUT_GRADS} are ragged {@code [T_i, D]}: a rank-2 gradient {@code [B, D]} gives one
 *     row of D per example ({@code T_i = 1}); a rank-3 one in DL4J's sequence layout {@code [B, D, T]}
 *     gives one row per time step, only the real steps where a features mask of width T is given;
 *     higher ranks (e.g. images {@code [B, C, H, W]}) give one flattened row per example.
 */
public final class Dl4jCapture {
    /** Default examples per batched pass. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    /** {@link Builder#inputGradients(String)} name that stands for the network's (first) input. */
    public static final String NETWORK_INPUT = "";

    private final List<String> denseLayers;
    private final Optional<String> inputGradTarget;
    private final int batchSize;

    private Dl4jCapture(Builder b) {
        this.denseLayers = List.copyOf(b.denseLayers);
        this.inputGradTarget = Optional.ofNullable(b.inputGradTarget);
        this.batchSize = b.batchSize;
    }

    /** @return a builder; by default only {@code LOGITS} and {@code LOSS} are captured */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the dense layers whose factored gradients are captured, in the order given */
    public List<String> denseLayers() {
        return denseLayers;
    }

    /**
     * @return where input gradients are taken: {@link #NETWORK_INPUT} or a layer name; empty if
     *     they are not captured
     */
    public Optional<String> inputGradientTarget() {
        return inputGradTarget;
    }

    /** @return examples per batched pass */
    public int batchSize() {
        return batchSize;
    }

    /**
     * @return the kinds each capture writes ({@code LOGITS}, {@code LOSS}, plus the factored
     *     dense-layer kinds and {@code INPUT_GRADS} where configured) and the batch size
     */
    public CaptureSpec spec() {
        Set<ArtifactKind> kinds = java.util.EnumSet.noneOf(ArtifactKind.class);
        artifactKeys().forEach(k -> kinds.add(k.kind()));
        return new CaptureSpec(kinds, batchSize);
    }

    /** @return the per-checkpoint artifacts each capture writes (sorted) */
    public Set<ArtifactKey> artifactKeys() {
        Set<ArtifactKey> keys = new TreeSet<>();
        keys.add(ArtifactKey.of(ArtifactKind.LOGITS));
        keys.add(ArtifactKey.of(ArtifactKind.LOSS));
        for (String l : denseLayers) {
            keys.add(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, l));
            keys.add(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, l));
        }
        inputGradTarget.ifPresent(t -> keys.add(ArtifactKey.of(ArtifactKind.INPUT_GRADS)));
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Checks the model against this capture and prepares its working copy. Reuse the session for
     * repeated captures of the same model.
     *
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @return a session bound to the model
     * @throws io.github.influence4j.core.exception.ConfigurationException naming the layer and what is supported,
     *     for an unknown layer, a non-dense layer asked for factored gradients or an output without logits
     */
    public Dl4jCaptureSession bind(Model model) {
        return new Dl4jCaptureSession(this, NetworkGraph.of(Objects.requireNonNull(model, "model")));
    }

    /**
     * Computes the artifacts of some examples with the model's current parameters.
     *
     * @param model the network
     * @param data the examples
     * @param range which of them
     * @return the batch's artifacts
     */
    public CapturedBatch computeBatch(Model model, CaptureData data, ExampleRange range) {
        return bind(model).computeBatch(data, range);
    }

    /**
     * Captures every example into one checkpoint: begins it, writes {@code LABELS} (once per store)
     * and the artifacts of {@link #artifactKeys()}, and commits.
     *
     * @param model the network
     * @param data all N examples of the store, in store order
     * @param writer the store
     * @param checkpoint the checkpoint's metadata (learning rate in force, step, epoch, seed)
     * @return what was done
     */
    public CaptureResult capture(Model model, CaptureData data, ArtifactWriter writer, Checkpoint checkpoint) {
        return bind(model).capture(data, writer, checkpoint);
    }

    /** Configures a {@link Dl4jCapture}. */
    public static final class Builder {
        private final Set<String> denseLayers = new LinkedHashSet<>();
        private @org.jspecify.annotations.Nullable String inputGradTarget;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /**
         * @param names {@code DenseLayer} or {@code OutputLayer} names whose {@code LAYER_INPUTS} and
         *     {@code LAYER_OUTPUT_GRADS} are captured (for TracIn and GraNd)
         * @return this builder
         */
        public Builder denseLayers(String... names) {
            List<String> list = new ArrayList<>();
            for (String n : names) {
                list.add(Objects.requireNonNull(n, "layer name"));
                ArtifactKey.of(ArtifactKind.LAYER_INPUTS, n); // validates the name
            }
            denseLayers.addAll(list);
            return this;
        }

        /**
         * Captures {@code INPUT_GRADS} with respect to the network input (the first input of a graph).
         *
         * @return this builder
         */
        public Builder inputGradients() {
            return inputGradients(NETWORK_INPUT);
        }

        /**
         * Captures {@code INPUT_GRADS} with respect to the output of a layer (for example an
         * {@code EmbeddingLayer} or {@code EmbeddingSequenceLayer}), or a named graph input.
         *
         * @param layer the layer or graph-input name; {@link #NETWORK_INPUT} for the network input
         * @return this builder
         */
        public Builder inputGradients(String layer) {
            this.inputGradTarget = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /**
         * @param size examples per batched pass, {@code >= 1}
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** @return the capture configuration */
        public Dl4jCapture build() {
            return new Dl4jCapture(this);
        }
    }
}
