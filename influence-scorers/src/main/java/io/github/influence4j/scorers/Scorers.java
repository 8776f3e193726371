package io.github.influence4j.scorers;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.confidence.AumOptions;
import io.github.influence4j.scorers.confidence.AumScorer;
import io.github.influence4j.scorers.confidence.DataMapOptions;
import io.github.influence4j.scorers.confidence.DataMapScorer;
import io.github.influence4j.scorers.confidence.El2nOptions;
import io.github.influence4j.scorers.confidence.El2nScorer;
import io.github.influence4j.scorers.confidence.ForgettingOptions;
import io.github.influence4j.scorers.confidence.ForgettingScorer;
import io.github.influence4j.scorers.confidence.GrandOptions;
import io.github.influence4j.scorers.confidence.GrandScorer;
import io.github.influence4j.scorers.confidence.PviOptions;
import io.github.influence4j.scorers.confidence.PviScorer;
import io.github.influence4j.scorers.tracin.TracIn;
import io.github.influence4j.scorers.tracin.TracInOptions;
import io.github.influence4j.scorers.tracinwe.TracInWeOptions;
import io.github.influence4j.scorers.tracinwe.TracInWeScorer;
import io.github.influence4j.scorers.vog.VogOptions;
import io.github.influence4j.scorers.vog.VogScorer;

/**
 * Static factories for every built-in scorer. Each returns an immutable, thread-safe scorer whose
 * checkpoints (and parameter groups) are resolved when it is created; scoring streams over example
 * chunks and accumulates in float64. The same scorers are discoverable by name through
 * {@link io.github.influence4j.core.InfluenceScorers}, with options as strings.
 *
 * <pre>{@code
 * try (TrainingArtifactStore store = ArtifactStores.open(Path.of("runs/snli/store"))) {
 *     InfluenceScores vog = Scorers.vog(store).score();                       // class-normalised variance
 *     InfluenceScores std = Scorers.vog(store, VogOptions.builder().spread(Spread.STD).build()).score();
 *     DataMap map = Scorers.dataMap(store).score();                           // confidence, variability, correctness
 *     InfluenceScores el2n = Scorers.el2n(store, El2nOptions.builder().checkpoints("epoch-2").build()).score();
 *     int hardest = vog.hardest();
 * }
 * }</pre>
 *
 * <table class="striped">
 *   <caption>Scores, their orientation and source</caption>
 *   <tr><th>factory</th><th>name</th><th>hard end</th><th>reads</th></tr>
 *   <tr><td>{@link #vog}</td><td>vog</td><td>higher</td><td>INPUT_GRADS, LABELS</td></tr>
 *   <tr><td>{@link #dataMap}</td><td>data-map-confidence / -variability / -correctness</td>
 *       <td>lower / higher / lower</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #el2n}</td><td>el2n</td><td>higher</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #grand}</td><td>grand</td><td>higher</td><td>LAYER_INPUTS + LAYER_OUTPUT_GRADS, PARAM_GRADS,
 *       EMBEDDING_GRADS + TOKEN_IDS</td></tr>
 *   <tr><td>{@link #forgetting}</td><td>forgetting</td><td>higher</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #aum}</td><td>aum</td><td>lower</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #pvi}</td><td>pvi</td><td>lower</td><td>LOGITS, NULL_LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #tracInSelf}</td><td>tracin-self</td><td>higher</td><td>LAYER_INPUTS + LAYER_OUTPUT_GRADS,
 *       PARAM_GRADS, EMBEDDING_GRADS + TOKEN_IDS or PROJECTED_GRADS</td></tr>
 *   <tr><td>{@link #tracIn}</td><td>tracin (train-to-test matrix / top-k)</td><td>positive = proponent</td>
 *       <td>the same, in a training and a test store</td></tr>
 *   <tr><td>{@link #tracInWe}</td><td>tracin-we-self, tracin-we-topk-self, tracin-we(-topk)</td>
 *       <td>higher; positive = proponent</td><td>EMBEDDING_GRADS, TOKEN_IDS</td></tr>
 * </table>
 */
public final class Scorers {
    private Scorers() {
    }

    // ------------------------------------------------------------ VoG and the confidence family

    /**
     * Variance of Gradients with the defaults: variance, class normalisation, all checkpoints
     * (Tan et al. 2023, App. B.1, Alg. 1; Agarwal et al. 2022).
     *
     * @param store the store
     * @return the scorer
     * @throws io.github.influence4j.core.exception.ConfigurationException if fewer than 2 checkpoints hold {@code INPUT_GRADS}
     */
    public static InfluenceScorer vog(TrainingArtifactStore store) {
        return VogScorer.of(store, VogOptions.defaults());
    }

    /**
     * @param store the store
     * @param options spread, normalisation, checkpoints
     * @return the Variance of Gradients scorer
     */
    public static InfluenceScorer vog(TrainingArtifactStore store, VogOptions options) {
        return VogScorer.of(store, options);
    }

    /**
     * Dataset cartography (Swayamdipta et al. 2020): confidence, variability and correctness in one pass.
     *
     * @param store the store
     * @return the data-map scorer over every checkpoint holding {@code LOGITS}
     */
    public static DataMapScorer dataMap(TrainingArtifactStore store) {
        return DataMapScorer.of(store, DataMapOptions.defaults());
    }

    /**
     * @param store the store
     * @param options checkpoints
     * @return the data-map scorer
     */
    public static DataMapScorer dataMap(TrainingArtifactStore store, DataMapOptions options) {
        return DataMapScorer.of(store, options);
    }

    /**
     * EL2N (Paul et al. 2021), averaged over every checkpoint holding {@code LOGITS}.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer el2n(TrainingArtifactStore store) {
        return El2nScorer.of(store, El2nOptions.defaults());
    }

    /**
     * @param store the store
     * @param options checkpoints (Tan et al. use epoch 2)
     * @return the EL2N scorer
     */
    public static InfluenceScorer el2n(TrainingArtifactStore store, El2nOptions options) {
        return El2nScorer.of(store, options);
    }

    /**
     * GraNd (Paul et al. 2021) over every factored dense layer and parameter group in the store.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer grand(TrainingArtifactStore store) {
        return GrandScorer.of(store, GrandOptions.defaults());
    }

    /**
     * @param store the store
     * @param options parameter groups, bias, checkpoints
     * @return the GraNd scorer
     */
    public static InfluenceScorer grand(TrainingArtifactStore store, GrandOptions options) {
        return GrandScorer.of(store, options);
    }

    /**
     * Forgetting events (Toneva et al. 2019) over every checkpoint holding {@code LOGITS}; never-learned
     * examples get C.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer forgetting(TrainingArtifactStore store) {
        return ForgettingScorer.of(store, ForgettingOptions.defaults());
    }

    /**
     * @param store the store
     * @param options checkpoints, the never-learned value
     * @return the forgetting scorer
     */
    public static InfluenceScorer forgetting(TrainingArtifactStore store, ForgettingOptions options) {
        return ForgettingScorer.of(store, options);
    }

    /**
     * Area under the margin (Pleiss et al. 2020) over every checkpoint holding {@code LOGITS}.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer aum(TrainingArtifactStore store) {
        return AumScorer.of(store, AumOptions.defaults());
    }

    /**
     * @param store the store
     * @param options checkpoints
     * @return the AUM scorer
     */
    public static InfluenceScorer aum(TrainingArtifactStore store, AumOptions options) {
        return AumScorer.of(store, options);
    }

    /**
     * Pointwise V-information (Ethayarajh et al. 2022) at the last checkpoint holding {@code LOGITS}
     * and {@code NULL_LOGITS}.
     *
     * @param store the store
     * @return the scorer
     * @throws io.github.influence4j.core.exception.MissingArtifactException if no checkpoint holds {@code NULL_LOGITS}
     */
    public static InfluenceScorer pvi(TrainingArtifactStore store) {
        return PviScorer.of(store, PviOptions.defaults());
    }

    /**
     * @param store the store
     * @param options checkpoints (averaged)
     * @return the PVI scorer
     */
    public static InfluenceScorer pvi(TrainingArtifactStore store, PviOptions options) {
        return PviScorer.of(store, options);
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
