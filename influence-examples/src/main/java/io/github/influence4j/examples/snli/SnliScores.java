// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.snli;

import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scores of the SNLI pruning experiment (Tan, Minakova and Anand 2023, Sec. 2 and Table 2):
 * each a scorer found through {@code InfluenceScorers} plus fixed options, under a column name of
 * its own (VoG appears twice, with class and dataset normalisation).
 */
public final class SnliScores {
    /** VoG (Agarwal et al. 2022), z-scored within the gold class: Tan et al.'s best score. */
    public static final String VOG_CLASS = "vog-class";
    /** VoG z-scored over the whole dataset. */
    public static final String VOG_DATASET = "vog-dataset";
    /** TracIn self-influence on the last hidden dense layer of the head. */
    public static final String TRACIN_SELF = "tracin-self";
    /** TracIn-WE self-influence (word-embedding gradients). */
    public static final String TRACIN_WE_SELF = "tracin-we-self";
    /** EL2N (Paul et al. 2021), averaged over checkpoints. */
    public static final String EL2N = "el2n";
    /** Forgetting events (Toneva et al. 2019). */
    public static final String FORGETTING = "forgetting";
    /** Area under the margin (Pleiss et al. 2020). */
    public static final String AUM = "aum";
    /** Data-map confidence (Swayamdipta et al. 2020). */
    public static final String CONFIDENCE = "data-map-confidence";
    /** Data-map variability: computed for the data map, not pruned by. */
    public static final String VARIABILITY = "data-map-variability";
    /** Data-map correctness: computed for the data map, not pruned by. */
    public static final String CORRECTNESS = "data-map-correctness";

    /**
     * The dense layer TracIn reads. The encoder's head is fc1 (4h -> 64), fc2 (64 -> 64) and fc3
     * (64 -> 3); fc2 is the last layer before the output, the layer Tan et al. use.
     */
    public static final String TRACIN_LAYER = "fc2";

    /** The scores pruned by, in table order. */
    public static final List<String> PRUNING = List.of(VOG_CLASS, VOG_DATASET, TRACIN_SELF, TRACIN_WE_SELF, EL2N,
            FORGETTING, AUM, CONFIDENCE);

    /**
     * The scores of {@code --quick}: two training-dynamics scores that find shuffled labels and need
     * only {@code LOGITS}, the cheapest capture (VoG's {@code INPUT_GRADS} cost a second backward pass
     * per checkpoint and find label noise at chance: add {@code --scores vog-class,...} for it).
     */
    public static final List<String> QUICK = List.of(EL2N, FORGETTING);

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put(VOG_CLASS, new Spec("vog", Map.of("normalization", "CLASS"), "VoG, class-normalised (Agarwal et al.)"));
        SPECS.put(VOG_DATASET, new Spec("vog", Map.of("normalization", "DATASET"), "VoG, dataset-normalised"));
        SPECS.put(TRACIN_SELF, new Spec("tracin-self", Map.of("layers", TRACIN_LAYER),
                "TracIn self-influence, dense layer " + TRACIN_LAYER));
        SPECS.put(TRACIN_WE_SELF, new Spec("tracin-we-self", Map.of(), "TracIn-WE self-influence, word embeddings"));
        SPECS.put(EL2N, new Spec("el2n", Map.of(), "EL2N (Paul et al.), mean over checkpoints"));
        SPECS.put(FORGETTING, new Spec("forgetting", Map.of(), "forgetting events (Toneva et al.)"));
        SPECS.put(AUM, new Spec("aum", Map.of(), "area under the margin (Pleiss et al.)"));
        SPECS.put(CONFIDENCE, new Spec("data-map-confidence", Map.of(), "data-map confidence (Swayamdipta et al.)"));
        SPECS.put(VARIABILITY, new Spec("data-map-variability", Map.of(), "data-map variability"));
        SPECS.put(CORRECTNESS, new Spec("data-map-correctness", Map.of(), "data-map correctness"));
    }

    private SnliScores() {
    }

    /**
     * A score: which scorer, with which options.
     *
     * @param scorer the provider's name in {@code InfluenceScorers}
     * @param options the options passed to it
     * @param description a short description for the report
     */
    public record Spec(String scorer, Map<String, String> options, String description) {
        /**
         * Copies the options.
         *
         * @param scorer see the record description
         * @param options see the record description
         * @param description see the record description
         */
        public Spec {
            options = Map.copyOf(options);
        }
    }

    /**
     * @param name a score name ({@link #names()})
     * @return its scorer and options
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Spec spec(String name) {
        Spec s = SPECS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown score '" + name + "'; known: " + String.join(", ", names()));
        }
        return s;
    }

    /**
     * The per-checkpoint artifact kinds to capture for some scores: what their scorers read (as
     * their definitions declare), plus {@code LOGITS} for the data map and the report. Capturing
     * only these keeps a checkpoint small: {@code LOGITS} and {@code INPUT_GRADS} are about a
     * tenth of all kinds for the SNLI encoder.
     *
     * @param names score names ({@link #names()})
     * @return the kinds, never empty
     */
    public static Set<ArtifactKind> captureKinds(Collection<String> names) {
        Set<ArtifactKind> kinds = EnumSet.of(ArtifactKind.LOGITS);
        for (String name : names) {
            for (ArtifactKind k : InfluenceScorers.definition(spec(name).scorer()).requiredArtifacts()) {
                if (!k.isStatic()) {
                    kinds.add(k);
                }
            }
        }
        return kinds;
    }

    /** @return every score name this experiment knows, pruning scores first */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }
}
