// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds small score sets for the selection tests. */
final class TestScores {
    private TestScores() {
    }

    static InfluenceScores of(Orientation o, double... values) {
        int[] ids = new int[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return of(o, ids, values);
    }

    static InfluenceScores of(Orientation o, int[] ids, double[] values) {
        return new InfluenceScores("test", ids, values, o, new ScoreProvenance("test", "0", Map.of(), "none", "",
                List.of(), "none", "float64", "dev", "17", "test", Instant.EPOCH));
    }

    /** The same hardness ranking as {@code of(HIGHER_IS_HARDER, values)}, stored as LOWER_IS_HARDER. */
    static InfluenceScores flipped(double... values) {
        double[] neg = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            neg[i] = -values[i];
        }
        return of(Orientation.LOWER_IS_HARDER, neg);
    }
}
