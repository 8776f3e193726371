package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.OptionReader;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import io.github.influence4j.scorers.internal.Once;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Options of forgetting events (Toneva et al. 2019).
 *
 * <pre>{@code
 * ForgettingOptions o = ForgettingOptions.builder().neverLearned(NeverLearned.INFINITY).build();
 * }</pre>
 *
 * @param checkpoints ids of the checkpoints to use (kept in training order), or empty for every
 *     checkpoint holding {@code LOGITS}; dense dynamics logging is many checkpoints holding only
 *     {@code LOGITS}
 * @param neverLearned the score of an example never classified correctly
 */
public record ForgettingOptions(List<String> checkpoints, NeverLearned neverLearned) {
    /** Option key of {@link #checkpoints()}: comma-separated ids. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Option key of {@link #neverLearned()}: {@code CHECKPOINT_COUNT} or {@code INFINITY}. */
    public static final String NEVER_LEARNED = "never-learned";

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException for a blank or repeated checkpoint id
     * @param checkpoints see the record component
     * @param neverLearned see the record component
     */
    public ForgettingOptions {
        checkpoints = CheckpointSelection.checkIds(ForgettingScorer.NAME, checkpoints);
        Objects.requireNonNull(neverLearned, "neverLearned");
    }

    /** @return every checkpoint holding {@code LOGITS}; never-learned examples get C */
    public static ForgettingOptions defaults() {
        return new ForgettingOptions(List.of(), NeverLearned.CHECKPOINT_COUNT);
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
        m.put(NEVER_LEARNED, neverLearned.name());
        return m;
    }

    /**
     * @param options options as strings; missing keys take their defaults
     * @return the options
     * @throws ConfigurationException for an unknown key or a bad value, naming both
     */
    public static ForgettingOptions fromMap(Map<String, String> options) {
        OptionReader r = OptionReader.of(ForgettingScorer.NAME, options);
        List<String> c = r.list(CHECKPOINTS);
        NeverLearned nl = r.enumValue(NEVER_LEARNED, NeverLearned.class, NeverLearned.CHECKPOINT_COUNT);
        r.finish();
        try {
            return new ForgettingOptions(c, nl);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Builds {@link ForgettingOptions}; each setter may be called once. */
    public static final class Builder {
        private List<String> checkpoints;
        private NeverLearned neverLearned;

        private Builder() {
        }

        /**
         * @param ids checkpoint ids
         * @return this builder
         */
        public Builder checkpoints(String... ids) {
            checkpoints = Once.set(checkpoints, List.of(ids), ForgettingScorer.NAME, CHECKPOINTS);
            return this;
        }

        /**
         * @param value the score of never-learned examples
         * @return this builder
         */
        public Builder neverLearned(NeverLearned value) {
            neverLearned = Once.set(neverLearned, value, ForgettingScorer.NAME, NEVER_LEARNED);
            return this;
        }

        /** @return the options */
        public ForgettingOptions build() {
            return new ForgettingOptions(checkpoints == null ? List.of() : checkpoints,
                    neverLearned == null ? NeverLearned.CHECKPOINT_COUNT : neverLearned);
        }
    }
}
