package io.github.influence4j.scorers.tracin;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.tracinwe.TracInWeOptions;
import io.github.influence4j.scorers.tracinwe.TracInWeScorer;
import java.util.Objects;

/**
 * Factories of the TracIn family (Pruthi et al. 2020; TracIn-WE, Yeh et al. 2022); the
 * {@code Scorers} facade delegates here. Options are resolved against the stores when the scorer
 * is built, so a missing artifact or an incompatible test store fails here, not mid-run.
 *
 * <pre>{@code
 * InfluenceScores self = TracIn.selfInfluence(store, TracInOptions.builder().layers("all").build()).score();
 * TopInfluences top = TracIn.trainToTest(trainStore, testStore, TracInOptions.defaults()).topK(10);
 * }</pre>
 */
public final class TracIn {
    /** Name of TracIn self-influence. */
    public static final String SELF = "tracin-self";
    /** Name of train-to-test TracIn. */
    public static final String TRAIN_TO_TEST = "tracin";
    /** Name of TracIn-WE self-influence. */
    public static final String WE_SELF = "tracin-we-self";
    /** Name of TracIn-WE-Top-k self-influence. */
    public static final String WE_TOPK_SELF = "tracin-we-topk-self";
    /** Name of train-to-test TracIn-WE. */
    public static final String WE = "tracin-we";
    /** Name of train-to-test TracIn-WE-Top-k. */
    public static final String WE_TOPK = "tracin-we-topk";

    private TracIn() {
    }

    /**
     * @param store the training store
     * @param options groups, checkpoints, learning rates
     * @return the self-influence scorer ({@value #SELF}; higher = harder)
     */
    public static InfluenceScorer selfInfluence(TrainingArtifactStore store, TracInOptions options) {
        return new TracInSelfScorer(SELF, Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
    }

    /**
     * @param train the training store
     * @param test the test store, captured at the same checkpoints (same ids and learning rates)
     * @param options groups, checkpoints, learning rates, matrix memory limit
     * @return the train-to-test scorer ({@value #TRAIN_TO_TEST})
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException if the stores do not match
     */
    public static TrainToTestScorer trainToTest(TrainingArtifactStore train, TrainingArtifactStore test,
            TracInOptions options) {
        return new TracInTrainTestScorer(TRAIN_TO_TEST, train, test, options);
    }

    /**
     * @param store the training store (needs TOKEN_IDS and EMBEDDING_GRADS)
     * @param options top-k, checkpoints, learning rates
     * @return the TracIn-WE self-influence scorer ({@value #WE_SELF}, or {@value #WE_TOPK_SELF} when
     *     {@code topK > 0}; higher = harder)
     */
    public static InfluenceScorer weSelfInfluence(TrainingArtifactStore store, TracInWeOptions options) {
        return new TracInSelfScorer(options.topK() > 0 ? WE_TOPK_SELF : WE_SELF, store, TracInOptions.of(options));
    }

    /**
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @param options top-k, checkpoints, learning rates, matrix memory limit
     * @return the TracIn-WE train-to-test scorer ({@value #WE} or {@value #WE_TOPK})
     */
    public static TracInWeScorer weTrainToTest(TrainingArtifactStore train, TrainingArtifactStore test,
            TracInWeOptions options) {
        return new TracInWeTrainTestScorer(new TracInTrainTestScorer(options.topK() > 0 ? WE_TOPK : WE, train, test,
                TracInOptions.of(options)));
    }
}
