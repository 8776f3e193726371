package io.github.influence4j.scorers;

import io.github.influence4j.core.InfluenceScorer;
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
     * @throws io.github.influence4j.core.ConfigurationException if fewer than 2 checkpoints hold {@code INPUT_GRADS}
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
     * @throws io.github.influence4j.core.MissingArtifactException if no checkpoint holds {@code NULL_LOGITS}
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
}
