package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.OptionReader;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import io.github.influence4j.scorers.internal.Once;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of pointwise V-information (Ethayarajh et al. 2022).
 *
 * <pre>{@code
 * PviOptions o = PviOptions.builder().checkpoints("epoch-1", "epoch-2").build();
 * }</pre>
 *
 * @param checkpoints ids of the checkpoints to use (kept in training order; PVI is averaged over
 *     them), or empty for the last checkpoint holding {@code LOGITS} and {@code NULL_LOGITS} (the
 *     trained models, as in Ethayarajh et al. 2022)
 */
public record PviOptions(List<String> checkpoints) {
    /** Option key of {@link #checkpoints()}: comma-separated ids. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException for a blank or repeated checkpoint id
     * @param checkpoints see the record component
     */
    public PviOptions {
        checkpoints = CheckpointSelection.checkIds(PviScorer.NAME, checkpoints);
    }

    /** @return the last checkpoint holding {@code LOGITS} and {@code NULL_LOGITS} */
    public static PviOptions defaults() {
        return new PviOptions(List.of());
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
    public static PviOptions fromMap(Map<String, String> options) {
        return fromMap(PviScorer.NAME, options);
    }

    static PviOptions fromMap(String scorer, Map<String, String> options) {
        OptionReader r = OptionReader.of(scorer, options);
        List<String> c = r.list(CHECKPOINTS);
        r.finish();
        try {
            return new PviOptions(c);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Builds {@link PviOptions}; each setter may be called once. */
    public static final class Builder {
        private List<String> checkpoints;

        private Builder() {
        }

        /**
         * @param ids checkpoint ids
         * @return this builder
         */
        public Builder checkpoints(String... ids) {
            checkpoints = Once.set(checkpoints, List.of(ids), PviScorer.NAME, CHECKPOINTS);
            return this;
        }

        /** @return the options */
        public PviOptions build() {
            return new PviOptions(checkpoints == null ? List.of() : checkpoints);
        }
    }
}
