// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.examples.report.CurvePoint;
import io.github.influence4j.examples.report.PruningSummary;
import io.github.influence4j.examples.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code influence4j report}: PNG plots and a one-page HTML summary from a run directory's
 * {@code results.json} (see {@link io.github.influence4j.examples.report.RunResults}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Plots and an HTML summary of a run's results.json.",
        description = {"Write PNG plots and a one-page HTML summary from a run directory's results.json:",
            "pruning curves, the data map and per-class score histograms, into DIR/report/."})
final class ReportCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory (holds results.json).")
    Path run;

    @Override
    public Integer call() {
        if (!Files.isDirectory(run)) {
            throw new CliException("run directory " + run + " does not exist");
        }
        ReportWriter.Report r = ReportWriter.write(run);
        PrintWriter o = spec.commandLine().getOut();
        printSummary(o, PruningSummary.aggregate(r.results().trainings()));
        o.println("wrote " + r.html() + " and " + r.images().size() + " charts");
        return ExitCodes.OK;
    }

    /**
     * @param o where to print
     * @param points aggregated results
     */
    static void printSummary(PrintWriter o, List<CurvePoint> points) {
        if (points.isEmpty()) {
            o.println("no training run has finished yet");
            return;
        }
        o.printf(Locale.ROOT, "%-8s %-28s %9s %6s %18s%n", "pruning", "score", "fraction", "seeds", "test acc. (%)");
        for (CurvePoint p : points) {
            o.printf(Locale.ROOT, "%-8s %-28s %8.0f%% %6d %11.2f%s%n", p.pruning().name().toLowerCase(Locale.ROOT),
                    p.score(), 100 * p.fraction(), p.n(), 100 * p.mean(),
                    p.n() < 2 ? "" : String.format(Locale.ROOT, " +/- %.2f", 100 * p.std()));
        }
    }
}
