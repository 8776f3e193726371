package io.github.influence4j.scorers.vog;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.OptionReader;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import io.github.influence4j.scorers.internal.Once;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Options of Variance of Gradients.
 *
 * <pre>{@code
 * VogOptions o = VogOptions.builder().spread(Spread.STD).normalization(Normalization.NONE).build();
 * InfluenceScores vog = Scorers.vog(store, o).score();
 * }</pre>
 *
 * @param spread variance (default, Tan et al. 2023) or standard deviation (Agarwal et al. 2022)
 * @param normalization class z-score (default), dataset z-score or none
 * @param checkpoints ids of the checkpoints to use, or empty for every checkpoint holding
 *     {@code INPUT_GRADS}; at least 2 must result
 */
public record VogOptions(Spread spread, Normalization normalization, List<String> checkpoints) {
    /** Option key of {@link #spread()}: {@code VARIANCE} or {@code STD}. */
    public static final String SPREAD = "spread";
    /** Option key of {@link #normalization()}: {@code CLASS}, {@code DATASET} or {@code NONE}. */
    public static final String NORMALIZATION = "normalization";
    /** Option key of {@link #checkpoints()}: comma-separated ids. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException for a blank or repeated checkpoint id
     * @param spread see the record component
     * @param normalization see the record component
     * @param checkpoints see the record component
     */
    public VogOptions {
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(normalization, "normalization");
        checkpoints = CheckpointSelection.checkIds(VogScorer.NAME, checkpoints);
    }

    /** @return variance, class normalisation, all checkpoints */
    public static VogOptions defaults() {
        return new VogOptions(Spread.VARIANCE, Normalization.CLASS, List.of());
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the options as strings, for the SPI and provenance ({@link #fromMap} reads them back) */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        m.put(SPREAD, spread.name());
        m.put(NORMALIZATION, normalization.name());
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
    public static VogOptions fromMap(Map<String, String> options) {
        OptionReader r = OptionReader.of(VogScorer.NAME, options);
        Spread s = r.enumValue(SPREAD, Spread.class, Spread.VARIANCE);
        Normalization n = r.enumValue(NORMALIZATION, Normalization.class, Normalization.CLASS);
        List<String> c = r.list(CHECKPOINTS);
        r.finish();
        try {
            return new VogOptions(s, n, c);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Builds {@link VogOptions}; each setter may be called once. */
    public static final class Builder {
        private Spread spread;
        private Normalization normalization;
        private List<String> checkpoints;

        private Builder() {
        }

        /**
         * @param value the spread
         * @return this builder
         */
        public Builder spread(Spread value) {
            spread = Once.set(spread, value, VogScorer.NAME, SPREAD);
            return this;
        }

        /**
         * @param value the normalisation
         * @return this builder
         */
        public Builder normalization(Normalization value) {
            normalization = Once.set(normalization, value, VogScorer.NAME, NORMALIZATION);
            return this;
        }

        /**
         * @param ids checkpoint ids (at least 2 for VoG)
         * @return this builder
         */
        public Builder checkpoints(String... ids) {
            checkpoints = Once.set(checkpoints, List.of(ids), VogScorer.NAME, CHECKPOINTS);
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if exactly one checkpoint was named (VoG needs 2)
         */
        public VogOptions build() {
            List<String> c = checkpoints == null ? List.of() : checkpoints;
            if (c.size() == 1) {
                throw new IllegalArgumentException("vog: one checkpoint named (" + c
                        + "); the variance across checkpoints needs at least 2");
            }
            return new VogOptions(spread == null ? Spread.VARIANCE : spread,
                    normalization == null ? Normalization.CLASS : normalization, c);
        }
    }
}
