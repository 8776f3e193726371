// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import static io.github.influence4j.core.Orientation.HIGHER_IS_HARDER;
import static io.github.influence4j.core.Orientation.LOWER_IS_HARDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.NumericalException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RankSelectionTest {
    // ids 0..7; hardness (HIGHER_IS_HARDER) 5, 1, 4, 1, 9, 0, 4, 7
    // total order, easiest first (hardness asc, then id asc): 5(0) 1(1) 3(1) 2(4) 6(4) 0(5) 7(7) 4(9)
    private static final double[] H = {5, 1, 4, 1, 9, 0, 4, 7};

    private static InfluenceScores higher() {
        return TestScores.of(HIGHER_IS_HARDER, H);
    }

    private static InfluenceScores lower() {
        // confidence-like: value = 10 - hardness, so low value = hard; same ranking as higher()
        double[] v = new double[H.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 10 - H[i];
        }
        return TestScores.of(LOWER_IS_HARDER, v);
    }

    @Test
    void pruneEasyByHandBothOrientations() {
        // prune 3 of 8 (0.375 x 8 = 3): the three easiest are ids 5, 1, 3
        for (InfluenceScores s : new InfluenceScores[] {higher(), lower()}) {
            Selection sel = Selections.pruneEasy(0.375).select(s, 1L);
            assertArrayEquals(new int[] {1, 3, 5}, sel.prunedIds(), s.orientation().toString());
            assertArrayEquals(new int[] {0, 2, 4, 6, 7}, sel.keptIds(), s.orientation().toString());
        }
        // 0.25 x 8 = 2: ids 5 and 1 (tie 1 vs 3 at hardness 1: the lower id counts as easier)
        assertArrayEquals(new int[] {1, 5}, Selections.pruneEasy(0.25).select(higher(), 0L).prunedIds());
        assertArrayEquals(new int[] {1, 5}, Selections.pruneEasy(0.25).select(lower(), 0L).prunedIds());
    }

    @Test
    void pruneHardByHandBothOrientations() {
        // prune 2 hardest: 4 (9), 7 (7); prune 4 hardest: + 0 (5), 6 (4; tie with 2, higher id is harder)
        for (InfluenceScores s : new InfluenceScores[] {higher(), lower()}) {
            assertArrayEquals(new int[] {4, 7}, Selections.pruneHard(0.25).select(s, 0L).prunedIds());
            assertArrayEquals(new int[] {0, 4, 6, 7}, Selections.pruneHard(0.5).select(s, 0L).prunedIds());
        }
    }

    @Test
    void keepEasyAndKeepHardByHandBothOrientations() {
        for (InfluenceScores s : new InfluenceScores[] {higher(), lower()}) {
            assertArrayEquals(new int[] {1, 3, 5}, Selections.keepEasy(0.375).select(s, 0L).keptIds());
            assertArrayEquals(new int[] {1, 2, 3, 5}, Selections.keepEasy(0.5).select(s, 0L).keptIds());
            assertArrayEquals(new int[] {0, 4, 7}, Selections.keepHard(0.375).select(s, 0L).keptIds());
            assertArrayEquals(new int[] {0, 4, 6, 7}, Selections.keepHard(0.5).select(s, 0L).keptIds());
        }
    }

    @Test
    void orientationMattersForTheSameValues() {
        // the same raw values read as LOWER_IS_HARDER: the easy end is now the high values
        InfluenceScores raw = TestScores.of(LOWER_IS_HARDER, H);
        assertArrayEquals(new int[] {4, 7}, Selections.pruneEasy(0.25).select(raw, 0L).prunedIds());
        // hardest two: id 5 (value 0), then the tie of ids 1 and 3 (value 1): the higher id counts as harder
        assertArrayEquals(new int[] {3, 5}, Selections.pruneHard(0.25).select(raw, 0L).prunedIds());
    }

    @Test
    void roundingIsHalfUpInExactDecimal() {
        InfluenceScores ten = TestScores.of(HIGHER_IS_HARDER, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(4, Selections.pruneEasy(0.35).select(ten, 0L).prunedCount(), "0.35 x 10 = 3.5 -> 4");
        assertEquals(3, Selections.pruneEasy(0.25).select(ten, 0L).prunedCount(), "2.5 -> 3");
        assertEquals(2, Selections.pruneEasy(0.24).select(ten, 0L).prunedCount(), "2.4 -> 2");
        assertEquals(8, Selections.keepHard(0.75).select(ten, 0L).keptCount(), "7.5 -> 8 kept");
        assertEquals(0, Selections.pruneEasy(0).select(ten, 0L).prunedCount());
        assertEquals(10, Selections.pruneEasy(1).select(ten, 0L).prunedCount());
        assertEquals(0, Selections.keepHard(0.04).select(ten, 0L).keptCount(), "0.4 -> 0");
    }

    @Test
    void pruneEasyIsTheComplementOfKeepHardUnderTies() {
        SplittableRandom r = new SplittableRandom(3);
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(7); // many ties
        }
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, v);
        for (int pct = 0; pct <= 100; pct += 5) {
            double f = pct / 100.0;
            Selection pe = Selections.pruneEasy(f).select(s, 0L);
            Selection kh = Selections.keepHard(Math.round((100 - pct)) / 100.0).select(s, 0L);
            assertArrayEquals(pe.keptIds(), kh.keptIds(), "prune-easy " + f);
            Selection ph = Selections.pruneHard(f).select(s, 0L);
            Selection ke = Selections.keepEasy((100 - pct) / 100.0).select(s, 0L);
            assertArrayEquals(ph.keptIds(), ke.keptIds(), "prune-hard " + f);
            // every kept example is at least as hard as every pruned one
            double minKept = Double.POSITIVE_INFINITY;
            for (int id : pe.keptIds()) {
                minKept = Math.min(minKept, v[id]);
            }
            for (int id : pe.prunedIds()) {
                assertTrue(v[id] <= minKept, "pruned " + id + " harder than a kept one at " + f);
            }
        }
    }

    @Test
    void idsAreReportedNotIndices() {
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, new int[] {10, 20, 35, 40}, new double[] {3, 1, 2, 0});
        Selection sel = Selections.pruneEasy(0.5).select(s, 0L);
        assertArrayEquals(new int[] {20, 40}, sel.prunedIds());
        assertArrayEquals(new int[] {10, 35}, sel.keptIds());
        assertTrue(sel.isKept(35));
    }

    @Test
    void infinitiesRankAtTheEnds() {
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, 1, Double.POSITIVE_INFINITY, -3, Double.NEGATIVE_INFINITY,
                0.0, -0.0);
        assertArrayEquals(new int[] {3}, Selections.pruneEasy(1.0 / 6).select(s, 0L).prunedIds());
        assertArrayEquals(new int[] {1}, Selections.pruneHard(1.0 / 6).select(s, 0L).prunedIds());
        // 0.0 and -0.0 tie: the lower id (4) counts as easier
        assertArrayEquals(new int[] {2, 3, 4}, Selections.pruneEasy(0.5).select(s, 0L).prunedIds());
    }

    @Test
    void classBalancedByHand() {
        // labels: class 0 = ids 0..5 (6), class 1 = ids 6..8 (3), class 2 = id 9 (1); N = 10
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2};
        double[] v = {9, 8, 7, 6, 5, 4, 0.5, 0.2, 0.1, 0.3};
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, v);
        // unbalanced: prune the 4 easiest overall = ids 8, 7, 9, 6 (all of classes 1 and 2)
        Selection plain = Selections.pruneEasy(0.4).select(s, labels, 0L);
        assertArrayEquals(new int[] {6, 7, 8, 9}, plain.prunedIds());
        assertEquals(Map.of(0, 6, 1, 0, 2, 0), plain.classCountsAfter());
        // balanced: T = 4; exact quotas 2.4, 1.2, 0.4 -> floors 2, 1, 0, one left for the largest remainder (class 0)
        // -> prune 3 of class 0 (ids 5, 4, 3), 1 of class 1 (id 8), 0 of class 2
        Selection bal = Selections.pruneEasy(0.4).classBalancedVariant().select(s, labels, 0L);
        assertArrayEquals(new int[] {3, 4, 5, 8}, bal.prunedIds());
        assertEquals(new TreeMap<>(Map.of(0, 6, 1, 3, 2, 1)), bal.classCountsBefore());
        assertEquals(new TreeMap<>(Map.of(0, 3, 1, 2, 2, 1)), bal.classCountsAfter());
        // keep-hard balanced with T = 6 kept: quotas 3.6, 1.8, 0.6 -> 3, 1, 0 + 2 left: remainders .8 (c1), .6 (c0, c2)
        // -> c1 gets 2, then c0 (smaller label on the tie) gets 4, c2 gets 0
        Selection kh = new RankSelection(SubsetSize.keep(0.6), Difficulty.HARD, true).select(s, labels, 0L);
        assertArrayEquals(new int[] {0, 1, 2, 3, 6, 7}, kh.keptIds());
        // the same for the LOWER_IS_HARDER mirror
        Selection khLow = new RankSelection(SubsetSize.keep(0.6), Difficulty.HARD, true)
                .select(TestScores.flipped(v), labels, 0L);
        assertArrayEquals(kh.keptIds(), khLow.keptIds());
        // prune-hard and keep-easy balanced
        Selection ph = new RankSelection(SubsetSize.prune(0.4), Difficulty.HARD, true).select(s, labels, 0L);
        assertArrayEquals(new int[] {0, 1, 2, 6}, ph.prunedIds());
        Selection ke = new RankSelection(SubsetSize.keep(0.4), Difficulty.EASY, true).select(s, labels, 0L);
        assertArrayEquals(new int[] {3, 4, 5, 8}, ke.keptIds());
    }

    @Test
    void recordsWhatWasDone() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
        Selection sel = Selections.pruneEasy(0.25).select(higher(), labels, 99L);
        assertEquals("prune-easy", sel.policy());
        assertEquals(Map.of("fraction", "0.25", "class-balanced", "false"), sel.parameters());
        assertEquals("prune-easy:fraction=0.25,class-balanced=false", sel.spec());
        assertEquals(99L, sel.seed());
        assertEquals("test", sel.scoreName());
        assertEquals(Map.of(0, 4, 1, 4), sel.classCountsBefore());
        assertEquals(Map.of(0, 4, 1, 2), sel.classCountsAfter()); // pruned ids 1 and 5 are class 1
        assertEquals(8, sel.total());
        assertTrue(Selections.pruneEasy(0.25).select(higher(), 0L).classCountsBefore().isEmpty());
    }

    @Test
    void badInputIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selections.pruneEasy(1.5));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Selections.keepHard(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Selections.keepHard(Double.NaN));

        InfluenceScores empty = TestScores.of(HIGHER_IS_HARDER);
        e = assertThrows(IllegalArgumentException.class, () -> Selections.pruneEasy(0.3).select(empty, 0L));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Selections.pruneEasy(0.3).select(higher(), new int[] {0, 1, 2}, 0L));
        assertTrue(e.getMessage().contains("3 labels for 8 scores"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Selections.pruneEasy(0.3).classBalancedVariant().select(higher(), 0L));
        assertTrue(e.getMessage().contains("needs one label per example"), e.getMessage());

        InfluenceScores nan = TestScores.of(HIGHER_IS_HARDER, new int[] {3, 4, 9}, new double[] {1, Double.NaN, 2});
        NumericalException n = assertThrows(NumericalException.class, () -> Selections.pruneEasy(0.3).select(nan, 0L));
        assertTrue(n.getMessage().contains("1 NaN value") && n.getMessage().contains("example id 4"), n.getMessage());
    }
}
