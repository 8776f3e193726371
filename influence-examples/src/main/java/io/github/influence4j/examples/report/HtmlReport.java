// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import io.github.influence4j.examples.report.RunResults.DetectionResult;
import io.github.influence4j.examples.report.RunResults.RunInfo;
import io.github.influence4j.examples.report.RunResults.ScoreInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Renders the one-page HTML summary of a run (self-contained but for the PNGs next to it). */
final class HtmlReport {
    /**
     * @param file a PNG in the report folder
     * @param caption what it shows
     */
    record Figure(String file, String caption) {
    }

    private HtmlReport() {
    }

    static String render(RunResults r, List<CurvePoint> points, List<Figure> figures) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>influence4j: ")
                .append(esc(r.experiment())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
                .append("img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:90%}")
                .append(".better{color:#1a7f37}.worse{color:#b42318}</style></head><body>\n");
        h.append("<h1>influence4j: ").append(esc(r.experiment())).append("</h1>\n");
        RunInfo i = r.info();
        h.append("<table>");
        row(h, "command", "<code>" + esc(i.command()) + "</code>");
        row(h, "commit", esc(i.commit()));
        row(h, "machine", esc(i.machine()) + ", Java " + esc(i.java()));
        row(h, "started", esc(i.startedAt()));
        row(h, "wall time", String.format(Locale.ROOT, "%.1f min", i.wallSeconds() / 60));
        String pool = esc(r.dataset().train());
        row(h, "training pool", pool + (pool.endsWith(")") ? ", " : " (") + r.dataset().trainExamples() + " examples"
                + (pool.endsWith(")") ? "" : ")"));
        row(h, "evaluation", esc(r.dataset().test()) + " (" + r.dataset().testExamples() + " examples)");
        if (r.dataset().noiseRate() > 0) {
            row(h, "label noise", String.format(Locale.ROOT, "%.0f%% nominal, %d labels really changed",
                    100 * r.dataset().noiseRate(), r.dataset().mislabelled()));
        }
        row(h, "training runs", String.valueOf(r.trainings().size()));
        h.append("</table>\n");
        accuracyTable(h, r, points);
        detectionTable(h, r.detection());
        if (!r.scores().isEmpty()) {
            h.append("<h2>Scores</h2>\n<table><tr><th class=l>score</th><th class=l>hard end</th>")
                    .append("<th class=l>description</th></tr>\n");
            for (ScoreInfo s : r.scores()) {
                h.append("<tr><td class=l>").append(esc(s.name())).append("</td><td class=l>")
                        .append(s.orientation().startsWith("HIGHER") ? "high" : "low").append("</td><td class=l>")
                        .append(esc(s.description())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!figures.isEmpty()) {
            h.append("<h2>Figures</h2>\n");
        }
        for (Figure f : figures) {
            h.append("<figure><img src=\"").append(esc(f.file())).append("\" alt=\"").append(esc(f.caption()))
                    .append("\"><figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
        }
        h.append("<p><small>Data: results.json, trainings.csv, summary.csv in the run directory.</small></p>\n");
        return h.append("</body></html>\n").toString();
    }

    private static void accuracyTable(StringBuilder h, RunResults r, List<CurvePoint> points) {
        if (points.isEmpty()) {
            h.append("<p>No training run has finished yet.</p>\n");
            return;
        }
        Optional<CurvePoint> full = PruningSummary.fullData(points);
        TreeSet<Double> fractions = new TreeSet<>();
        points.stream().filter(p -> p.pruning() != Pruning.NONE).forEach(p -> fractions.add(p.fraction()));
        h.append("<h2>Test accuracy (mean &plusmn; std over seeds, %)</h2>\n");
        full.ifPresent(f -> h.append("<p>Full data: <b>").append(pct(f)).append("</b> (").append(f.n())
                .append(f.n() == 1 ? " seed, so no std" : " seeds")
                .append("). Green: above random pruning at the same fraction; red: below.</p>\n"));
        h.append("<table><tr><th class=l>pruning</th><th class=l>score</th>");
        for (double f : fractions) {
            h.append("<th>").append(String.format(Locale.ROOT, "%.0f%%", 100 * f)).append("</th>");
        }
        h.append("</tr>\n");
        List<CurvePoint> random = PruningSummary.curve(points, Pruning.RANDOM, RunResults.RANDOM);
        for (Pruning p : List.of(Pruning.RANDOM, Pruning.EASY, Pruning.HARD)) {
            for (String score : points.stream().filter(c -> c.pruning() == p).map(CurvePoint::score).distinct().toList()) {
                h.append("<tr><td class=l>").append(p.name().toLowerCase(Locale.ROOT)).append("</td><td class=l>")
                        .append(esc(score)).append("</td>");
                List<CurvePoint> curve = PruningSummary.curve(points, p, score);
                for (double f : fractions) {
                    Optional<CurvePoint> c = at(curve, f);
                    Optional<CurvePoint> base = at(random, f);
                    String cls = "";
                    if (c.isPresent() && base.isPresent() && p != Pruning.RANDOM) {
                        cls = c.get().mean() > base.get().mean() ? " class=better" : " class=worse";
                    }
                    h.append("<td").append(cls).append(">").append(c.map(HtmlReport::pct).orElse("")).append("</td>");
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void detectionTable(StringBuilder h, List<DetectionResult> detection) {
        if (detection.isEmpty()) {
            return;
        }
        h.append("<h2>Mislabel detection</h2>\n<table><tr><th class=l>score</th><th>AUROC</th>")
                .append("<th>precision@k</th><th>k</th></tr>\n");
        for (DetectionResult d : detection) {
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>%n",
                    esc(d.score()), d.auroc(), d.precisionAtK(), d.k()));
        }
        h.append("</table>\n");
    }

    private static Optional<CurvePoint> at(List<CurvePoint> curve, double fraction) {
        return curve.stream().filter(c -> Math.abs(c.fraction() - fraction) < 1e-9).findFirst();
    }

    private static String pct(CurvePoint p) {
        return p.n() < 2 ? String.format(Locale.ROOT, "%.2f", 100 * p.mean())
                : String.format(Locale.ROOT, "%.2f &plusmn; %.2f", 100 * p.mean(), 100 * p.std());
    }

    private static void row(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th class=l>").append(key).append("</th><td class=l>").append(valueHtml).append("</td></tr>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
