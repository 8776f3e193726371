package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.OptionReader;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import io.github.influence4j.scorers.internal.Once;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Options of GraNd (Paul et al. 2021): which parameter groups make up theta in ||grad_theta L||_2.
 *
 * <pre>{@code
 * GrandOptions lastLayer = GrandOptions.builder().layers("fc").build();        // ||delta|| sqrt(||a||^2 + 1)
 * GrandOptions full = GrandOptions.builder().layers("hid", "fc").embeddings(true).build();
 * }</pre>
 *
 * @param layers dense layers whose gradient is taken in factored form from {@code LAYER_INPUTS}
 *     (a) and {@code LAYER_OUTPUT_GRADS} (delta): ||dL/dW||^2 + ||dL/db||^2 = ||delta||^2 (||a||^2 + 1)
 * @param paramGroups parameter groups whose per-example gradient is stored densely in
 *     {@code PARAM_GRADS}
 * @param embeddings whether to add the word-embedding matrix, from {@code EMBEDDING_GRADS} and
 *     {@code TOKEN_IDS}: ||dL/dE||^2 = sum_w ||sum_{t: x_t = w} g_t||^2
 * @param bias whether the factored layers have a bias (the {@code + 1} above); false gives the
 *     weight-only norm ||delta|| ||a||
 * @param checkpoints ids of the checkpoints to use, or empty for every checkpoint holding the
 *     selected artifacts; the score is the mean over them
 */
public record GrandOptions(List<String> layers, List<String> paramGroups, boolean embeddings, boolean bias,
        List<String> checkpoints) {
    /** Option key of {@link #layers()}: comma-separated layer names. */
    public static final String LAYERS = "layers";
    /** Option key of {@link #paramGroups()}: comma-separated parameter-group names. */
    public static final String PARAM_GROUPS = "param-groups";
    /** Option key of {@link #embeddings()}: true or false. */
    public static final String EMBEDDINGS = "embeddings";
    /** Option key of {@link #bias()}: true or false. */
    public static final String BIAS = "bias";
    /** Option key of {@link #checkpoints()}: comma-separated ids. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException for a blank or repeated name or id
     * @param layers see the record component
     * @param paramGroups see the record component
     * @param embeddings see the record component
     * @param bias see the record component
     * @param checkpoints see the record component
     */
    public GrandOptions {
        layers = names("layer", layers);
        paramGroups = names("parameter group", paramGroups);
        checkpoints = CheckpointSelection.checkIds(GrandScorer.NAME, checkpoints);
    }

    private static List<String> names(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n.isBlank() || !seen.add(n)) {
                throw new IllegalArgumentException("grand: " + (n.isBlank() ? "blank " + what + " name" : what + " '" + n
                        + "' named twice") + " in " + names);
            }
        }
        return List.copyOf(names);
    }

    /**
     * @return true when no group is named (no layer, no parameter group, no embeddings): the scorer
     *     then uses every factored layer and parameter group the store holds
     */
    public boolean automatic() {
        return layers.isEmpty() && paramGroups.isEmpty() && !embeddings;
    }

    /** @return every factored layer and parameter group in the store, with bias, all checkpoints */
    public static GrandOptions defaults() {
        return new GrandOptions(List.of(), List.of(), false, true, List.of());
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the options as strings, for the SPI and provenance ({@link #fromMap} reads them back) */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        if (!layers.isEmpty()) {
            m.put(LAYERS, String.join(",", layers));
        }
        if (!paramGroups.isEmpty()) {
            m.put(PARAM_GROUPS, String.join(",", paramGroups));
        }
        m.put(EMBEDDINGS, Boolean.toString(embeddings));
        m.put(BIAS, Boolean.toString(bias));
        if (!checkpoints.isEmpty()) {
            m.put(CHECKPOINTS, String.join(",", checkpoints));
        }
        return m;
    }

    /**
     * @param options options as strings; missing keys take their defaults
     * @return the options
     * @throws ConfigurationException for an unknown key or a bad value, naming both
     */
    public static GrandOptions fromMap(Map<String, String> options) {
        OptionReader r = OptionReader.of(GrandScorer.NAME, options);
        List<String> l = r.list(LAYERS);
        List<String> p = r.list(PARAM_GROUPS);
        boolean e = r.booleanValue(EMBEDDINGS, false);
        boolean b = r.booleanValue(BIAS, true);
        List<String> c = r.list(CHECKPOINTS);
        r.finish();
        try {
            return new GrandOptions(l, p, e, b, c);
        } catch (IllegalArgumentException ex) {
            throw new ConfigurationException(ex.getMessage(), ex);
        }
    }

    /** Builds {@link GrandOptions}; each setter may be called once. */
    public static final class Builder {
        private List<String> layers;
        private List<String> paramGroups;
        private Boolean embeddings;
        private Boolean bias;
        private List<String> checkpoints;

        private Builder() {
        }

        /**
         * @param names dense layers captured as {@code LAYER_INPUTS}/{@code LAYER_OUTPUT_GRADS}
         * @return this builder
         */
        public Builder layers(String... names) {
            layers = Once.set(layers, List.of(names), GrandScorer.NAME, LAYERS);
            return this;
        }

        /**
         * @param names parameter groups captured as {@code PARAM_GRADS}
         * @return this builder
         */
        public Builder paramGroups(String... names) {
            paramGroups = Once.set(paramGroups, List.of(names), GrandScorer.NAME, PARAM_GROUPS);
            return this;
        }

        /**
         * @param value whether to include the word-embedding matrix
         * @return this builder
         */
        public Builder embeddings(boolean value) {
            embeddings = Once.set(embeddings, value, GrandScorer.NAME, EMBEDDINGS);
            return this;
        }

        /**
         * @param value whether the factored layers have a bias
         * @return this builder
         */
        public Builder bias(boolean value) {
            bias = Once.set(bias, value, GrandScorer.NAME, BIAS);
            return this;
        }

        /**
         * @param ids checkpoint ids
         * @return this builder
         */
        public Builder checkpoints(String... ids) {
            checkpoints = Once.set(checkpoints, List.of(ids), GrandScorer.NAME, CHECKPOINTS);
            return this;
        }

        /** @return the options */
        public GrandOptions build() {
            return new GrandOptions(layers == null ? List.of() : layers, paramGroups == null ? List.of() : paramGroups,
                    embeddings != null && embeddings, bias == null || bias, checkpoints == null ? List.of() : checkpoints);
        }
    }
}
