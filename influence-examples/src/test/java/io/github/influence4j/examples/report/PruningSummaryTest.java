// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruningSummaryTest {
    @Test
    void meanAndSampleStdOverSeedsMatchHandComputedValues() {
        List<TrainingResult> runs = List.of(
                new TrainingResult(Pruning.EASY, "vog", 0.3, 1, 0.80, 1, 1, 1),
                new TrainingResult(Pruning.EASY, "vog", 0.3, 2, 0.82, 1, 1, 1),
                new TrainingResult(Pruning.EASY, "vog", 0.3, 3, 0.84, 1, 1, 1),
                new TrainingResult(Pruning.NONE, RunResults.FULL, 0, 1, 0.9, 1, 1, 1),
                new TrainingResult(Pruning.EASY, "vog", 0.1, 1, 0.85, 1, 1, 1));
        List<CurvePoint> pts = PruningSummary.aggregate(runs);
        assertEquals(3, pts.size());
        assertEquals(Pruning.NONE, pts.get(0).pruning());
        assertEquals(0.0, pts.get(0).std());
        CurvePoint p10 = pts.get(1);
        CurvePoint p30 = pts.get(2);
        assertEquals(0.1, p10.fraction());
        assertEquals(1, p10.n());
        assertEquals(0.0, p10.std());
        assertEquals(3, p30.n());
        assertEquals(0.82, p30.mean(), 1e-12);
        // sample std of {0.80, 0.82, 0.84}: sqrt((0.02^2 + 0 + 0.02^2) / 2) = 0.02
        assertEquals(0.02, p30.std(), 1e-12);
        assertEquals(0.9, PruningSummary.fullData(pts).orElseThrow().mean());
    }
}
