// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesPngChartsAndAnHtmlSummaryFromASyntheticResultsFile() throws Exception {
        SyntheticResults.write(dir);
        ReportWriter.Report r = ReportWriter.write(dir);
        List<String> names = r.images().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("pruning-easy.png", "pruning-easy-by-score.png", "pruning-hard.png",
                "pruning-hard-by-score.png", "data-map.png", "hist-vog.png", "hist-el2n.png",
                "hist-forgetting.png", "hist-data-map-confidence.png", "hist-data-map-variability.png",
                "hist-data-map-correctness.png"), names);
        for (Path png : r.images()) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " is not a readable PNG");
            boolean grid = png.getFileName().toString().endsWith("-by-score.png");
            // the grids hold the 3 scores in one row of panels
            assertEquals(grid ? 3 * Charts.PANEL_WIDTH : Charts.WIDTH, img.getWidth(), png.toString());
            assertEquals(grid ? Charts.PANEL_HEIGHT : Charts.HEIGHT, img.getHeight(), png.toString());
            assertTrue(distinctColours(img) > 5, png + " looks blank");
        }
        String html = Files.readString(r.html());
        for (Path png : r.images()) {
            assertTrue(html.contains("src=\"" + png.getFileName() + "\""), "HTML lacks " + png.getFileName());
        }
        assertTrue(html.contains("<code>influence4j snli-prune --quick</code>"));
        assertTrue(html.contains("VoG &lt;class-norm&gt;"), "HTML escapes text");
        assertTrue(html.contains("Mislabel detection") && html.contains("0.910"));
        assertTrue(html.contains("<th>45%</th>"));
        // full data: mean of the three synthetic full runs, formatted like the table
        CurvePoint full = PruningSummary.fullData(PruningSummary.aggregate(r.results().trainings())).orElseThrow();
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.2f &plusmn; %.2f", 100 * full.mean(),
                100 * full.std())), "HTML shows the full-data accuracy");
    }

    @Test
    void theGridHoldsAnyNumberOfScores() throws Exception {
        RunResults r = SyntheticResults.results();
        for (long seed = 1; seed <= 2; seed++) {
            r = r.withTraining(new RunResults.TrainingResult(Pruning.EASY, "aum", 0.3, seed, 0.6, 1, 1, 1));
        }
        ResultsFiles.write(dir, r);
        SyntheticResults.examples().write(dir.resolve("examples.csv"));
        ReportWriter.Report rep = ReportWriter.write(dir);
        BufferedImage grid = ImageIO.read(dir.resolve("report/pruning-easy-by-score.png").toFile());
        assertEquals(3 * Charts.PANEL_WIDTH, grid.getWidth());
        assertEquals(2 * Charts.PANEL_HEIGHT, grid.getHeight(), "4 scores fill two rows of three");
        assertTrue(rep.images().size() >= 4);
    }

    @Test
    void aRunWithoutExamplesOrTrainingsStillReports() throws Exception {
        RunResults r = RunResults.start("snli-prune", SyntheticResults.results().info(),
                SyntheticResults.results().dataset(), List.of());
        ResultsFiles.write(dir, r);
        ReportWriter.Report rep = ReportWriter.write(dir);
        assertTrue(rep.images().isEmpty());
        assertTrue(Files.readString(rep.html()).contains("No training run has finished yet"));
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
