// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import io.github.influence4j.examples.report.RunResults.DataMapColumns;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the report's charts with XChart: pruning curves (Tan, Minakova and Anand 2023, Fig. 1),
 * the data map (Swayamdipta et al. 2020, Fig. 1) and per-class score histograms.
 */
public final class Charts {
    /** Chart width in pixels. */
    public static final int WIDTH = 860;
    /** Chart height in pixels. */
    public static final int HEIGHT = 520;
    /** Matplotlib's tab10 palette: distinct, colour-blind-friendlier than XChart's default. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    /** After ten scores the colours repeat: the marker tells the second ten (and so on) apart. */
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
        SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    private static final int HISTOGRAM_BINS = 30;

    private Charts() {
    }

    /** Scores up to which the overview chart draws a std band per score (more would be unreadable). */
    static final int MAX_BANDS = 4;
    /** Width of one panel of the small-multiples grid. */
    public static final int PANEL_WIDTH = 420;
    /** Height of one panel of the small-multiples grid. */
    public static final int PANEL_HEIGHT = 300;

    /**
     * Test accuracy (%) against the fraction pruned (%), one line per score, the random baseline
     * dashed with its mean +/- std band, every curve starting from the full-data point. Scores get
     * their own bands when there are at most {@value #MAX_BANDS}; {@link #pruningPanel} shows each
     * score's band against random.
     *
     * @param points aggregated points ({@link PruningSummary#aggregate})
     * @param direction {@link Pruning#EASY} or {@link Pruning#HARD}
     * @return the chart
     */
    public static XYChart pruningCurves(List<CurvePoint> points, Pruning direction) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(direction == Pruning.EASY ? "Pruning the easiest examples" : "Pruning the hardest examples")
                .xAxisTitle("fraction of training data pruned (%)").yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        CurvePoint full = PruningSummary.fullData(points).orElse(null);
        List<String> scores = points.stream().filter(p -> p.pruning() == direction).map(CurvePoint::score).distinct()
                .toList();
        int colour = 0;
        for (String score : scores) {
            addCurve(chart, score, full, PruningSummary.curve(points, direction, score), colour++,
                    false, scores.size() <= MAX_BANDS);
        }
        List<CurvePoint> random = PruningSummary.curve(points, Pruning.RANDOM, RunResults.RANDOM);
        if (!random.isEmpty()) {
            addCurve(chart, "random (baseline)", full, random, -1, true, true);
        }
        if (full != null && scores.isEmpty() && random.isEmpty()) {
            addCurve(chart, "full data", full, List.of(), -1, false, true);
        }
        return chart;
    }

    /**
     * One score's pruning curve with its mean +/- std band against random pruning with its band: a
     * panel of the small-multiples grid.
     *
     * @param points aggregated points
     * @param direction {@link Pruning#EASY} or {@link Pruning#HARD}
     * @param score the score
     * @param index the score's position (picks its colour, as in {@link #pruningCurves})
     * @return the chart
     */
    public static XYChart pruningPanel(List<CurvePoint> points, Pruning direction, String score, int index) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(score + (direction == Pruning.EASY ? ", pruning easy" : ", pruning hard"))
                .xAxisTitle("pruned (%)").yAxisTitle("test acc. (%)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        CurvePoint full = PruningSummary.fullData(points).orElse(null);
        List<CurvePoint> random = PruningSummary.curve(points, Pruning.RANDOM, RunResults.RANDOM);
        if (!random.isEmpty()) {
            addCurve(chart, "random", full, random, -1, true, true);
        }
        addCurve(chart, score, full, PruningSummary.curve(points, direction, score), index, false, true);
        return chart;
    }

    /**
     * @param style the score's position: its colour (tab10) and, past ten, its marker; -1 for the
     *     black reference curves
     */
    private static void addCurve(XYChart chart, String name, CurvePoint full, List<CurvePoint> curve, int style,
            boolean dashed, boolean withBand) {
        Color colour = style < 0 ? Color.BLACK : PALETTE[style % PALETTE.length];
        List<CurvePoint> pts = new ArrayList<>();
        if (full != null) {
            pts.add(full);
        }
        pts.addAll(curve);
        int n = pts.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            CurvePoint p = pts.get(i);
            x[i] = 100 * p.fraction();
            y[i] = 100 * p.mean();
            lo[i] = 100 * (p.mean() - p.std());
            hi[i] = 100 * (p.mean() + p.std());
        }
        if (withBand && n > 1 && pts.stream().anyMatch(p -> p.std() > 0)) {
            double[] bx = new double[2 * n];
            double[] by = new double[2 * n];
            for (int i = 0; i < n; i++) {
                bx[i] = x[i];
                by[i] = hi[i];
                bx[2 * n - 1 - i] = x[i];
                by[2 * n - 1 - i] = lo[i];
            }
            XYSeries band = chart.addSeries(name + " +/- std", bx, by);
            band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 40));
            band.setLineColor(new Color(0, 0, 0, 0));
            band.setShowInLegend(false);
        }
        XYSeries line = chart.addSeries(name, x, y);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(style < 0 ? SeriesMarkers.CIRCLE : MARKERS[style / PALETTE.length % MARKERS.length]);
        line.setLineColor(colour);
        line.setMarkerColor(colour);
        if (dashed) {
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {6f, 4f}, 0f));
        }
    }

    /**
     * The data map: confidence (mean p(y) over checkpoints) against variability (its std), points
     * coloured by correctness (fraction of checkpoints predicting y) in five bins; deliberately
     * mislabelled examples, if known, are overlaid as black crosses.
     *
     * @param table the per-example table
     * @param cols which columns hold the three statistics
     * @return the chart
     */
    public static XYChart dataMap(ExampleTable table, DataMapColumns cols) {
        double[] conf = table.column(cols.confidence());
        double[] var = table.column(cols.variability());
        double[] corr = table.column(cols.correctness());
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Data map (" + table.size() + " training examples)")
                .xAxisTitle("variability (std of p(y) over checkpoints)").yAxisTitle("confidence (mean p(y))").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        Color[] ramp = {new Color(0xd7191c), new Color(0xfdae61), new Color(0xc8c864), new Color(0xabd9e9),
            new Color(0x2c7bb6)};
        for (int b = 0; b < 5; b++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                int bin = Math.min(4, (int) Math.floor(corr[i] * 5));
                if (bin == b && Double.isFinite(var[i]) && Double.isFinite(conf[i])) {
                    xs.add(var[i]);
                    ys.add(conf[i]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(String.format(Locale.ROOT, "correctness %.1f-%.1f", b / 5.0,
                        (b + 1) / 5.0), xs, ys);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(new Color(ramp[b].getRed(), ramp[b].getGreen(), ramp[b].getBlue(), 150));
            }
        }
        table.noisy().ifPresent(mask -> {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < mask.length; i++) {
                if (mask[i]) {
                    xs.add(var[i]);
                    ys.add(conf[i]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries("mislabelled (" + xs.size() + ")", xs, ys);
                s.setMarker(SeriesMarkers.CROSS);
                s.setMarkerColor(Color.BLACK);
            }
        });
        return chart;
    }

    /**
     * Histograms of one score, one step line per class, each normalised to its class size so that
     * classes of different sizes compare.
     *
     * @param table the per-example table
     * @param score a score column
     * @param classNames names by label (missing names print as "class k")
     * @return the chart
     */
    public static XYChart histogram(ExampleTable table, String score, List<String> classNames) {
        double[] v = table.column(score);
        int[] labels = table.labels();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int nonFinite = 0;
        int numClasses = 0;
        for (int i = 0; i < v.length; i++) {
            numClasses = Math.max(numClasses, labels[i] + 1);
            if (Double.isFinite(v[i])) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            } else {
                nonFinite++;
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(score + " by class" + (nonFinite > 0 ? " (" + nonFinite + " non-finite values left out)" : ""))
                .xAxisTitle(score).yAxisTitle("fraction of the class").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Step);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        if (min > max) {
            return chart;
        }
        double mag = Math.max(Math.abs(min), Math.abs(max));
        chart.getStyler().setXAxisDecimalPattern(mag != 0 && (mag < 0.01 || mag >= 1e5) ? "0.##E0" : "#,##0.###");
        // bins of a round width starting at a multiple of it, so that the axis ticks fall on round values
        double width = max > min ? niceStep((max - min) / HISTOGRAM_BINS) : 1;
        double start = Math.floor(min / width) * width;
        int bins = Math.max(1, (int) Math.ceil((max - start) / width - 1e-9));
        if (start + bins * width <= max) {
            bins++;
        }
        for (int k = 0; k < numClasses; k++) {
            double[] counts = new double[bins + 1];
            int total = 0;
            for (int i = 0; i < v.length; i++) {
                if (labels[i] == k && Double.isFinite(v[i])) {
                    counts[Math.min(bins - 1, (int) ((v[i] - start) / width))]++;
                    total++;
                }
            }
            if (total == 0) {
                continue;
            }
            double[] x = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                x[b] = start + b * width;
                counts[b] /= total;
            }
            counts[bins] = counts[bins - 1];
            String name = (k < classNames.size() ? classNames.get(k) : "class " + k) + " (" + total + ")";
            Color c = PALETTE[k % PALETTE.length];
            XYSeries s = chart.addSeries(name, x, counts);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(c);
            s.setLineWidth(2f);
        }
        return chart;
    }

    /**
     * @param raw a positive step
     * @return the smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code raw}
     */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
