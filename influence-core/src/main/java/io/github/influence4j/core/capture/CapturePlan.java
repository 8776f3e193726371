package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * When to capture during a training run, and what.
 *
 * <pre>{@code
 * // 10 evenly spaced checkpoints of every kind (Tan et al. 2023), plus logits every 50 steps
 * // during the first 2 epochs for forgetting (Toneva et al. 2019; Tan et al. App. B)
 * CapturePlan plan = CapturePlan.evenlySpaced(10).withLogitsCadence(50, 2);
 * }</pre>
 *
 * @param evenlySpacedCheckpoints n checkpoints at steps {@code round(k T / n)}, k = 1..n, for a run
 *     of T optimizer steps (the last at the end of training); 0 for none
 * @param everyIterations a full checkpoint every this many steps; 0 for none
 * @param kinds what full checkpoints capture, among {@link SameDiffCapture#ALL_KINDS}
 * @param logitsEveryIterations a cheap {@code LOGITS}-only checkpoint every this many steps; 0 for none
 * @param logitsUntilEpoch the logits cadence stops after this many epochs (steps {@code <= E x
 *     stepsPerEpoch}); ignored when the cadence is off
 * @param batchSize examples per capture batch
 */
public record CapturePlan(int evenlySpacedCheckpoints, int everyIterations, Set<ArtifactKind> kinds,
        int logitsEveryIterations, int logitsUntilEpoch, int batchSize) {
    /** Validates the fields and copies the kinds. */
    public CapturePlan {
        if (evenlySpacedCheckpoints < 0 || everyIterations < 0 || logitsEveryIterations < 0 || logitsUntilEpoch < 0) {
            throw new IllegalArgumentException("cadences must be >= 0: evenlySpaced=" + evenlySpacedCheckpoints
                    + ", every=" + everyIterations + ", logitsEvery=" + logitsEveryIterations + ", logitsUntilEpoch="
                    + logitsUntilEpoch);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        kinds = Set.copyOf(kinds);
        for (ArtifactKind k : kinds) {
            if (!SameDiffCapture.ALL_KINDS.contains(k)) {
                throw new IllegalArgumentException("cannot capture " + k + " from SameDiff; capturable: "
                        + SameDiffCapture.ALL_KINDS);
            }
        }
    }

    /**
     * @param n checkpoints per run
     * @return n evenly spaced checkpoints of every kind, capture batches of 256
     */
    public static CapturePlan evenlySpaced(int n) {
        return new CapturePlan(n, 0, SameDiffCapture.ALL_KINDS, 0, 0, 256);
    }

    /**
     * @param m steps between checkpoints
     * @return a checkpoint of every kind every m steps, capture batches of 256
     */
    public static CapturePlan every(int m) {
        return new CapturePlan(0, m, SameDiffCapture.ALL_KINDS, 0, 0, 256);
    }

    /**
     * @param every steps between logits-only checkpoints
     * @param untilEpoch epochs during which the cadence runs
     * @return a copy with a logits-only cadence
     */
    public CapturePlan withLogitsCadence(int every, int untilEpoch) {
        return new CapturePlan(evenlySpacedCheckpoints, everyIterations, kinds, every, untilEpoch, batchSize);
    }

    /**
     * @param k the kinds of full checkpoints
     * @return a copy
     */
    public CapturePlan withKinds(Set<ArtifactKind> k) {
        return new CapturePlan(evenlySpacedCheckpoints, everyIterations, k, logitsEveryIterations, logitsUntilEpoch,
                batchSize);
    }

    /**
     * @param b capture batch size
     * @return a copy
     */
    public CapturePlan withBatchSize(int b) {
        return new CapturePlan(evenlySpacedCheckpoints, everyIterations, kinds, logitsEveryIterations, logitsUntilEpoch,
                b);
    }

    /**
     * Resolves the plan for a run: which step (number of optimizer updates done) captures what.
     * Where a full checkpoint and a logits-only one fall on the same step, the full one wins (it
     * holds the logits too).
     *
     * @param totalSteps T, optimizer steps in the run, {@code >= 1}
     * @param stepsPerEpoch optimizer steps per epoch, {@code >= 1}
     * @return step to kinds, ascending
     */
    public NavigableMap<Long, Set<ArtifactKind>> schedule(long totalSteps, int stepsPerEpoch) {
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
        for (long t : full) {
            Set<ArtifactKind> k = EnumSet.noneOf(ArtifactKind.class);
            k.addAll(kinds);
            s.put(t, Set.copyOf(k));
        }
        return s;
    }
}
