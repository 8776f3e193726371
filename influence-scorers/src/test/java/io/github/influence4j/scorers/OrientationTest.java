// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.core.spi.OptionValues;
import static io.github.influence4j.scorers.testing.HandMadeStore.MISLABELLED;
import static io.github.influence4j.scorers.testing.HandMadeStore.OSCILLATING;
import static io.github.influence4j.scorers.testing.HandMadeStore.UNSTABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.dynamics.DataMap;
import io.github.influence4j.scorers.dynamics.NeverLearned;
import io.github.influence4j.scorers.testing.HandMadeStore;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.Spread;
import org.junit.jupiter.api.Test;

/** The hardest example by each score (its own orientation) is the one constructed to be hardest. */
class OrientationTest {
    private final TrainingArtifactStore store = HandMadeStore.memory();

    private static void hardest(int expected, Orientation orientation, InfluenceScores s) {
        assertEquals(orientation, s.orientation(), s.name());
        assertEquals(expected, s.hardest(), s.name() + " " + java.util.Arrays.toString(s.values()));
    }

    @Test
    void vogFindsTheUnstableExampleUnderEverySpreadAndNormalization() {
        for (Spread s : Spread.values()) {
            for (Normalization n : Normalization.values()) {
                hardest(UNSTABLE, Orientation.HIGHER_IS_HARDER,
                        Scorers.vog(store, OptionValues.builder().set(ScorerOptions.SPREAD, s).set(ScorerOptions.NORMALIZATION, n).build()).score());
            }
        }
    }

    @Test
    void dataMapCoordinates() {
        DataMap map = Scorers.dataMap(store).score();
        hardest(MISLABELLED, Orientation.LOWER_IS_HARDER, map.confidence());
        hardest(OSCILLATING, Orientation.HIGHER_IS_HARDER, map.variability());
        hardest(MISLABELLED, Orientation.LOWER_IS_HARDER, map.correctness());
    }

    @Test
    void logitScoresFindTheMislabelledExample() {
        hardest(MISLABELLED, Orientation.HIGHER_IS_HARDER, Scorers.el2n(store).score());
        hardest(MISLABELLED, Orientation.LOWER_IS_HARDER, Scorers.aum(store).score());
        hardest(MISLABELLED, Orientation.LOWER_IS_HARDER, Scorers.pvi(store).score());
        hardest(MISLABELLED, Orientation.HIGHER_IS_HARDER, Scorers.grand(store).score());
        assertEquals(MISLABELLED, Scorers.aum(store).score().values()[MISLABELLED] < 0 ? MISLABELLED : -1,
                "AUM of the mislabelled example is negative");
    }

    @Test
    void forgettingRanksNeverLearnedFirstThenTheOscillatingExample() {
        InfluenceScores f = Scorers.forgetting(store).score();
        hardest(MISLABELLED, Orientation.HIGHER_IS_HARDER, f);
        assertEquals(HandMadeStore.C, f.valueOf(MISLABELLED), "never learned: C");
        assertEquals(2.0, f.valueOf(OSCILLATING), "right, wrong, right, wrong: two forgetting events");
        InfluenceScores inf = Scorers.forgetting(store, OptionValues.builder()
                .set(ScorerOptions.NEVER_LEARNED, NeverLearned.INFINITY).build()).score();
        hardest(MISLABELLED, Orientation.HIGHER_IS_HARDER, inf);
        assertEquals(Double.POSITIVE_INFINITY, inf.valueOf(MISLABELLED));
    }
}
