// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.influence4j.core.TopInfluences.Influence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopInfluencesTest {
    private static final ScoreProvenance PROV = new ScoreProvenance("t", "1", Map.of(), "s", "h", List.of(), "b", "float64",
            "dev", "17", "linux", Instant.EPOCH);

    @Test
    void keepsTheKLargestPositiveAndMostNegativeWithTiesToTheLowerId() {
        TopInfluences.Collector c = TopInfluences.collector(1, 2);
        double[] v = {0.5, -1, 2, 0, 2, -1, -3, 0.5, Double.NaN};
        for (int j = v.length - 1; j >= 0; j--) {          // offered in reverse: order must not matter
            c.offer(0, j, v[j]);
        }
        TopInfluences t = c.build("x", new int[] {7}, PROV);
        assertEquals(List.of(new Influence(2, 2), new Influence(4, 2)), t.proponentsOf(7));
        assertEquals(List.of(new Influence(6, -3), new Influence(1, -1)), t.opponentsOf(7));
        assertThrows(IllegalArgumentException.class, () -> t.proponentsOf(3));
    }

    @Test
    void matchesAFullSortOnRandomValues() {
        Random r = new Random(1);
        int k = 4;
        TopInfluences.Collector c = TopInfluences.collector(3, k);
        double[][] v = new double[3][50];
        for (int m = 0; m < 3; m++) {
            for (int j = 0; j < 50; j++) {
                v[m][j] = Math.round(r.nextGaussian() * 4) / 4.0;    // many ties
                c.offer(m, j, v[m][j]);
            }
        }
        TopInfluences t = c.build("x", new int[] {0, 1, 2}, PROV);
        for (int m = 0; m < 3; m++) {
            List<Influence> all = new ArrayList<>();
            for (int j = 0; j < 50; j++) {
                all.add(new Influence(j, v[m][j]));
            }
            List<Influence> pro = all.stream().filter(x -> x.value() > 0)
                    .sorted(Comparator.comparingDouble(Influence::value).reversed().thenComparingInt(Influence::trainId))
                    .limit(k).toList();
            List<Influence> con = all.stream().filter(x -> x.value() < 0)
                    .sorted(Comparator.comparingDouble(Influence::value).thenComparingInt(Influence::trainId))
                    .limit(k).toList();
            assertEquals(pro, t.proponents(m));
            assertEquals(con, t.opponents(m));
        }
    }

    @Test
    void influenceMatrixIsImmutableAndRowMajor() {
        double[] values = {1, 2, 3, 4, 5, 6};
        InfluenceMatrix m = new InfluenceMatrix("x", new int[] {3, 8}, new int[] {0, 1, 2}, values, PROV);
        values[0] = 99;
        assertEquals(1, m.value(0, 0));
        assertArrayEquals(new double[] {4, 5, 6}, m.row(1));
        assertArrayEquals(new long[] {2, 3}, m.toINDArray().shape());
        assertEquals(6, m.toINDArray().getDouble(1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new InfluenceMatrix("x", new int[] {1}, new int[] {0, 1, 2}, values, PROV));
        assertThrows(IllegalArgumentException.class,
                () -> new InfluenceMatrix("x", new int[] {2, 1}, new int[] {0, 1, 2}, values, PROV));
    }
}
