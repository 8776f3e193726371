package io.github.influence4j.scorers.tracinwe;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.OptionReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of TracIn-WE (Yeh et al. 2022). Immutable; {@link #defaults()} is plain TracIn-WE over
 * all positions, every checkpoint that holds {@code EMBEDDING_GRADS}, weighted by its learning
 * rate.
 *
 * <pre>{@code
 * TracInWeOptions top10 = TracInWeOptions.builder().topK(10).build();   // TracIn-WE-Top10
 * }</pre>
 *
 * @param topK positions kept per example and checkpoint (the k largest gradient-row norms, ties to
 *     the lower position; Yeh et al. 2022 Sec. 4 "TracIn-WE-Topk"), or 0 for all positions
 * @param useLearningRate weight checkpoint c by its learning rate eta_c (Pruthi et al. 2020, Eq. 1);
 *     {@code false} uses 1 for every checkpoint, with a warning and a provenance record
 * @param checkpoints ids of the checkpoints to use, in store order; empty for all that hold the
 *     artifacts
 * @param maxMatrixBytes the largest {@code [test x train]} matrix (8 bytes per entry) that
 *     {@code matrix()} builds; beyond it, use {@code topK(k)}
 */
public record TracInWeOptions(int topK, boolean useLearningRate, List<String> checkpoints, long maxMatrixBytes) {
    /** The default memory limit of an influence matrix: 512 MiB. */
    public static final long DEFAULT_MAX_MATRIX_BYTES = 512L << 20;

    /**
     * Validates and copies.
     *
     * @param topK positions kept per example and checkpoint, or 0 for all
     * @param useLearningRate weight checkpoints by eta_c
     * @param checkpoints checkpoint ids; empty for all holding the artifacts
     * @param maxMatrixBytes the largest matrix {@code matrix()} builds
     */
    public TracInWeOptions {
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = all positions), was " + topK);
        }
        if (maxMatrixBytes < 0) {
            throw new IllegalArgumentException("maxMatrixBytes must be >= 0, was " + maxMatrixBytes);
        }
        checkpoints = List.copyOf(checkpoints);
    }

    /** @return all positions, learning rates on, every checkpoint, 512 MiB matrices */
    public static TracInWeOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the options as strings, for the SPI and provenance */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("top-k", Integer.toString(topK));
        m.put("use-learning-rate", Boolean.toString(useLearningRate));
        m.put("checkpoints", String.join(",", checkpoints));
        m.put("max-matrix-bytes", Long.toString(maxMatrixBytes));
        return m;
    }

    /**
     * @param scorer the scorer's name, for messages
     * @param options {@code top-k}, {@code use-learning-rate}, {@code checkpoints} (comma list),
     *     {@code max-matrix-bytes}; unknown keys are errors
     * @param defaultTopK the top-k when the option is absent
     * @return the options
     * @throws io.github.influence4j.core.exception.ConfigurationException for an unknown key or a bad value
     */
    public static TracInWeOptions fromMap(String scorer, Map<String, String> options, int defaultTopK) {
        OptionReader r = OptionReader.of(scorer, options);
        TracInWeOptions o = new TracInWeOptions(r.intValue("top-k", defaultTopK, 0),
                r.booleanValue("use-learning-rate", true), r.list("checkpoints"),
                parseBytes(scorer, r.string("max-matrix-bytes", Long.toString(DEFAULT_MAX_MATRIX_BYTES))));
        r.finish();
        return o;
    }

    /**
     * @param scorer the scorer's name, for messages
     * @param value a byte count as text
     * @return the value
     * @throws ConfigurationException if it is not an integer {@code >= 0}
     */
    public static long parseBytes(String scorer, String value) {
        try {
            long v = Long.parseLong(value.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("scorer '" + scorer + "': option max-matrix-bytes='" + value
                + "' is invalid; expected an integer >= 0 (bytes)");
    }

    /** Builds {@link TracInWeOptions}. */
    public static final class Builder {
        private int topK;
        private boolean useLearningRate = true;
        private List<String> checkpoints = List.of();
        private long maxMatrixBytes = DEFAULT_MAX_MATRIX_BYTES;

        private Builder() {
        }

        /**
         * @param k positions kept per example and checkpoint, or 0 for all
         * @return this builder
         */
        public Builder topK(int k) {
            this.topK = k;
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
         * @param ids checkpoint ids to use (empty: all)
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
        public TracInWeOptions build() {
            return new TracInWeOptions(topK, useLearningRate, checkpoints, maxMatrixBytes);
        }
    }
}
