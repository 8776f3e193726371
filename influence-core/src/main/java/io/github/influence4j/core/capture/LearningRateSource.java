package io.github.influence4j.core.capture;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;

/**
 * The learning rate in force at a step: eta_c of TracIn (Pruthi et al. 2020, Eq. 1), recorded in
 * every {@link io.github.influence4j.core.store.Checkpoint}.
 */
@FunctionalInterface
public interface LearningRateSource {
    /**
     * @param iteration the 0-based iteration that just finished
     * @param epoch the epoch
     * @return the learning rate used for that update
     */
    double learningRate(int iteration, int epoch);

    /**
     * @param lr a constant rate
     * @return a source returning it
     */
    static LearningRateSource constant(double lr) {
        return (i, e) -> lr;
    }

    /**
     * Reads the rate from the graph's {@link TrainingConfig} updater (schedules included), as
     * {@code SameDiff.fit} applies it.
     *
     * @param sd a graph with a training config
     * @return the source
     */
    static LearningRateSource fromTrainingConfig(SameDiff sd) {
        return (i, e) -> {
            TrainingConfig tc = sd.getTrainingConfig();
            if (tc == null || tc.getUpdater() == null) {
                throw new IllegalStateException("SameDiff graph has no TrainingConfig updater; pass"
                        + " LearningRateSource.constant(lr) to the capture listener instead");
            }
            return tc.getUpdater().getLearningRate(i, e);
        };
    }
}
