// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One observation of the model at a training step (docs/DESIGN.md section 2.1).
 *
 * <pre>{@code
 * Checkpoint c = Checkpoint.builder("epoch-3").step(1200).epoch(3).learningRate(1e-3).seed(42).build();
 * }</pre>
 *
 * @param id unique id within the store (letters, digits, {@code _}, {@code -}, {@code .}); also a
 *     directory name in the file store
 * @param step the optimizer step (iteration) at which the model was observed, {@code >= 0}
 * @param epoch the epoch in progress (0-based), {@code >= 0}
 * @param learningRate the learning rate in force at this step: eta_c of TracIn (Pruthi et al. 2020,
 *     Eq. 1); finite and {@code >= 0}
 * @param seed the seed of the training run
 */
public record Checkpoint(String id, long step, int epoch, double learningRate, long seed) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * Validates the checkpoint.
     *
     * @param id unique id within the store (letters, digits, {@code _}, {@code -}, {@code .}); also a
     *     directory name in the file store
     * @param step the optimizer step (iteration) at which the model was observed, {@code >= 0}
     * @param epoch the epoch in progress (0-based), {@code >= 0}
     * @param learningRate the learning rate in force at this step: eta_c of TracIn (Pruthi et al. 2020,
     *     Eq. 1); finite and {@code >= 0}
     * @param seed the seed of the training run
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("checkpoint id '" + id
                    + "' may hold only letters, digits, '_', '-' and '.' (it becomes a directory name)");
        }
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint '" + id + "': step must be >= 0, was " + step);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("checkpoint '" + id + "': epoch must be >= 0, was " + epoch);
        }
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new IllegalArgumentException("checkpoint '" + id
                    + "': learning rate must be finite and >= 0, was " + learningRate);
        }
    }

    /**
     * @param id the checkpoint id (letters, digits, {@code _}, {@code -}, {@code .})
     * @return a builder: {@link Builder#step} and {@link Builder#learningRate} are required, the
     *     epoch and the seed default to 0
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Builds a {@link Checkpoint} by name rather than by position, so that adding a field does not
     * break callers. Each setter may be called once; {@link #build()} validates.
     */
    public static final class Builder {
        private final String id;
        private @Nullable Long step;
        private @Nullable Integer epoch;
        private @Nullable Double learningRate;
        private @Nullable Long seed;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * @param value the optimizer step (iteration), {@code >= 0}; required
         * @return this
         */
        public Builder step(long value) {
            step = once("step", step, value);
            return this;
        }

        /**
         * @param value the epoch in progress (0-based), {@code >= 0}; default 0
         * @return this
         */
        public Builder epoch(int value) {
            epoch = once("epoch", epoch, value);
            return this;
        }

        /**
         * @param value the learning rate in force at this step (eta of TracIn), finite and {@code >= 0}; required
         * @return this
         */
        public Builder learningRate(double value) {
            learningRate = once("learningRate", learningRate, value);
            return this;
        }

        /**
         * @param value the seed of the training run; default 0
         * @return this
         */
        public Builder seed(long value) {
            seed = once("seed", seed, value);
            return this;
        }

        /**
         * @return the checkpoint
         * @throws IllegalStateException if the step or the learning rate was not set
         * @throws IllegalArgumentException naming the field and the bad value
         */
        public Checkpoint build() {
            if (step == null || learningRate == null) {
                throw new IllegalStateException("checkpoint '" + id + "': set " + (step == null ? "step" : "")
                        + (step == null && learningRate == null ? " and " : "")
                        + (learningRate == null ? "learningRate" : "") + " before build()");
            }
            return new Checkpoint(id, step, epoch == null ? 0 : epoch, learningRate, seed == null ? 0 : seed);
        }

        private <T> T once(String field, @Nullable T current, T value) {
            if (current != null) {
                throw new IllegalStateException("checkpoint '" + id + "': " + field + " is already set to " + current);
            }
            return value;
        }
    }
}
