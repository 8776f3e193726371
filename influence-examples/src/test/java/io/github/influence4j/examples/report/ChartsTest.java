// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors
package io.github.influence4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Histogram bins sit on round values, so that the axis ticks do too. */
class ChartsTest {
    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.05, Charts.niceStep(0.0443), 1e-15);
        assertEquals(0.1, Charts.niceStep(0.0667), 1e-15);
        assertEquals(2.5, Charts.niceStep(2.2), 1e-15);
        assertEquals(1.0, Charts.niceStep(1.0), 1e-15);
        assertEquals(200.0, Charts.niceStep(130), 1e-12);
    }

    @Test
    void histogramBinEdgesAreMultiplesOfARoundWidthAndCoverEveryValue() {
        double[] v = {0.012, 0.3, 0.71, 1.343, 0.5, 0.9};
        int[] labels = {0, 0, 1, 1, 0, 1};
        ExampleTable t = new ExampleTable(new int[] {0, 1, 2, 3, 4, 5}, labels, Optional.empty(), Map.of("el2n", v));
        XYChart chart = Charts.histogram(t, "el2n", List.of("a", "b"));
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] x = s.getXData();
            double width = x[1] - x[0];
            assertEquals(Charts.niceStep(width), width, 1e-12, "round width");
            for (double e : x) {
                double q = e / width;
                assertEquals(Math.rint(q), q, 1e-6, "edge " + e + " on a multiple of " + width);
            }
            assertTrue(x[0] <= 0.012 && x[x.length - 1] > 1.343, "covers the data");
            double sum = 0;
            double[] y = s.getYData();
            for (int i = 0; i < y.length - 1; i++) {
                sum += y[i];
            }
            assertEquals(1.0, sum, 1e-12, "fractions of the class sum to 1");
        }
    }
}
