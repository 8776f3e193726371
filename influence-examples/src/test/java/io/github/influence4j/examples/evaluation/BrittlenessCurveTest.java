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
                new BrittlenessRun.Run("random", 50, 0, 0, 50, 1.0, false, 1),
                new BrittlenessRun.Run("random", 50, 3, 0, 50, -1.0, true, 1),
                new BrittlenessRun.Run("random", 50, 0, 1, 50, 1.0, false, 1),
                new BrittlenessRun.Run("random", 50, 3, 1, 50, 1.0, false, 1),
                new BrittlenessRun.Run("random", 200, 0, 0, 200, 1.1, false, 1),
                new BrittlenessRun.Run("none", 0, 0, 0, 0, 1.1, false, 1),
                new BrittlenessRun.Run("none", 0, 3, 0, 0, 0.9, false, 1));
        List<BrittlenessRun.Point> pts = BrittlenessRun.curve(tmp, runs, List.of(50, 200),
                List.of("trak", "random", "grad-cos", "none"));
        assertEquals(List.of(new BrittlenessRun.Point("trak", 50, 0.5, 2), new BrittlenessRun.Point("trak", 200, 1.0, 2),
                new BrittlenessRun.Point("random", 50, 0.25, 4), new BrittlenessRun.Point("random", 200, 0.0, 1),
                new BrittlenessRun.Point("none", 0, 0.0, 2)), pts);
        assertEquals(6, Files.readAllLines(tmp.resolve("brittleness/curve.csv")).size());
        byte[] png = Files.readAllBytes(tmp.resolve("brittleness/curve.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }
}
