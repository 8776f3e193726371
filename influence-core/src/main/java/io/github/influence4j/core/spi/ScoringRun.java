// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringListener;
import io.github.influence4j.core.exception.CancelledException;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping every scorer shares: which example ranges to read for a {@link ScoreRequest},
 * progress and warnings to its listener (whose exceptions are logged once and ignored),
 * cancellation between chunks, and the selection of the requested examples at the end.
 *
 * <pre>{@code
 * ScoringRun run = ScoringRun.start("el2n", store, request);
 * double[] all = new double[store.numExamples()];
 * for (ExampleRange r : run.ranges()) {
 *     run.checkCancelled();
 *     ... fill all[r.from() .. r.to()) ...
 *     run.progress(r);
 * }
 * return run.finish(all, Orientation.HIGHER_IS_HARDER, provenance);
 * }</pre>
 */
public final class ScoringRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringRun.class);

    private final String scorer;
    private final TrainingArtifactStore store;
    private final ScoreRequest request;
    private final Optional<int[]> subset;
    private final List<ExampleRange> ranges;
    private final int total;
    private int done;
    private boolean listenerFailed;

    private ScoringRun(String scorer, TrainingArtifactStore store, ScoreRequest request) {
        this.scorer = scorer;
        this.store = store;
        this.request = request;
        this.subset = request.examples();
        int n = store.numExamples();
        subset.ifPresent(ids -> {
            if (ids.length > 0 && ids[ids.length - 1] >= n) {
                throw new ConfigurationException(scorer + ": example id " + ids[ids.length - 1]
                        + " is outside [0, " + n + ") of store '" + store.id() + "'");
            }
        });
        int size = request.chunkSize() > 0 ? request.chunkSize() : store.spec().chunkSize();
        List<ExampleRange> rs = new ArrayList<>();
        for (ExampleRange r : store.chunkRanges(size)) {
            if (subset.isEmpty() || intersects(subset.get(), r)) {
                rs.add(r);
            }
        }
        this.ranges = List.copyOf(rs);
        this.total = subset.map(ids -> ids.length).orElse(n);
    }

    private static boolean intersects(int[] sorted, ExampleRange r) {
        int i = java.util.Arrays.binarySearch(sorted, r.from());
        int ins = i >= 0 ? i : -i - 1;
        return ins < sorted.length && sorted[ins] < r.to();
    }

    /**
     * Starts a run and tells the listener.
     *
     * @param scorer the scorer's name
     * @param store the store scored
     * @param request the request
     * @return the run
     */
    public static ScoringRun start(String scorer, TrainingArtifactStore store, ScoreRequest request) {
        ScoringRun run = new ScoringRun(scorer, store, request);
        LOG.debug("{}: scoring {} examples of store '{}' in {} chunks", scorer, run.total, store.id(), run.ranges.size());
        run.notifyListener(l -> l.onStart(scorer, run.total));
        return run;
    }

    /** @return the example ranges to read, in order (chunks holding no requested example are left out) */
    public List<ExampleRange> ranges() {
        return ranges;
    }

    /** @return the store */
    public TrainingArtifactStore store() {
        return store;
    }

    /** @return the scorer's name */
    public String scorer() {
        return scorer;
    }

    /** @return the ids of the requested examples, sorted (all N when the request names none) */
    public int[] exampleIds() {
        return subset.map(int[]::clone).orElseGet(() -> java.util.stream.IntStream.range(0, store.numExamples()).toArray());
    }

    /** @throws CancelledException if the request's token was cancelled */
    public void checkCancelled() {
        if (request.cancellation().isCancelled()) {
            throw new CancelledException(scorer + ": cancelled after " + done + " of " + total + " examples");
        }
    }

    /**
     * Reports a finished range.
     *
     * @param range the range just scored
     */
    public void progress(ExampleRange range) {
        done += subset.map(ids -> countIn(ids, range)).orElse(range.size());
        int d = done;
        notifyListener(l -> l.onProgress(scorer, d, total));
    }

    private static int countIn(int[] sorted, ExampleRange r) {
        int a = java.util.Arrays.binarySearch(sorted, r.from());
        int b = java.util.Arrays.binarySearch(sorted, r.to());
        a = a >= 0 ? a : -a - 1;
        b = b >= 0 ? b : -b - 1;
        return b - a;
    }

    /**
     * @param message a warning for the user, logged at WARN and passed to the listener
     */
    public void warn(String message) {
        LOG.warn("{}: {}", scorer, message);
        notifyListener(l -> l.onWarning(scorer, message));
    }

    /**
     * Selects the requested examples from values over all N examples and tells the listener.
     *
     * @param all one value per example of the store (entries outside the requested ranges are ignored)
     * @param orientation which end is hard
     * @param provenance where the scores came from
     * @return the scores
     */
    public InfluenceScores finish(double[] all, Orientation orientation, ScoreProvenance provenance) {
        return finish(scorer, all, orientation, provenance);
    }

    /**
     * Like {@link #finish(double[], Orientation, ScoreProvenance)} for a scorer that yields several
     * named scores from one pass (the data map).
     *
     * @param name the score's name
     * @param all one value per example of the store
     * @param orientation which end is hard
     * @param provenance where the scores came from
     * @return the scores
     */
    public InfluenceScores finish(String name, double[] all, Orientation orientation, ScoreProvenance provenance) {
        if (all.length != store.numExamples()) {
            throw new IllegalArgumentException(scorer + ": " + all.length + " values for " + store.numExamples()
                    + " examples");
        }
        int[] ids = subset.orElseGet(() -> java.util.stream.IntStream.range(0, all.length).toArray());
        double[] v = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            v[i] = all[ids[i]];
        }
        InfluenceScores s = new InfluenceScores(name, ids, v, orientation, provenance);
        notifyListener(l -> l.onComplete(scorer, s));
        LOG.debug("{}: scored {} examples", name, ids.length);
        return s;
    }

    private void notifyListener(java.util.function.Consumer<ScoringListener> call) {
        try {
            call.accept(request.listener());
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("{}: a ScoringListener threw {}; further listener errors are ignored", scorer, e.toString(), e);
            }
        }
    }
}
