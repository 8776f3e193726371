// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When to capture during a training run: the steps and epoch ends at which a full checkpoint (the
 * kinds of a {@link CaptureSpec}) is captured, plus an optional cheap {@code LOGITS}-only cadence.
 * Shared by the SameDiff and the DL4J capture listeners.
 *
 * <pre>{@code
 * // 10 evenly spaced checkpoints (Tan et al. 2023), plus logits every 50 steps during the first 2
 * // epochs for forgetting (Toneva et al. 2019; Tan et al. App. B)
 * CaptureSchedule s = CaptureSchedule.evenlySpaced(10).withLogitsCadence(50, 2);
 * // after every 100 steps and at the end of epochs 0 and 4
 * CaptureSchedule t = CaptureSchedule.builder().everyIterations(100).atEpochEnds(0, 4).build();
 * }</pre>
 *
 * <p>A step is the number of optimizer updates completed (1 = after the first update); epochs are
 * 0-based.
 *
 * @param evenlySpacedCheckpoints n checkpoints at steps {@code max(1, round(k T / n))}, k = 1..n, for a
 *     run of T steps (the last at the end of training); 0 for none. Needs the run length T.
 * @param everyIterations a checkpoint when the step is a multiple of this; 0 for none
 * @param iterations a checkpoint after each of these steps ({@code >= 1})
 * @param everyEpochs a checkpoint at the end of epoch e when {@code (e + 1)} is a multiple of this;
 *     0 for none
 * @param epochs a checkpoint at the end of each of these epochs ({@code >= 0})
 * @param logitsEveryIterations a {@code LOGITS}-only checkpoint every this many steps; 0 for none.
 *     Needs the run length.
 * @param logitsUntilEpoch the logits cadence stops after this many epochs (steps {@code <= E x
 *     stepsPerEpoch}); ignored when the cadence is off
 */
public record CaptureSchedule(int evenlySpacedCheckpoints, int everyIterations, Set<Long> iterations, int everyEpochs,
        Set<Integer> epochs, int logitsEveryIterations, int logitsUntilEpoch) {
    /**
     * Validates the fields and copies the sets.
     *
     * @param evenlySpacedCheckpoints n checkpoints at steps {@code max(1, round(k T / n))}, k = 1..n, for a
     *     run of T steps (the last at the end of training); 0 for none. Needs the run length T.
     * @param everyIterations a checkpoint when the step is a multiple of this; 0 for none
     * @param iterations a checkpoint after each of these steps ({@code >= 1})
     * @param everyEpochs a checkpoint at the end of epoch e when {@code (e + 1)} is a multiple of this;
     *     0 for none
     * @param epochs a checkpoint at the end of each of these epochs ({@code >= 0})
     * @param logitsEveryIterations a {@code LOGITS}-only checkpoint every this many steps; 0 for none.
     *     Needs the run length.
     * @param logitsUntilEpoch the logits cadence stops after this many epochs (steps {@code <= E x
     *     stepsPerEpoch}); ignored when the cadence is off
     */
    public CaptureSchedule {
        if (evenlySpacedCheckpoints < 0 || everyIterations < 0 || everyEpochs < 0 || logitsEveryIterations < 0
                || logitsUntilEpoch < 0) {
            throw new IllegalArgumentException("cadences must be >= 0 (0 = none): evenlySpaced=" + evenlySpacedCheckpoints
                    + ", everyIterations=" + everyIterations + ", everyEpochs=" + everyEpochs + ", logitsEvery="
                    + logitsEveryIterations + ", logitsUntilEpoch=" + logitsUntilEpoch);
        }
        iterations = Set.copyOf(new TreeSet<>(iterations));
        epochs = Set.copyOf(new TreeSet<>(epochs));
        if (iterations.stream().anyMatch(i -> i < 1) || epochs.stream().anyMatch(e -> e < 0)) {
            throw new IllegalArgumentException("steps must be >= 1 and epochs >= 0, were " + new TreeSet<>(iterations)
                    + " and " + new TreeSet<>(epochs));
        }
    }

    /** @return a builder of an empty schedule (no capture until something is set) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param n checkpoints per run, {@code >= 0} (0: none, e.g. before {@link #withLogitsCadence})
     * @return n evenly spaced checkpoints
     */
    public static CaptureSchedule evenlySpaced(int n) {
        return builder().evenlySpaced(n).build();
    }

    /**
     * @param n capture after steps n, 2n, 3n, ...; {@code >= 1}
     * @return the schedule
     */
    public static CaptureSchedule everyIterations(int n) {
        return builder().everyIterations(n).build();
    }

    /**
     * @param steps numbers of completed steps (1-based) after which to capture
     * @return the schedule
     */
    public static CaptureSchedule atIterations(long... steps) {
        return builder().atIterations(steps).build();
    }

    /**
     * @param n capture at the end of epochs n-1, 2n-1, ... (0-based), that is after every n epochs; {@code >= 1}
     * @return the schedule
     */
    public static CaptureSchedule everyEpochs(int n) {
        return builder().everyEpochs(n).build();
    }

    /**
     * @param epochs 0-based epochs at whose end to capture
     * @return the schedule
     */
    public static CaptureSchedule atEpochEnds(int... epochs) {
        return builder().atEpochEnds(epochs).build();
    }

    /**
     * @param every steps between logits-only checkpoints, {@code >= 0} (0: none)
     * @param untilEpoch epochs during which the cadence runs
     * @return a copy with this logits-only cadence
     */
    public CaptureSchedule withLogitsCadence(int every, int untilEpoch) {
        return new CaptureSchedule(evenlySpacedCheckpoints, everyIterations, iterations, everyEpochs, epochs, every,
                untilEpoch);
    }

    /**
     * @param other another schedule
     * @return a schedule that captures when either does; for each cadence (evenly spaced, every n
     *     steps, every n epochs, logits) this one's if set, else the other's
     */
    public CaptureSchedule and(CaptureSchedule other) {
        Set<Long> its = new TreeSet<>(iterations);
        its.addAll(other.iterations);
        Set<Integer> eps = new TreeSet<>(epochs);
        eps.addAll(other.epochs);
        boolean logits = logitsEveryIterations != 0;
        return new CaptureSchedule(evenlySpacedCheckpoints != 0 ? evenlySpacedCheckpoints : other.evenlySpacedCheckpoints,
                everyIterations != 0 ? everyIterations : other.everyIterations, its,
                everyEpochs != 0 ? everyEpochs : other.everyEpochs, eps,
                logits ? logitsEveryIterations : other.logitsEveryIterations,
                logits ? logitsUntilEpoch : other.logitsUntilEpoch);
    }

    /**
     * @return whether resolving this schedule needs the run's length ({@link #resolve}): evenly
     *     spaced checkpoints or a logits cadence
     */
    public boolean needsRunLength() {
        return evenlySpacedCheckpoints > 0 || logitsEveryIterations > 0;
    }

    /**
     * Whether a full checkpoint falls after a step by the rules that need no run length (every n
     * steps, given steps); for listeners that do not know the run's length in advance.
     *
     * @param stepsDone optimizer steps completed
     * @return whether to capture now
     */
    public boolean afterStep(long stepsDone) {
        return (everyIterations > 0 && stepsDone % everyIterations == 0) || iterations.contains(stepsDone);
    }

    /**
     * @param epoch the 0-based epoch just finished
     * @return whether a full checkpoint falls at its end
     */
    public boolean atEpochEnd(int epoch) {
        return (everyEpochs > 0 && (epoch + 1) % everyEpochs == 0) || epochs.contains(epoch);
    }

    /**
     * Resolves the schedule for a run of known length: which step captures what. An epoch end is
     * the step {@code (e + 1) x stepsPerEpoch}. Steps beyond the run are dropped. Where a full
     * checkpoint and a logits-only one fall on the same step, the full one wins (it holds the logits
     * too).
     *
     * @param totalSteps T, optimizer steps in the run, {@code >= 1}
     * @param stepsPerEpoch optimizer steps per epoch, {@code >= 1}
     * @param kinds what a full checkpoint captures (usually {@link CaptureSpec#kinds()})
     * @return step to kinds, ascending
     */
    public NavigableMap<Long, Set<ArtifactKind>> resolve(long totalSteps, int stepsPerEpoch, Set<ArtifactKind> kinds) {
        if (totalSteps < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("totalSteps and stepsPerEpoch must be >= 1, were " + totalSteps + ", "
                    + stepsPerEpoch);
        }
        TreeMap<Long, Set<ArtifactKind>> s = new TreeMap<>();
        if (logitsEveryIterations > 0) {
            long until = Math.min(totalSteps, (long) logitsUntilEpoch * stepsPerEpoch);
            for (long t = logitsEveryIterations; t <= until; t += logitsEveryIterations) {
                s.put(t, Set.of(ArtifactKind.LOGITS));
            }
        }
        Set<Long> full = new HashSet<>();
        for (int k = 1; k <= evenlySpacedCheckpoints; k++) {
            full.add(Math.max(1, Math.round(k * (double) totalSteps / evenlySpacedCheckpoints)));
        }
        if (everyIterations > 0) {
            for (long t = everyIterations; t <= totalSteps; t += everyIterations) {
                full.add(t);
            }
        }
        iterations.stream().filter(t -> t <= totalSteps).forEach(full::add);
        long lastEpoch = totalSteps / stepsPerEpoch; // epochs 0 .. lastEpoch - 1 end within the run
        for (int e = 0; e < lastEpoch; e++) {
            if (atEpochEnd(e)) {
                full.add((e + 1L) * stepsPerEpoch);
            }
        }
        Set<ArtifactKind> fullKinds = Set.copyOf(kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds));
        for (long t : full) {
            s.put(t, fullKinds);
        }
        return s;
    }

    /** Configures a {@link CaptureSchedule}; every cadence is off until set. */
    public static final class Builder {
        private int evenlySpaced;
        private int everyIterations;
        private final Set<Long> iterations = new TreeSet<>();
        private int everyEpochs;
        private final Set<Integer> epochs = new TreeSet<>();
        private int logitsEvery;
        private int logitsUntilEpoch;

        private Builder() {
        }

        /**
         * @param n evenly spaced checkpoints per run, {@code >= 0}
         * @return this builder
         */
        public Builder evenlySpaced(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("number of evenly spaced checkpoints must be >= 0, was " + n);
            }
            this.evenlySpaced = n;
            return this;
        }

        /**
         * @param n capture after every n steps, {@code >= 1}
         * @return this builder
         */
        public Builder everyIterations(int n) {
            this.everyIterations = positive(n, "everyIterations");
            return this;
        }

        /**
         * @param steps capture after these numbers of completed steps ({@code >= 1}); adds to earlier calls
         * @return this builder
         */
        public Builder atIterations(long... steps) {
            for (long s : steps) {
                iterations.add(s);
            }
            return this;
        }

        /**
         * @param n capture at the end of every n-th epoch, {@code >= 1}
         * @return this builder
         */
        public Builder everyEpochs(int n) {
            this.everyEpochs = positive(n, "everyEpochs");
            return this;
        }

        /**
         * @param e 0-based epochs at whose end to capture; adds to earlier calls
         * @return this builder
         */
        public Builder atEpochEnds(int... e) {
            for (int x : e) {
                epochs.add(x);
            }
            return this;
        }

        /**
         * @param every a {@code LOGITS}-only checkpoint every this many steps, {@code >= 1}
         * @param untilEpoch during the first this many epochs, {@code >= 0}
         * @return this builder
         */
        public Builder logitsCadence(int every, int untilEpoch) {
            this.logitsEvery = positive(every, "logits cadence");
            if (untilEpoch < 0) {
                throw new IllegalArgumentException("untilEpoch must be >= 0, was " + untilEpoch);
            }
            this.logitsUntilEpoch = untilEpoch;
            return this;
        }

        /** @return the schedule */
        public CaptureSchedule build() {
            return new CaptureSchedule(evenlySpaced, everyIterations, iterations, everyEpochs, epochs, logitsEvery,
                    logitsUntilEpoch);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " interval must be >= 1, was " + n);
            }
            return n;
        }
    }
}
