// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.examples.evaluation.BrittlenessRun;
import io.github.influence4j.examples.evaluation.EvaluationSettings;
import io.github.influence4j.examples.evaluation.EvaluationSetup;
import io.github.influence4j.examples.evaluation.LdsRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code influence4j evaluate lds|brittleness}: whether attribution methods predict retraining on
 * the SNLI pool. Both verbs share a directory: the full-pool models with capture, the projection and
 * every method's attributions are computed once ({@link EvaluationSetup}); {@code lds} then retrains
 * on random subsets ({@link LdsRun}), {@code brittleness} removes top influencers ({@link
 * BrittlenessRun}). Rerun with the same directory and options to resume.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, header = "Does influence predict retraining? LDS and brittleness on SNLI.",
        description = {"Trains full-pool SNLI models with capture, computes each method's train->test attributions",
            "(tracin-last, tracin-head, tracin-all, tracin-proj, tracin-we, trak, trak-1, grad-cos), then measures them against retraining.",
            "Rerun with the same --dir and options to resume."},
        subcommands = {EvaluateCommand.Lds.class, EvaluateCommand.BrittlenessVerb.class})
final class EvaluateCommand extends Subcommand implements Runnable {
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to evaluate: lds or brittleness");
    }

    /** Options both verbs share: the directory and the setup. */
    static final class Setup {
        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "runs/evaluate",
                description = "Evaluation directory (default: ${DEFAULT-VALUE}); shared by lds and brittleness.")
        Path dir;

        @Option(names = "--epochs", defaultValue = "2", description = "Epochs of every training run (default: ${DEFAULT-VALUE}, the snli-prune recipe).")
        int epochs;

        @Option(names = "--models", defaultValue = "1", description = "Full-pool models (seeds 1..M) TRAK ensembles; with 1, TRAK ensembles model 1's checkpoints (default: ${DEFAULT-VALUE}).")
        int models;

        @Option(names = "--checkpoints", defaultValue = "3", description = "Checkpoints of model 1 TracIn sums over (default: ${DEFAULT-VALUE}).")
        int checkpoints;

        @Option(names = "--tests", defaultValue = "200", description = "SNLI test examples measured (default: ${DEFAULT-VALUE}).")
        int tests;

        @Option(names = "--projection-dim", defaultValue = "256", description = "k of the shared projection (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--lambda", defaultValue = "0", description = "TRAK's ridge lambda (default: ${DEFAULT-VALUE}).")
        double lambda;

        EvaluationSettings settings(ParameterExceptionFactory err) {
            check(err, epochs >= 1 && epochs <= 50, "--epochs must be in [1, 50], was " + epochs);
            check(err, models >= 1 && models <= 20, "--models must be in [1, 20], was " + models);
            check(err, checkpoints >= 1 && checkpoints <= 20, "--checkpoints must be in [1, 20], was " + checkpoints);
            check(err, tests >= 2 && tests <= 9824, "--tests must be in [2, 9824], was " + tests);
            check(err, k >= 8 && k <= 4096, "--projection-dim must be in [8, 4096], was " + k);
            check(err, lambda >= 0 && Double.isFinite(lambda), "--lambda must be a number >= 0, was " + lambda);
            EvaluationSettings d = EvaluationSettings.defaults();
            return new EvaluationSettings(epochs, models, checkpoints, tests, d.testSeed(), k, d.projectionSeed(), lambda,
                    d.fraction(), d.subsetSeed());
        }

        EvaluationSetup.Prepared prepare(ParameterExceptionFactory err, PrintWriter o) {
            EvaluationSettings s = settings(err);
            try {
                return EvaluationSetup.prepare(dir, s, o);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
    }

    /** Makes usage errors of the running verb. */
    interface ParameterExceptionFactory {
        ParameterException of(String message);
    }

    static void check(ParameterExceptionFactory err, boolean ok, String message) {
        if (!ok) {
            throw err.of(message);
        }
    }

    /** {@code evaluate lds}. */
    @Command(name = "lds", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Linear datamodeling score (Park et al. 2023) of each method on SNLI.",
            description = {"Retrains on S random 50%% subsets of the pool (R seeds each), records the margins of the test",
                "examples, and reports per method the mean Spearman correlation between summed attributions and",
                "retrained margins, with a 95%% bootstrap interval over test examples. Writes lds/scores.csv and .json."})
    static final class Lds implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Mixin
        Setup setup = new Setup();

        @Option(names = "--subsets", defaultValue = "100", description = "S, random subsets (default: ${DEFAULT-VALUE}).")
        int subsets;

        @Option(names = "--repeats", defaultValue = "1", description = "R, training seeds per subset (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() {
            ParameterExceptionFactory err = m -> new ParameterException(spec.commandLine(), m);
            check(err, subsets >= 3 && subsets <= 10000, "--subsets must be in [3, 10000], was " + subsets);
            check(err, repeats >= 1 && repeats <= 20, "--repeats must be in [1, 20], was " + repeats);
            PrintWriter o = spec.commandLine().getOut();
            EvaluationSetup.Prepared p = setup.prepare(err, o);
            List<LdsRun.Score> scores = LdsRun.run(setup.dir, p, subsets, repeats, o);
            o.printf(Locale.ROOT, "%nLDS on SNLI (S = %d subsets of %.0f%%, R = %d, %d test examples; 95%% bootstrap interval)%n",
                    subsets, 100 * p.settings().fraction(), repeats, p.settings().tests());
            for (LdsRun.Score s : scores) {
                o.printf(Locale.ROOT, "LDS %s: %.2f [%.2f, %.2f]%n", s.method(), s.lds(), s.low(), s.high());
            }
            o.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code evaluate brittleness}. */
    @Command(name = "brittleness", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Brittleness: remove each test example's top-k positive influencers, retrain, count flips.",
            description = {"For T test examples model 1 classifies correctly, removes the top-k positive influencers by",
                "each method, retrains, and reports the fraction of predictions flipped; against k random removals",
                "(--random-draws per k, each read at all T examples) and a retraining on the whole pool (k = 0).",
                "Writes brittleness/curve.csv, curve.json and curve.png."})
    static final class BrittlenessVerb implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Mixin
        Setup setup = new Setup();

        @Option(names = "--test-count", defaultValue = "20", description = "T, correctly classified test examples (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--k", split = ",", defaultValue = "25,50,100,200", description = "Removal sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> ks = new ArrayList<>();

        @Option(names = "--methods", split = ",", defaultValue = "tracin-last,tracin-all,tracin-proj,tracin-we,trak,grad-cos,random",
                description = "Methods, plus 'random' for the baseline (default: ${DEFAULT-VALUE}).")
        List<String> methods = new ArrayList<>();

        @Option(names = "--random-draws", defaultValue = "5", description = "Random removals per k, each retrained once and"
                + " read at all T test examples (default: ${DEFAULT-VALUE}).")
        int draws;

        @Override
        public Integer call() {
            ParameterExceptionFactory err = m -> new ParameterException(spec.commandLine(), m);
            check(err, draws >= 1 && draws <= 100, "--random-draws must be in [1, 100], was " + draws);
            check(err, count >= 1 && count <= setup.tests, "--test-count must be in [1, --tests], was " + count);
            for (int k : ks) {
                check(err, k >= 1 && k <= 5000, "--k values must be in [1, 5000], got " + k);
            }
            for (String m : methods) {
                check(err, m.equals(BrittlenessRun.RANDOM) || EvaluationSetup.METHODS.contains(m), "--methods: unknown '"
                        + m + "'; known: " + String.join(", ", EvaluationSetup.METHODS) + ", random");
            }
            PrintWriter o = spec.commandLine().getOut();
            EvaluationSetup.Prepared p = setup.prepare(err, o);
            List<BrittlenessRun.Point> pts = BrittlenessRun.run(setup.dir, p, count, ks, methods, draws, o);
            o.printf(Locale.ROOT, "%nBrittleness (fraction of correctly classified test examples flipped)%n");
            for (BrittlenessRun.Point pt : pts) {
                o.printf(Locale.ROOT, "  %-12s k=%-4d %.2f (%d readings), mean margin change %+.3f%n", pt.method(), pt.k(),
                        pt.flipped(), pt.tests(), pt.marginChange());
            }
            o.printf("curve: %s%n", setup.dir.resolve("brittleness/curve.png"));
            o.flush();
            return ExitCodes.OK;
        }
    }
}
