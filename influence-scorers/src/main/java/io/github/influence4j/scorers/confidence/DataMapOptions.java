package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.OptionReader;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import io.github.influence4j.scorers.internal.Once;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the data map (Swayamdipta et al. 2020): confidence, variability and correctness.
 *
 * <pre>{@code
 * DataMapOptions o = DataMapOptions.builder().checkpoints("epoch-1", "epoch-2").build();
 * }</pre>
 *
 * @param checkpoints ids of the checkpoints to use (kept in training order), or empty for every
 *     checkpoint holding {@code LOGITS}
 */
public record DataMapOptions(List<String> checkpoints) {
    /** Option key of {@link #checkpoints()}: comma-separated ids. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException for a blank or repeated checkpoint id
     * @param checkpoints see the record component
     */
    public DataMapOptions {
        checkpoints = CheckpointSelection.checkIds(DataMapScorer.NAME_PREFIX, checkpoints);
    }

    /** @return every checkpoint holding {@code LOGITS} */
    public static DataMapOptions defaults() {
        return new DataMapOptions(List.of());
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the options as strings, for the SPI and provenance ({@link #fromMap} reads them back) */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
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
    public static DataMapOptions fromMap(Map<String, String> options) {
        return fromMap(DataMapScorer.NAME_PREFIX, options);
    }

    static DataMapOptions fromMap(String scorer, Map<String, String> options) {
        OptionReader r = OptionReader.of(scorer, options);
        List<String> c = r.list(CHECKPOINTS);
        r.finish();
        try {
            return new DataMapOptions(c);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Builds {@link DataMapOptions}; each setter may be called once. */
    public static final class Builder {
        private List<String> checkpoints;

        private Builder() {
        }

        /**
         * @param ids checkpoint ids
         * @return this builder
         */
        public Builder checkpoints(String... ids) {
            checkpoints = Once.set(checkpoints, List.of(ids), DataMapScorer.NAME_PREFIX, CHECKPOINTS);
            return this;
        }

        /** @return the options */
        public DataMapOptions build() {
            return new DataMapOptions(checkpoints == null ? List.of() : checkpoints);
        }
    }
}
