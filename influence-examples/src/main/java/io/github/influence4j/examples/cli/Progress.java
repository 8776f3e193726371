// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoringListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars ({@code me.tongfei:progressbar}) for long steps, fed by a {@link ScoringListener}
 * or stepped directly. Bars are drawn only on an interactive terminal (and not with
 * {@code --no-progress}); otherwise a step is silent and the command prints its own summary line.
 * Scorer warnings always reach stderr.
 */
final class Progress {
    private final PrintWriter err;
    private final PrintStream bars;

    private Progress(PrintWriter err, PrintStream bars) {
        this.err = err;
        this.bars = bars;
    }

    /**
     * @param err the command's stderr, for warnings
     * @param options the global options in force
     * @return bars on the real stderr when it is a terminal and progress is not switched off
     */
    static Progress of(PrintWriter err, GlobalOptions... options) {
        boolean off = System.console() == null;
        for (GlobalOptions o : options) {
            off |= o.noProgress;
        }
        return new Progress(err, off ? null : System.err);
    }

    /**
     * @param err stderr for warnings
     * @param bars where to draw bars
     * @return progress drawn to {@code bars} regardless of the terminal (for tests)
     */
    static Progress drawingTo(PrintWriter err, PrintStream bars) {
        return new Progress(err, bars);
    }

    /** @return true if bars are drawn */
    boolean enabled() {
        return bars != null;
    }

    /**
     * @param task the step's name
     * @param total the number of units of work
     * @param unit the unit's name ("ex", "ckpt")
     * @return a bar to step and close; a no-op when bars are off
     */
    Bar bar(String task, long total, String unit) {
        if (bars == null) {
            return new Bar(null);
        }
        ProgressBar pb = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(bars)).build();
        return new Bar(pb);
    }

    /**
     * @return a listener that draws one bar per scorer run and prints the run's warnings
     */
    ScoringListener scoringListener() {
        return new ScoringListener() {
            private Bar bar = new Bar(null);

            @Override
            public void onStart(String scorer, int totalExamples) {
                bar.close();
                bar = bar(scorer, totalExamples, "ex");
            }

            @Override
            public void onProgress(String scorer, int examplesDone, int totalExamples) {
                bar.stepTo(examplesDone);
            }

            @Override
            public void onWarning(String scorer, String message) {
                err.println(ErrorReporter.PREFIX + "warning: " + scorer + ": " + message);
                err.flush();
            }

            @Override
            public void onComplete(String scorer, InfluenceScores scores) {
                bar.close();
            }
        };
    }

    /** One progress bar; every method is a no-op when bars are off. */
    static final class Bar implements AutoCloseable {
        private final ProgressBar pb;

        private Bar(ProgressBar pb) {
            this.pb = pb;
        }

        /** @param done units done so far */
        void stepTo(long done) {
            if (pb != null) {
                pb.stepTo(done);
            }
        }

        /** Adds one unit. */
        void step() {
            if (pb != null) {
                pb.step();
            }
        }

        /** @param message text shown after the bar */
        void message(String message) {
            if (pb != null) {
                pb.setExtraMessage(message);
            }
        }

        @Override
        public void close() {
            if (pb != null) {
                pb.close();
            }
        }
    }
}
