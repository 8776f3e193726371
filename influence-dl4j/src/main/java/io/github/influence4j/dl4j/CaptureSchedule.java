package io.github.influence4j.dl4j;

import java.util.Set;
import java.util.TreeSet;

/**
 * When a {@link Dl4jCaptureListener} captures: after every n-th optimizer step, after given steps,
 * at the end of every n-th epoch, or at the end of given epochs; {@link #and} combines schedules.
 *
 * @param everyIterations capture when the number of completed steps is a multiple of this; 0 = never
 * @param iterations capture when the number of completed steps is one of these (1-based: 1 = after
 *     the first step)
 * @param everyEpochs capture at the end of epoch e (0-based) when {@code (e + 1)} is a multiple of
 *     this; 0 = never
 * @param epochs capture at the end of these epochs (0-based)
 */
public record CaptureSchedule(int everyIterations, Set<Integer> iterations, int everyEpochs, Set<Integer> epochs) {
    /** Validates and copies. */
    public CaptureSchedule {
        if (everyIterations < 0 || everyEpochs < 0) {
            throw new IllegalArgumentException("intervals must be >= 0 (0 = never), were everyIterations="
                    + everyIterations + ", everyEpochs=" + everyEpochs);
        }
        iterations = Set.copyOf(new TreeSet<>(iterations));
        epochs = Set.copyOf(new TreeSet<>(epochs));
        if (iterations.stream().anyMatch(i -> i < 1) || epochs.stream().anyMatch(e -> e < 0)) {
            throw new IllegalArgumentException("steps must be >= 1 and epochs >= 0, were " + iterations + " and " + epochs);
        }
    }

    /**
     * @param n capture after steps n, 2n, 3n, ...
     * @return the schedule
     */
    public static CaptureSchedule everyIterations(int n) {
        positive(n);
        return new CaptureSchedule(n, Set.of(), 0, Set.of());
    }

    /**
     * @param steps numbers of completed steps (1-based) after which to capture
     * @return the schedule
     */
    public static CaptureSchedule atIterations(int... steps) {
        return new CaptureSchedule(0, toSet(steps), 0, Set.of());
    }

    /**
     * @param n capture at the end of epochs n-1, 2n-1, ... (0-based), that is after every n epochs
     * @return the schedule
     */
    public static CaptureSchedule everyEpochs(int n) {
        positive(n);
        return new CaptureSchedule(0, Set.of(), n, Set.of());
    }

    /**
     * @param epochs 0-based epochs at whose end to capture
     * @return the schedule
     */
    public static CaptureSchedule atEpochEnds(int... epochs) {
        return new CaptureSchedule(0, Set.of(), 0, toSet(epochs));
    }

    /**
     * @param other another schedule
     * @return a schedule that captures when either does (intervals: this one's if set, else the other's)
     */
    public CaptureSchedule and(CaptureSchedule other) {
        Set<Integer> its = new TreeSet<>(iterations);
        its.addAll(other.iterations);
        Set<Integer> eps = new TreeSet<>(epochs);
        eps.addAll(other.epochs);
        return new CaptureSchedule(everyIterations != 0 ? everyIterations : other.everyIterations, its,
                everyEpochs != 0 ? everyEpochs : other.everyEpochs, eps);
    }

    /**
     * @param stepsDone optimizer steps completed
     * @return whether to capture now
     */
    public boolean afterStep(long stepsDone) {
        return (everyIterations > 0 && stepsDone % everyIterations == 0)
                || (stepsDone <= Integer.MAX_VALUE && iterations.contains((int) stepsDone));
    }

    /**
     * @param epoch the 0-based epoch just finished
     * @return whether to capture now
     */
    public boolean atEpochEnd(int epoch) {
        return (everyEpochs > 0 && (epoch + 1) % everyEpochs == 0) || epochs.contains(epoch);
    }

    private static void positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("interval must be >= 1, was " + n);
        }
    }

    private static Set<Integer> toSet(int[] values) {
        Set<Integer> s = new TreeSet<>();
        for (int v : values) {
            s.add(v);
        }
        return s;
    }
}
