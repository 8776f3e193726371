package io.github.influence4j.scorers.tracin;

import io.github.influence4j.core.OptionReader;
import io.github.influence4j.scorers.tracinwe.TracInWeOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of TracIn (Pruthi et al. 2020). Immutable.
 *
 * <p><b>Parameter groups</b> ({@code layers}) name what the gradient is taken over; the scores
 * sum over the groups:
 * <ul>
 *   <li>a layer name {@code L}: the dense layer captured as {@code LAYER_INPUTS.L} and
 *       {@code LAYER_OUTPUT_GRADS.L} (exact, TracInCPFast identity {@code (a.a')(d.d') + d.d'},
 *       the last term with {@link #bias()}), else the parameter group {@code PARAM_GRADS.L};</li>
 *   <li>{@value #EMBEDDINGS}: the word-embedding matrix from {@code EMBEDDING_GRADS} and
 *       {@code TOKEN_IDS}, sparse over shared tokens (this is TracIn-WE);</li>
 *   <li>{@value #PROJECTED}: the random projection {@code PROJECTED_GRADS} (approximate; alone);</li>
 *   <li>{@value #ALL}: every captured group: all factored layers, all {@code PARAM_GRADS} groups and
 *       the embeddings (an error if both {@code PARAM_GRADS} and {@code EMBEDDING_GRADS} are present,
 *       since they may describe the same parameters: list the groups then);</li>
 *   <li>empty (the default): the <em>last dense layer before the head</em>, which Tan et al. (2023)
 *       found best. Among the factored dense layers of the store, the head is the last one and the
 *       default is the one before it. Their order is the integer attribute
 *       {@value #LAYER_INDEX_ATTRIBUTE} of {@code LAYER_OUTPUT_GRADS} when every factored layer
 *       carries it; otherwise the head is the unique layer whose output width is the number of
 *       classes K and the default is the unique other layer whose output width equals the head's
 *       input width (for {@code emb -> hid -> fc}: {@code hid}). Anything ambiguous is an error
 *       asking for {@code layers}.</li>
 * </ul>
 *
 * @param layers parameter groups as above; empty for the default
 * @param bias include the bias of factored dense layers (Captum's TracInCP does; its TracInCPFast
 *     does not)
 * @param embeddingTopK for {@value #EMBEDDINGS}: positions kept per example and checkpoint
 *     (TracIn-WE-Top-k), or 0 for all
 * @param useLearningRate weight checkpoint c by its learning rate eta_c (Pruthi et al. 2020, Eq. 1);
 *     {@code false} uses 1, with a warning through the run and a provenance record
 * @param checkpoints ids of the checkpoints to use; empty for every checkpoint holding gradients
 * @param maxMatrixBytes the largest {@code [test x train]} matrix {@code matrix()} builds (8 bytes
 *     per entry); beyond it use {@code topK(k)}
 */
public record TracInOptions(List<String> layers, boolean bias, int embeddingTopK, boolean useLearningRate,
        List<String> checkpoints, long maxMatrixBytes) {
    /** The group name selecting every captured group. */
    public static final String ALL = "all";
    /** The group name of the word embeddings ({@code EMBEDDING_GRADS} with {@code TOKEN_IDS}). */
    public static final String EMBEDDINGS = "EMBEDDING_GRADS";
    /** The group name of the projected gradients ({@code PROJECTED_GRADS}). */
    public static final String PROJECTED = "PROJECTED_GRADS";
    /** The artifact attribute giving a dense layer's 0-based position from the input. */
    public static final String LAYER_INDEX_ATTRIBUTE = "layer-index";

    /**
     * Validates and copies.
     *
     * @param layers parameter groups; empty for the default
     * @param bias include dense-layer biases
     * @param embeddingTopK positions kept for the embeddings, or 0 for all
     * @param useLearningRate weight checkpoints by eta_c
     * @param checkpoints checkpoint ids; empty for all holding gradients
     * @param maxMatrixBytes the largest matrix {@code matrix()} builds
     */
    public TracInOptions {
        layers = List.copyOf(layers);
        checkpoints = List.copyOf(checkpoints);
        if (embeddingTopK < 0) {
            throw new IllegalArgumentException("embeddingTopK must be >= 0 (0 = all positions), was " + embeddingTopK);
        }
        if (maxMatrixBytes < 0) {
            throw new IllegalArgumentException("maxMatrixBytes must be >= 0, was " + maxMatrixBytes);
        }
        if (layers.size() > 1 && (layers.contains(ALL) || layers.contains(PROJECTED))) {
            throw new IllegalArgumentException("layers " + layers + ": '" + ALL + "' and '" + PROJECTED
                    + "' must stand alone");
        }
    }

    /** @return the default layer, bias on, all positions, learning rates on, every checkpoint */
    public static TracInOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param we TracIn-WE options
     * @return the equivalent TracIn options: the embedding group only (Yeh et al. 2022)
     */
    public static TracInOptions of(TracInWeOptions we) {
        return new TracInOptions(List.of(EMBEDDINGS), true, we.topK(), we.useLearningRate(), we.checkpoints(),
                we.maxMatrixBytes());
    }

    /** @return the options as strings, for the SPI and provenance */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layers", layers.isEmpty() ? "default" : String.join(",", layers));
        m.put("bias", Boolean.toString(bias));
        m.put("embedding-top-k", Integer.toString(embeddingTopK));
        m.put("use-learning-rate", Boolean.toString(useLearningRate));
        m.put("checkpoints", String.join(",", checkpoints));
        m.put("max-matrix-bytes", Long.toString(maxMatrixBytes));
        return m;
    }

    /**
     * @param scorer the scorer's name, for messages
     * @param options {@code layers} (comma list, or {@code default}), {@code bias},
     *     {@code embedding-top-k}, {@code use-learning-rate}, {@code checkpoints} (comma list),
     *     {@code max-matrix-bytes}; unknown keys are errors
     * @return the options
     * @throws io.github.influence4j.core.exception.ConfigurationException for an unknown key or a bad value
     */
    public static TracInOptions fromMap(String scorer, Map<String, String> options) {
        OptionReader r = OptionReader.of(scorer, options);
        List<String> layers = r.list("layers");
        if (layers.equals(List.of("default"))) {
            layers = List.of();
        }
        TracInOptions o;
        try {
            o = new TracInOptions(layers, r.booleanValue("bias", true), r.intValue("embedding-top-k", 0, 0),
                    r.booleanValue("use-learning-rate", true), r.list("checkpoints"),
                    TracInWeOptions.parseBytes(scorer, r.string("max-matrix-bytes",
                            Long.toString(TracInWeOptions.DEFAULT_MAX_MATRIX_BYTES))));
        } catch (IllegalArgumentException e) {
            throw new io.github.influence4j.core.exception.ConfigurationException("scorer '" + scorer + "': " + e.getMessage(), e);
        }
        r.finish();
        return o;
    }

    /** Builds {@link TracInOptions}. */
    public static final class Builder {
        private List<String> layers = List.of();
        private boolean bias = true;
        private int embeddingTopK;
        private boolean useLearningRate = true;
        private List<String> checkpoints = List.of();
        private long maxMatrixBytes = TracInWeOptions.DEFAULT_MAX_MATRIX_BYTES;

        private Builder() {
        }

        /**
         * @param names parameter groups (see the class documentation); none for the default
         * @return this builder
         */
        public Builder layers(String... names) {
            this.layers = List.of(names);
            return this;
        }

        /**
         * @param include include the bias of factored dense layers (default true)
         * @return this builder
         */
        public Builder bias(boolean include) {
            this.bias = include;
            return this;
        }

        /**
         * @param k positions kept per example and checkpoint for the embeddings, or 0 for all
         * @return this builder
         */
        public Builder embeddingTopK(int k) {
            this.embeddingTopK = k;
            return this;
        }

        /**
         * @param use weight checkpoints by their learning rate (default true)
         * @return this builder
         */
        public Builder useLearningRate(boolean use) {
            this.useLearningRate = use;
            return this;
        }

        /**
         * @param ids checkpoint ids to use (empty: all holding gradients)
         * @return this builder
         */
        public Builder checkpoints(List<String> ids) {
            this.checkpoints = List.copyOf(ids);
            return this;
        }

        /**
         * @param bytes the largest matrix {@code matrix()} builds
         * @return this builder
         */
        public Builder maxMatrixBytes(long bytes) {
            this.maxMatrixBytes = bytes;
            return this;
        }

        /** @return the options */
        public TracInOptions build() {
            return new TracInOptions(layers, bias, embeddingTopK, useLearningRate, checkpoints, maxMatrixBytes);
        }
    }
}
