package io.github.influence4j.scorers;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.tracin.TracIn;
import io.github.influence4j.scorers.tracin.TracInOptions;
import io.github.influence4j.scorers.tracinwe.TracInWeOptions;
import io.github.influence4j.scorers.tracinwe.TracInWeScorer;

/**
 * Static factories for every built-in scorer. Each returns an immutable, thread-safe scorer whose
 * checkpoints (and parameter groups) are resolved when it is created; scoring streams over example
 * chunks and accumulates in float64. The same scorers are discoverable by name through
 * {@link io.github.influence4j.core.InfluenceScorers}, with options as strings.
 *
 * <pre>{@code
 * InfluenceScores self = Scorers.tracInSelf(store).score();                 // last dense layer before the head
 * TopInfluences top = Scorers.tracIn(trainStore, testStore).topK(10);       // proponents and opponents
 * InfluenceMatrix we = Scorers.tracInWe(trainStore, testStore).matrix();    // TracIn-WE, [test x train]
 * }</pre>
 */
public final class Scorers {
    private Scorers() {
    }

    // ------------------------------------------------------------ TracIn and TracIn-WE

    /**
     * TracIn self-influence over the last dense layer before the head (Pruthi et al. 2020; Tan et
     * al. 2023), every checkpoint holding it, weighted by learning rate.
     *
     * @param store the store
     * @return the scorer ({@code "tracin-self"}, higher = harder)
     */
    public static InfluenceScorer tracInSelf(TrainingArtifactStore store) {
        return TracIn.selfInfluence(store, TracInOptions.defaults());
    }

    /**
     * @param store the store
     * @param options parameter groups, checkpoints, learning rates (see {@link TracInOptions})
     * @return the TracIn self-influence scorer
     */
    public static InfluenceScorer tracInSelf(TrainingArtifactStore store, TracInOptions options) {
        return TracIn.selfInfluence(store, options);
    }

    /**
     * Train-to-test TracIn (Pruthi et al. 2020, Eq. 1) over the last dense layer before the head.
     *
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @return the scorer: {@code matrix()} or {@code topK(k)}
     */
    public static TrainToTestScorer tracIn(TrainingArtifactStore train, TrainingArtifactStore test) {
        return TracIn.trainToTest(train, test, TracInOptions.defaults());
    }

    /**
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @param options parameter groups, checkpoints, learning rates, matrix memory limit
     * @return the train-to-test TracIn scorer
     */
    public static TrainToTestScorer tracIn(TrainingArtifactStore train, TrainingArtifactStore test,
            TracInOptions options) {
        return TracIn.trainToTest(train, test, options);
    }

    /**
     * TracIn-WE self-influence over all positions (Yeh et al. 2022).
     *
     * @param store the store (TOKEN_IDS and EMBEDDING_GRADS)
     * @return the scorer ({@code "tracin-we-self"}, higher = harder)
     */
    public static InfluenceScorer tracInWe(TrainingArtifactStore store) {
        return TracIn.weSelfInfluence(store, TracInWeOptions.defaults());
    }

    /**
     * @param store the store
     * @param options top-k (TracIn-WE-Top-k), checkpoints, learning rates
     * @return the TracIn-WE self-influence scorer
     */
    public static InfluenceScorer tracInWe(TrainingArtifactStore store, TracInWeOptions options) {
        return TracIn.weSelfInfluence(store, options);
    }

    /**
     * Train-to-test TracIn-WE (Yeh et al. 2022), sparse over shared tokens, with word-level explanations.
     *
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @return the scorer
     */
    public static TracInWeScorer tracInWe(TrainingArtifactStore train, TrainingArtifactStore test) {
        return TracIn.weTrainToTest(train, test, TracInWeOptions.defaults());
    }

    /**
     * @param train the training store
     * @param test the test store
     * @param options top-k, checkpoints, learning rates, matrix memory limit
     * @return the TracIn-WE train-to-test scorer
     */
    public static TracInWeScorer tracInWe(TrainingArtifactStore train, TrainingArtifactStore test,
            TracInWeOptions options) {
        return TracIn.weTrainToTest(train, test, options);
    }
}
