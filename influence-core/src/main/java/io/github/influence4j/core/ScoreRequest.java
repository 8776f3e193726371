// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What to score and how to report: an optional subset of example ids, a listener, a cancellation
 * token, and the number of examples read per chunk (0: the store's chunk size). Scores never
 * depend on the chunk size.
 *
 * <pre>{@code
 * ScoreRequest r = ScoreRequest.builder().examples(0, 5, 9).listener(myListener).build();
 * }</pre>
 */
public final class ScoreRequest {
    private static final ScoreRequest ALL = builder().build();

    private final int[] examples;
    private final ScoringListener listener;
    private final CancellationToken cancellation;
    private final int chunkSize;

    private ScoreRequest(Builder b) {
        this.examples = b.examples;
        this.listener = b.listener;
        this.cancellation = b.cancellation;
        this.chunkSize = b.chunkSize;
    }

    /** @return a request for every example, with no listener */
    public static ScoreRequest allExamples() {
        return ALL;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the sorted, distinct example ids to score, or empty for all */
    public Optional<int[]> examples() {
        return Optional.ofNullable(examples).map(int[]::clone);
    }

    /** @return the listener */
    public ScoringListener listener() {
        return listener;
    }

    /** @return the cancellation token */
    public CancellationToken cancellation() {
        return cancellation;
    }

    /** @return examples per chunk read, or 0 for the store's chunk size */
    public int chunkSize() {
        return chunkSize;
    }

    /** Builds a {@link ScoreRequest}. */
    public static final class Builder {
        private int[] examples;
        private ScoringListener listener = ScoringListener.NONE;
        private CancellationToken cancellation = CancellationToken.NEVER;
        private int chunkSize;

        private Builder() {
        }

        /**
         * @param ids example ids to score (sorted and de-duplicated here), each {@code >= 0}
         * @return this builder
         */
        public Builder examples(int... ids) {
            int[] s = Arrays.stream(ids).sorted().distinct().toArray();
            if (s.length > 0 && s[0] < 0) {
                throw new IllegalArgumentException("example ids must be >= 0, got " + s[0]);
            }
            this.examples = s;
            return this;
        }

        /**
         * @param l the listener
         * @return this builder
         */
        public Builder listener(ScoringListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /**
         * @param token the cancellation token
         * @return this builder
         */
        public Builder cancellation(CancellationToken token) {
            this.cancellation = Objects.requireNonNull(token, "cancellation");
            return this;
        }

        /**
         * @param size examples per chunk read, {@code >= 1}, or 0 for the store's chunk size
         * @return this builder
         */
        public Builder chunkSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("chunk size must be >= 0 (0 = the store's), was " + size);
            }
            this.chunkSize = size;
            return this;
        }

        /** @return the request */
        public ScoreRequest build() {
            return new ScoreRequest(this);
        }
    }
}
