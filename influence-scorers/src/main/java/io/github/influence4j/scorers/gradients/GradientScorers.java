// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import static io.github.influence4j.core.spi.CheckpointSelection.CHECKPOINTS;

import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.spi.ChunkScore;
import io.github.influence4j.core.spi.Option;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.gradients.TracInOptions.DefaultGroups;
import java.util.Objects;

/**
 * The definitions of the scores read from per-example gradients: TracIn (Pruthi et al. 2020),
 * TracIn-WE (Yeh et al. 2022) and GraNd (Paul et al. 2021). All three select their parameter groups
 * with the same options ({@link #LAYERS}, {@link #BIAS}, {@code checkpoints}; TracIn also
 * {@link #TOP_K}, {@link #USE_LEARNING_RATE}, {@link #MAX_MATRIX_BYTES}), resolved by one selector.
 */
public final class GradientScorers {
    /** The default memory limit of an influence matrix: 512 MiB. */
    public static final long DEFAULT_MAX_MATRIX_BYTES = 512L << 20;
    /** The artifact attribute giving a dense layer's 0-based position from the input. */
    public static final String LAYER_INDEX_ATTRIBUTE = TracInOptions.LAYER_INDEX_ATTRIBUTE;
    static final String VERSION = "1";

    /**
     * {@code layers}: the parameter groups theta the gradient is taken over; the scores sum over them.
     * <ul>
     *   <li>a layer name {@code L}: the dense layer captured as {@code LAYER_INPUTS.L} and
     *       {@code LAYER_OUTPUT_GRADS.L} (exact, factored: ||dL/dW||^2 + ||dL/db||^2 =
     *       ||delta||^2 (||a||^2 + 1), the {@code + 1} with {@link #BIAS}), else the dense
     *       {@code PARAM_GRADS.L};</li>
     *   <li>{@code PARAM_GRADS.L}: the dense {@code PARAM_GRADS.L} even where a factored layer has that name;</li>
     *   <li>{@code EMBEDDING_GRADS}: the word-embedding matrix from {@code EMBEDDING_GRADS} and
     *       {@code TOKEN_IDS}, sparse over shared tokens (TracIn over it is TracIn-WE);</li>
     *   <li>{@code PROJECTED_GRADS}: the seeded random projection (approximate; alone; TracIn only);</li>
     *   <li>{@code all}: every captured group (an error if both {@code PARAM_GRADS} and
     *       {@code EMBEDDING_GRADS} are present: they may describe the same parameters);</li>
     *   <li>empty or {@code default}: for TracIn the <em>last dense layer before the head</em> (Tan
     *       et al. 2023): by the integer attribute {@value #LAYER_INDEX_ATTRIBUTE} of
     *       {@code LAYER_OUTPUT_GRADS} when every factored layer has it, else the unique layer of
     *       output width K is the head and the unique layer whose output width is the head's input
     *       width comes before it; for GraNd every factored layer and every other {@code PARAM_GRADS}
     *       group (all of theta). Anything ambiguous is an error asking for {@code layers}.</li>
     * </ul>
     */
    public static final Option<java.util.List<String>> LAYERS = Option.list("layers", "parameter groups: layer"
            + " names, PARAM_GRADS.<name>, EMBEDDING_GRADS, PROJECTED_GRADS, all, or default (TracIn: the last dense"
            + " layer before the head; GraNd: every dense group)");
    /** {@code bias}: include the bias of factored dense layers (Captum's TracInCP does; TracInCPFast does not). */
    public static final Option<Boolean> BIAS = Option.bool("bias", true, "include dense-layer biases");
    /** {@code top-k}: for the embedding group, positions kept per example and checkpoint (TracIn-WE-Top-k), 0 = all. */
    public static final Option<Integer> TOP_K = Option.integer("top-k", 0, 0, "for EMBEDDING_GRADS: positions kept"
            + " per example and checkpoint, largest gradient-row norm first (0 = all)");
    /** {@code use-learning-rate}: weight checkpoint c by its learning rate eta_c (Pruthi et al. 2020, Eq. 1). */
    public static final Option<Boolean> USE_LEARNING_RATE = Option.bool("use-learning-rate", true,
            "weight checkpoints by their learning rate");
    /** {@code max-matrix-bytes}: the largest {@code [test x train]} matrix {@code matrix()} builds (8 bytes an entry). */
    public static final Option<Long> MAX_MATRIX_BYTES = Option.longValue("max-matrix-bytes", DEFAULT_MAX_MATRIX_BYTES,
            0, "the largest train-to-test matrix matrix() builds, in bytes; beyond it use topK(k)");

    private static final ArtifactKind[] DENSE_LAYER = {ArtifactKind.LAYER_INPUTS, ArtifactKind.LAYER_OUTPUT_GRADS};
    private static final ArtifactKind[] EMBEDDINGS = {ArtifactKind.EMBEDDING_GRADS, ArtifactKind.TOKEN_IDS};
    private static final Option<Integer> TOP_K_10 = Option.integer("top-k", 10, 1, "positions kept per example and"
            + " checkpoint, largest gradient-row norm first");

    /** TracIn self-influence, {@code sum_c eta_c ||grad L(theta_c, z)||^2} (Pruthi et al. 2020). Higher is harder. */
    public static final ScorerDefinition TRACIN_SELF = selfScore("tracin-self", "TracIn self-influence sum_c eta_c"
            + " ||grad L||^2 over chosen parameter groups (Pruthi et al. 2020); higher = harder", DENSE_LAYER,
            (name, store, o) -> new TracInSelfScore(name, store, TracInOptions.of(o, DefaultGroups.LAST_DENSE_BEFORE_HEAD)),
            LAYERS, BIAS, TOP_K, USE_LEARNING_RATE, CHECKPOINTS);

    /** TracIn-WE self-influence over all positions (Yeh et al. 2022). Higher is harder. */
    public static final ScorerDefinition TRACIN_WE_SELF = selfScore("tracin-we-self", "TracIn-WE self-influence"
            + " sum_c eta_c sum_w ||g_w||^2 over the word embeddings (Yeh et al. 2022); higher = harder", EMBEDDINGS,
            (name, store, o) -> new TracInSelfScore(name, store, TracInOptions.embeddingsOnly(o)),
            TOP_K, USE_LEARNING_RATE, CHECKPOINTS);

    /** TracIn-WE-Top-k self-influence: over the k positions with the largest gradient norm (Yeh et al. 2022). */
    public static final ScorerDefinition TRACIN_WE_TOPK_SELF = selfScore("tracin-we-topk-self", "TracIn-WE-Top-k"
            + " self-influence: TracIn-WE over the k positions with the largest gradient norm (Yeh et al. 2022);"
            + " higher = harder", EMBEDDINGS,
            (name, store, o) -> new TracInSelfScore(name, store, TracInOptions.embeddingsOnly(o)),
            TOP_K_10, USE_LEARNING_RATE, CHECKPOINTS);

    /** GraNd: ||grad_theta L||_2 over the selected groups, averaged over checkpoints (Paul et al. 2021). */
    public static final ScorerDefinition GRAND = selfScore("grand", "GraNd: per-example gradient norm over the"
            + " selected parameter groups, averaged over checkpoints (Paul et al. 2021); higher is harder", DENSE_LAYER,
            (name, store, o) -> new GrandScore(name, store, TracInOptions.of(o, DefaultGroups.EVERY_DENSE_GROUP)),
            LAYERS, BIAS, CHECKPOINTS);

    /** Train-to-test TracIn (Pruthi et al. 2020, Eq. 1): positive = proponent. Not offered by name: it needs two stores. */
    static final ScorerDefinition TRACIN = pairDefinition("tracin", "train-to-test TracIn (Pruthi et al. 2020, Eq. 1)",
            LAYERS, BIAS, TOP_K, USE_LEARNING_RATE, CHECKPOINTS, MAX_MATRIX_BYTES);
    /** Train-to-test TracIn-WE (Yeh et al. 2022), sparse over shared tokens. */
    static final ScorerDefinition TRACIN_WE = pairDefinition("tracin-we", "train-to-test TracIn-WE (Yeh et al. 2022)",
            TOP_K, USE_LEARNING_RATE, CHECKPOINTS, MAX_MATRIX_BYTES);

    /** {@code projection-dim}: TRAK's k, the dimension of the random projection (Park et al. 2023, Sec. 3). */
    public static final Option<Integer> PROJECTION_DIM = Option.integer("projection-dim", 512, 1, "TRAK: the"
            + " dimension k of the seeded random projection of the margin gradients (gradients of width <= k are used"
            + " as they are)");
    /** {@code projection-seed}: the seed of TRAK's projection. */
    public static final Option<Long> PROJECTION_SEED = Option.longValue("projection-seed", 0L, Long.MIN_VALUE,
            "TRAK: the seed of the random projection");
    /** {@code projection}: the distribution of the projection's entries. */
    public static final Option<GradientProjection.Kind> PROJECTION = Option.enumeration("projection",
            GradientProjection.Kind.class, GradientProjection.Kind.GAUSSIAN, "TRAK: the projection's entries,"
            + " gaussian or rademacher");
    /** {@code lambda}: the ridge term added to TRAK's after-kernel {@code Phi^T Phi}. */
    public static final Option<String> LAMBDA = Option.string("lambda", "0", "TRAK: the ridge lambda of"
            + " (Phi^T Phi + lambda I)^-1, a number >= 0");

    /** Train-to-test TRAK (Park et al. 2023, Algorithm 1): positive = proponent. Needs two stores. */
    static final ScorerDefinition TRAK = pairDefinition("trak", "train-to-test TRAK (Park et al. 2023, Algorithm 1)",
            LAYERS, BIAS, CHECKPOINTS, PROJECTION_DIM, PROJECTION_SEED, PROJECTION, LAMBDA, MAX_MATRIX_BYTES);

    private GradientScorers() {
    }

    /**
     * @param train the training store
     * @param test the test store, captured at the same checkpoints (same ids and learning rates)
     * @param options {@code layers}, {@code bias}, {@code top-k}, {@code use-learning-rate},
     *     {@code checkpoints}, {@code max-matrix-bytes}
     * @return the train-to-test TracIn scorer ({@code "tracin"})
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException if the stores do not match
     */
    public static TrainToTestScorer tracIn(TrainingArtifactStore train, TrainingArtifactStore test,
            OptionValues options) {
        OptionValues o = TRACIN.resolve(options);
        return new TracInTrainTestScorer(TRACIN.name(), Objects.requireNonNull(train, "train"),
                Objects.requireNonNull(test, "test"), o, TracInOptions.of(o, TracInOptions.DefaultGroups.LAST_DENSE_BEFORE_HEAD));
    }

    /**
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @param options {@code top-k}, {@code use-learning-rate}, {@code checkpoints}, {@code max-matrix-bytes}
     * @return the TracIn-WE train-to-test scorer ({@code "tracin-we"}, or {@code "tracin-we-topk"} when top-k > 0)
     */
    public static TracInWeScorer tracInWe(TrainingArtifactStore train, TrainingArtifactStore test,
            OptionValues options) {
        OptionValues o = TRACIN_WE.resolve(options);
        String name = o.get(TOP_K) > 0 ? "tracin-we-topk" : "tracin-we";
        return new TracInWeTrainTestScorer(new TracInTrainTestScorer(name, Objects.requireNonNull(train, "train"),
                Objects.requireNonNull(test, "test"), o, TracInOptions.embeddingsOnly(o)));
    }

    /**
     * TRAK over an ensemble of independently trained models (or of checkpoints of one run, chosen
     * with {@code checkpoints}; by default each model's last checkpoint with gradients). The stores
     * need per-example loss gradients of the selected groups, {@code LOGITS} and the static
     * {@code LABELS}: the margin gradient is derived from them exactly (see the class notes of the
     * scorer).
     *
     * @param trains one training store per model, all over the same examples
     * @param tests the matching test stores, captured at the same checkpoints as their training store
     * @param options {@code layers} (default: every dense group), {@code bias}, {@code checkpoints},
     *     {@code projection-dim}, {@code projection-seed}, {@code projection}, {@code lambda},
     *     {@code max-matrix-bytes}
     * @return the TRAK scorer ({@code "trak"})
     * @throws ConfigurationException for an invalid option or a singular after-kernel (when scoring)
     */
    public static TrainToTestScorer trak(java.util.List<TrainingArtifactStore> trains,
            java.util.List<TrainingArtifactStore> tests, OptionValues options) {
        OptionValues o = TRAK.resolve(options);
        double lambda;
        try {
            lambda = Double.parseDouble(o.get(LAMBDA).strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("trak: lambda '" + o.get(LAMBDA) + "' is not a number; give one >= 0, e.g. 0.01");
        }
        return new TrakScorer(TRAK.name(), Objects.requireNonNull(trains, "trains"), Objects.requireNonNull(tests, "tests"),
                o, TracInOptions.of(o, TracInOptions.DefaultGroups.EVERY_DENSE_GROUP), o.get(PROJECTION_DIM),
                o.get(PROJECTION_SEED), o.get(PROJECTION), lambda);
    }

    /** Makes the chunk score of a self-score, resolved against a store. */
    @FunctionalInterface
    private interface ScoreFactory {
        ChunkScore create(String name, TrainingArtifactStore store, OptionValues options);
    }

    private static ScorerDefinition selfScore(String name, String description, ArtifactKind[] requires,
            ScoreFactory score, Option<?>... options) {
        return ScorerDefinition.builder(name).description(description).orientation(Orientation.HIGHER_IS_HARDER)
                .requires(requires).option(options)
                .factory((def, store, o) -> ScoringEngine.scorer(def, store, o, score.create(def.name(), store, o)))
                .build();
    }

    private static ScorerDefinition pairDefinition(String name, String description, Option<?>... options) {
        return ScorerDefinition.builder(name).description(description + "; positive = proponent")
                .orientation(Orientation.HIGHER_IS_HARDER)
                .option(options)
                .factory((def, store, o) -> {
                    throw new ConfigurationException(name + " scores a training store against a test store: call"
                            + " Scorers." + switch (name) {
                                case "tracin" -> "tracIn";
                                case "trak" -> "trak";
                                default -> "tracInWe";
                            } + "(train, test, options)");
                })
                .build();
    }
}
