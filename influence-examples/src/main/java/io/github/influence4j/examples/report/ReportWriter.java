// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import io.github.influence4j.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;

/**
 * Turns a run directory's results into {@code <run>/report/}: PNG charts and {@code index.html}.
 *
 * <pre>{@code
 * ReportWriter.Report r = ReportWriter.write(Path.of("runs/snli-quick"));
 * System.out.println(r.html());
 * }</pre>
 */
public final class ReportWriter {
    /** The report's folder inside a run directory. */
    public static final String REPORT_DIR = "report";

    private ReportWriter() {
    }

    /**
     * What was written.
     *
     * @param html the HTML summary
     * @param images the PNG files, in page order
     * @param results the results reported on
     */
    public record Report(Path html, List<Path> images, RunResults results) {
        /**
         * Copies the list.
         *
         * @param html see the record description
         * @param images see the record description
         * @param results see the record description
         */
        public Report {
            images = List.copyOf(images);
        }
    }

    /**
     * @param runDir a run directory holding {@code results.json}
     * @return the files written
     * @throws ResultsException if the results cannot be read
     */
    public static Report write(Path runDir) {
        RunResults results = ResultsFiles.read(runDir);
        Optional<ExampleTable> examples = ResultsFiles.readExamples(runDir, results);
        Path out = runDir.resolve(REPORT_DIR);
        List<CurvePoint> points = PruningSummary.aggregate(results.trainings());
        List<HtmlReport.Figure> figures = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (Pruning p : List.of(Pruning.EASY, Pruning.HARD)) {
                if (points.stream().anyMatch(c -> c.pruning() == p)) {
                    String file = "pruning-" + p.name().toLowerCase(java.util.Locale.ROOT) + ".png";
                    save(Charts.pruningCurves(points, p), out.resolve(file), images);
                    String which = p == Pruning.EASY ? "easiest" : "hardest";
                    figures.add(new HtmlReport.Figure(file, "Test accuracy after pruning the " + which + " examples"
                            + " by each score (mean over seeds; dashed: random pruning with its +/- std band; every"
                            + " curve starts at full data)."));
                    List<String> scores = points.stream().filter(c -> c.pruning() == p).map(CurvePoint::score)
                            .distinct().toList();
                    List<XYChart> panels = new ArrayList<>();
                    for (int i = 0; i < scores.size(); i++) {
                        panels.add(Charts.pruningPanel(points, p, scores.get(i), i));
                    }
                    String grid = "pruning-" + p.name().toLowerCase(java.util.Locale.ROOT) + "-by-score.png";
                    saveGrid(panels, out.resolve(grid), images);
                    figures.add(new HtmlReport.Figure(grid, "Each score alone: pruning the " + which + " examples,"
                            + " mean +/- std over seeds (coloured) against random pruning (dashed, grey band)."));
                }
            }
            if (examples.isPresent() && results.dataMap().present()) {
                save(Charts.dataMap(examples.get(), results.dataMap()), out.resolve("data-map.png"), images);
                figures.add(new HtmlReport.Figure("data-map.png", "Data map (Swayamdipta et al. 2020): confidence vs"
                        + " variability of the gold-label probability over checkpoints, coloured by correctness."));
            }
            if (examples.isPresent()) {
                for (String score : examples.get().columns().keySet()) {
                    String file = "hist-" + score.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
                    save(Charts.histogram(examples.get(), score, results.dataset().classNames()), out.resolve(file),
                            images);
                    figures.add(new HtmlReport.Figure(file, "Distribution of " + score + " per class."));
                }
            }
            Path html = out.resolve("index.html");
            ResultsFiles.writeAtomically(html, w -> w.write(HtmlReport.render(results, points, figures)));
            return new Report(html, images, results);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report into " + out + ": " + e.getMessage(), e);
        }
    }

    private static void saveGrid(List<XYChart> panels, Path file, List<Path> images) throws IOException {
        int cols = Math.min(3, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        // Drawn by hand: XChart's own grid needs exactly rows x cols charts.
        java.awt.image.BufferedImage grid = new java.awt.image.BufferedImage(cols * Charts.PANEL_WIDTH,
                rows * Charts.PANEL_HEIGHT, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grid.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % cols) * Charts.PANEL_WIDTH,
                        (i / cols) * Charts.PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, os -> {
            if (!javax.imageio.ImageIO.write(grid, "png", os)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
        images.add(file);
    }

    private static void save(XYChart chart, Path file, List<Path> images) throws IOException {
        AtomicFiles.write(file, os -> BitmapEncoder.saveBitmap(chart, os, BitmapFormat.PNG));
        images.add(file);
    }
}
