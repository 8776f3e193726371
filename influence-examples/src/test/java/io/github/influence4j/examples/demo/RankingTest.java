// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.selection.ScoreAnalysis;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static InfluenceScores scores(Orientation o, double... v) {
        int[] ids = java.util.stream.IntStream.range(0, v.length).map(i -> 10 + 2 * i).toArray();
        return new InfluenceScores("s", ids, v, o, new ScoreProvenance("s", "1", Map.of(), "t", "", List.of(), "b",
                "float64", "dev", "17", "", Instant.EPOCH));
    }

    @Test
    void hardestFirstAgreesWithSelectionsTotalOrderIncludingTies() {
        for (Orientation o : Orientation.values()) {
            InfluenceScores s = scores(o, 0.5, 2.0, 0.5, -1.0, 2.0, 0.5, 3.0);
            int[] order = Ranking.hardestFirst(s);
            for (int k = 0; k <= s.size(); k++) {
                int[] mine = Arrays.stream(order, 0, k).map(i -> s.exampleIds()[i]).sorted().toArray();
                assertArrayEquals(ScoreAnalysis.hardest(s, k), mine, o + " k=" + k);
            }
        }
    }

    @Test
    void ranksAndCounts() {
        InfluenceScores s = scores(Orientation.LOWER_IS_HARDER, 0.9, 0.1, 0.5);
        assertArrayEquals(new int[] {1, 3}, Ranking.ranksOf(s, new int[] {12, 10}));
        org.junit.jupiter.api.Assertions.assertEquals(1, Ranking.countWithin(new int[] {1, 3}, 2));
    }
}
