// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.examples.report.CurvePoint;
import io.github.influence4j.examples.report.PruningSummary;
import io.github.influence4j.examples.report.ReportWriter;
import io.github.influence4j.examples.snli.SnliPruneSettings;
import io.github.influence4j.examples.snli.SnliScores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code influence4j snli-prune}: the SNLI pruning experiment of Tan, Minakova and Anand (2023,
 * Sec. 2) at the scale of docs/DESIGN.md section 6.4. Per variant (clean labels, and each label-noise
 * rate): one full-data run on the SNLI dev pool with capture of evenly spaced checkpoints into a
 * file store, every score of {@link SnliScores}, then easy/hard pruning by each score plus random
 * pruning, retrained per seed and evaluated on SNLI test; results.json, CSVs and an HTML report in
 * {@code <dir>/<variant>/}. Started again with the same directory, it resumes where it stopped.
 */
@Command(name = "snli-prune", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The SNLI pruning experiment of Tan et al. (2023).",
        description = {"The SNLI pruning experiment (Tan et al. 2023, Sec. 2): train on the SNLI dev pool with capture,",
            "compute every score, prune easy/hard fractions by each score plus random, retrain, test on SNLI test,",
            "and write results.json, CSVs and an HTML report. Rerun with the same --dir to resume."})
final class SnliPruneCommand extends Subcommand implements Callable<Integer> {
    static final List<Double> FRACTIONS = List.of(0.1, 0.3, 0.45);
    static final int EPOCHS = 2;
    static final int QUICK_EPOCHS = 2;
    static final int QUICK_CHECKPOINTS = 4;
    static final double QUICK_NOISE = 0.2;
    static final double QUICK_FRACTION = 0.2;
    static final int MINILM_EPOCHS = 2;
    static final int MINILM_CHECKPOINTS = 4;
    static final List<Double> MINILM_FRACTIONS = List.of(0.3);
    /**
     * MiniLM's preset scores: one of each family (gradient variance, influence, loss), so that the
     * capture and its 7 retrainings fit about 3 hours on one core.
     */
    static final List<String> MINILM_SCORES = List.of(SnliScores.VOG_CLASS, SnliScores.TRACIN_SELF, SnliScores.EL2N);

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Run directory (default: runs/snli, with --quick runs/snli-quick); one folder per variant.")
    @Nullable Path dir;

    @Option(names = "--quick", description = {"Preset of about 9 minutes on 2 cores: the 20%-label-noise variant only, 2 epochs,",
        "4 checkpoints (LOGITS only), 1 seed, fraction 0.2, scores el2n and forgetting:",
        "how well each score finds the shuffled labels, and whether pruning its hardest examples beats random.",
        "Explicit options override it."})
    boolean quick;

    @Option(names = "--encoder", paramLabel = "MODEL", defaultValue = "cnn",
            description = {"The model: cnn (GloVe CNN trained from scratch, the default) or minilm (all-MiniLM-L6-v2,",
                "pretrained; the top --train-layers and the head fine-tuned over the cached output of the frozen layers;",
                "the launcher fetches the model jar). minilm's preset: 2 epochs, 4 checkpoints, 1 seed, fraction 0.3,",
                "scores vog-class, tracin-self, el2n (any but tracin-we-self with --scores)."})
    String encoder;

    @Option(names = "--train-layers", paramLabel = "K", defaultValue = "2",
            description = {"With --encoder minilm: fine-tune the top K of the 6 encoder layers (0: the head only, up to 5),",
                "over the cached output of the frozen ones (default: ${DEFAULT-VALUE})."})
    int trainLayers;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per training configuration, 1..N (default 3; quick 1).")
    @Nullable Integer seeds;

    @Option(names = "--fractions", paramLabel = "F", split = ",",
            description = "Fractions to prune (default 0.1,0.3,0.45; quick 0.2).")
    @Nullable List<Double> fractions;

    @Option(names = "--scores", paramLabel = "NAME", split = ",",
            description = "Scores to prune by (default all: ${COMPLETION-CANDIDATES}).", completionCandidates = ScoreNames.class)
    @Nullable List<String> scores;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs of every training run (default 2; quick 2).")
    @Nullable Integer epochs;

    @Option(names = "--checkpoints", paramLabel = "C", description = "Evenly spaced checkpoints captured (default 10; quick 4).")
    @Nullable Integer checkpoints;

    @Option(names = "--noise", paramLabel = "RATE", split = ",",
            description = "Also run the label-noise variant at these nominal rates (e.g. 0.1,0.2,0.3): shuffled labels,"
                    + " mislabel-detection AUROC per score and the pruning table.")
    List<Double> noise = new ArrayList<>();

    @Option(names = "--dynamic", paramLabel = "SCORE:F[,warmup=W][,readmit-after=R]",
            description = {"Also train with dynamic pruning (repeatable): LOGITS captured at every epoch end feed streaming",
                "scores (el2n, aum, data-map-*, forgetting) and, after W warm-up epochs (default 1), each epoch leaves",
                "out the fraction F of the pool the score calls easiest; an example is back as soon as it is no longer",
                "among them (readmit-after=R also forces it back after R epochs out). F = 0 streams without pruning",
                "(the capture overhead). E.g. --dynamic el2n:0.3 --dynamic el2n:0.5"})
    List<String> dynamic = new ArrayList<>();

    @Option(names = "--no-clean", description = "Skip the clean-label variant (run only the --noise variants).")
    boolean noClean;

    @Option(names = "--no-pruning", description = "Stop after the scores (and mislabel detection): no retraining.")
    boolean noPruning;

    @Option(names = "--noise-seed", paramLabel = "SEED", defaultValue = "11", description = "Seed of the label shuffle (default: ${DEFAULT-VALUE}).")
    long noiseSeed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Train on the first N dev pairs and test on the first N test pairs (tests).")
    int limit;

    /** The known score names, for the help text. */
    static final class ScoreNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ScoreNames() {
            super(SnliScores.PRUNING);
        }
    }

    @Override
    public Integer call() {
        if (quick && noise.isEmpty()) {
            noise = new ArrayList<>(List.of(QUICK_NOISE));
            noClean = true;
        }
        boolean minilm = encoder.equals(SnliPruneSettings.MINILM);
        require(minilm || encoder.equals(SnliPruneSettings.CNN), "--encoder must be cnn or minilm, was '" + encoder + "'");
        int e = epochs != null ? epochs : quick ? QUICK_EPOCHS : minilm ? MINILM_EPOCHS : EPOCHS;
        int c = checkpoints != null ? checkpoints : quick ? QUICK_CHECKPOINTS : minilm ? MINILM_CHECKPOINTS : 10;
        int n = seeds != null ? seeds : quick || minilm ? 1 : 3;
        List<Double> fr = noPruning ? List.of() : fractions != null ? fractions : quick ? List.of(QUICK_FRACTION)
                : minilm ? MINILM_FRACTIONS : FRACTIONS;
        List<String> sc = scores != null ? scores : quick ? SnliScores.QUICK : minilm ? MINILM_SCORES : SnliScores.PRUNING;
        require(!minilm || !sc.contains(SnliScores.TRACIN_WE_SELF), "--scores: tracin-we-self reads word-embedding"
                + " gradients, which --encoder minilm does not capture (its lower layers are frozen and cached)");
        require(trainLayers >= 0 && trainLayers <= 5, "--train-layers must be in [0, 5], was " + trainLayers);
        require(minilm || trainLayers == SnliPruneSettings.DEFAULT_TRAIN_LAYERS, "--train-layers needs --encoder minilm");
        require(!minilm || dynamic.isEmpty(), "--dynamic trains the CNN only; drop it or use --encoder cnn");
        Path root = dir != null ? dir : Path.of(quick ? "runs/snli-quick" : minilm ? "runs/snli-minilm" : "runs/snli");
        validate(e, c, n, fr, sc);
        List<SnliDynamicPruning.Setting> dynamicSettings = new ArrayList<>();
        for (String d : dynamic) {
            try {
                dynamicSettings.add(SnliDynamicPruning.Setting.parse(d));
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), ex.getMessage());
            }
        }
        List<Double> variants = new ArrayList<>();
        if (!noClean) {
            variants.add(0.0);
        }
        variants.addAll(noise);
        if (variants.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--no-clean without --noise leaves nothing to run");
        }
        PrintWriter o = spec.commandLine().getOut();
        Progress progress = progress();
        String command = "influence4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        long t0 = System.nanoTime();
        List<String> done = new ArrayList<>();
        for (double rate : variants) {
            SnliPruneSettings s = new SnliPruneSettings(e, c, 1, limit, rate, noiseSeed, encoder, trainLayers);
            Path vdir = root.resolve(s.variantName());
            SnliPruneJob.Outcome out = new SnliPruneJob(vdir, s, o, progress, command).run(sc, fr, noPruning ? List.of() : seeds(n),
                    noPruning ? List.of() : dynamicSettings);
            o.printf(Locale.ROOT, "%n== %s: summary (test accuracy, mean +/- sample std over seeds) ==%n", s.variantName());
            List<CurvePoint> summary = PruningSummary.aggregate(out.results().trainings());
            ReportCommand.printSummary(o, summary);
            SummaryReading.print(o, summary, rate > 0);
            ReportWriter.Report report = ReportWriter.write(vdir);
            done.add(String.format(Locale.ROOT, "%s: %s, report %s", s.variantName(), vdir.resolve("results.json"),
                    report.html()));
        }
        o.printf(Locale.ROOT, "%ndone in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        done.forEach(l -> o.println("  " + l));
        o.flush();
        return ExitCodes.OK;
    }

    private void validate(int e, int c, int n, List<Double> fr, List<String> sc) {
        require(e >= 1 && e <= 100, "--epochs must be in [1, 100], was " + e);
        require(c >= 2 && c <= 100, "--checkpoints must be in [2, 100], was " + c);
        require(n >= 1 && n <= 20, "--seeds must be in [1, 20], was " + n);
        require(limit >= 0 && (limit == 0 || limit >= 30), "--limit must be 0 (all) or >= 30, was " + limit);
        for (double f : fr) {
            require(f > 0 && f < 1, "--fractions must each be in (0, 1), got " + f);
        }
        for (double r : noise) {
            require(r > 0 && r < 1, "--noise rates must each be in (0, 1), got " + r);
        }
        for (String s : sc) {
            require(SnliScores.PRUNING.contains(s), "--scores: unknown score '" + s + "'; known: "
                    + String.join(", ", SnliScores.PRUNING));
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static List<Long> seeds(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }
}
