// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brittleness curve from recorded runs: fractions counted by hand, CSV and PNG written. */
class BrittlenessCurveTest {
    @TempDir
    Path tmp;

    @Test
    void fractionsFlippedPerMethodAndK() throws Exception {
        List<BrittlenessRun.Run> runs = List.of(
                new BrittlenessRun.Run("trak", 50, 0, 0, 50, -0.2, true, 1),
                new BrittlenessRun.Run("trak", 50, 3, 0, 50, 0.4, false, 1),
                new BrittlenessRun.Run("trak", 200, 0, 0, 180, -1.0, true, 1),
                new BrittlenessRun.Run("trak", 200, 3, 0, 200, -0.1, true, 1),
                // test 5 was stopped after k = 50: it counts for no method's points
                new BrittlenessRun.Run("trak", 50, 5, 0, 50, -3.0, true, 1),
                new BrittlenessRun.Run("random", 50, 0, 0, 50, 1.0, false, 1),
                new BrittlenessRun.Run("random", 50, 3, 0, 50, -1.0, true, 1),
                new BrittlenessRun.Run("random", 50, 0, 1, 50, 1.0, false, 1),
                new BrittlenessRun.Run("random", 50, 3, 1, 50, 1.0, false, 1),
                new BrittlenessRun.Run("random", 200, 0, 0, 200, 1.1, false, 1),
                new BrittlenessRun.Run("none", 0, 0, 0, 0, 1.1, false, 1),
                new BrittlenessRun.Run("none", 0, 3, 0, 0, 0.9, false, 1));
        List<BrittlenessRun.Point> pts = BrittlenessRun.curve(tmp, runs, List.of(50, 200),
                List.of("trak", "random", "grad-cos", "none"));
        // margin changes against the k = 0 retraining (test 0: 1.1, test 3: 0.9), by hand
        double[] expected = {((-0.2 - 1.1) + (0.4 - 0.9)) / 2, ((-1.0 - 1.1) + (-0.1 - 0.9)) / 2,
            ((1.0 - 1.1) + (-1.0 - 0.9) + (1.0 - 1.1) + (1.0 - 0.9)) / 4, 1.1 - 1.1, 0.0};
        List<BrittlenessRun.Point> want = List.of(new BrittlenessRun.Point("trak", 50, 0.5, 2, expected[0]),
                new BrittlenessRun.Point("trak", 200, 1.0, 2, expected[1]),
                new BrittlenessRun.Point("random", 50, 0.25, 4, expected[2]),
                new BrittlenessRun.Point("random", 200, 0.0, 1, expected[3]),
                new BrittlenessRun.Point("none", 0, 0.0, 2, expected[4]));
        assertEquals(want.size(), pts.size());
        for (int i = 0; i < want.size(); i++) {
            BrittlenessRun.Point w = want.get(i);
            BrittlenessRun.Point g = pts.get(i);
            assertEquals(List.of(w.method(), w.k(), w.flipped(), w.tests()), List.of(g.method(), g.k(), g.flipped(), g.tests()));
            assertEquals(w.marginChange(), g.marginChange(), 1e-12, w.method() + " k " + w.k());
        }
        assertEquals(6, Files.readAllLines(tmp.resolve("brittleness/curve.csv")).size());
        byte[] png = Files.readAllBytes(tmp.resolve("brittleness/curve.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        byte[] margin = Files.readAllBytes(tmp.resolve("brittleness/curve-margin.png"));
        assertTrue(margin.length > 1000 && margin[1] == 'P' && margin[2] == 'N' && margin[3] == 'G');
    }
}
