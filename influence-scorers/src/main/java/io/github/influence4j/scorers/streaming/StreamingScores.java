// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores computed while the model trains, in O(N) memory per score, from the same capture listeners
 * that fill a store: give them {@link #writer()} (or {@link #alongside(ArtifactWriter)} to keep a
 * store as well) and ask for {@link #scores(String)} at any time.
 *
 * <pre>{@code
 * StreamingScores streaming = StreamingScores.builder(StoreSpec.of("run1", n, 3))
 *         .scores(List.of("el2n", "aum", "forgetting")).snapshot(dir.resolve("scores.snapshot")).build();
 * SameDiffCaptureListener l = SameDiffCaptureListener.builder(capture, streaming.writer(), source)
 *         .schedule(CaptureSchedule.everyEpochs(1)).runLength(steps, stepsPerEpoch).build();
 * // ... train with l ...
 * InfluenceScores el2n = streaming.scores("el2n");
 * }</pre>
 *
 * <p>Each committed checkpoint is held in memory only until it is scored: the stored scorer of every
 * streamed score (the same {@code ScorerDefinition}, options and accumulators) runs on a store
 * holding that checkpoint alone, and its per-example values are reduced into the running state
 * (mean, sum, Welford mean and variance, or forgetting transitions), with the same floating-point
 * operations in the same order as the stored scorer's reduction over checkpoints. The result equals
 * the stored score over the same checkpoints bit for bit; orientation, scorer version, options and
 * checkpoint ids of the provenance are the stored path's, the manifest hash is {@code "streaming"}
 * (there is no manifest).
 *
 * <p><b>Streamable</b> ({@link #STREAMABLE}): EL2N, AUM, GraNd (means over checkpoints), TracIn and
 * TracIn-WE self-influence (sums of eta_c-weighted terms), data-map confidence, variability and
 * correctness (Welford), forgetting events (transitions). The {@code checkpoints} option selects
 * checkpoints as in the stored path (for example EL2N at a chosen epoch's checkpoint).
 * <b>Not streamed</b>: VoG, whose running variance is per gradient element, 2 x sum_i T_i x D float64
 * numbers (about 370 MB for the SNLI dev pool, the size of four float32 INPUT_GRADS checkpoints), so
 * it is not O(N x small); PVI, which no capture path writes NULL_LOGITS for; TracIn train-to-test,
 * whose state is the N_test x N_train matrix.
 *
 * <p><b>Snapshots</b>: with {@link Builder#snapshot(Path)}, the state is written atomically
 * ({@code core.io.AtomicFiles}: temporary file, force, atomic move) after every {@link
 * Builder#snapshotEvery(int)} scored checkpoints, and read back when the builder finds the file: a
 * killed training run restarted with the same seed skips the checkpoints already scored (the
 * writer's committed checkpoints) and ends with the same scores.
 *
 * <p>Thread-safe: the capture listener feeds and any thread may read.
 */
public final class StreamingScores {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingScores.class);

    /** The scores that can be streamed, by name. */
    public static final Set<String> STREAMABLE = Set.of("el2n", "aum", "grand", "tracin-self", "tracin-we-self",
            "tracin-we-topk-self", "data-map-confidence", "data-map-variability", "data-map-correctness", "forgetting");

    /** Why the other built-in scores are not streamed, in one line. */
    public static final String NOT_STREAMED = "vog keeps 2 x T_i x D numbers per example, not O(1); pvi needs "
            + "NULL_LOGITS that no capture writes; TracIn train-to-test keeps an N_test x N_train matrix";

    private final StoreSpec spec;
    private final Map<String, StreamedScore> scores;
    private final @Nullable Path snapshot;
    private final int snapshotEvery;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final StreamingWriter writer;
    private int sinceSnapshot;

    private StreamingScores(Builder b) {
        this.spec = b.spec;
        this.scores = new LinkedHashMap<>();
        b.scores.forEach((name, opts) -> scores.put(name, StreamedScore.of(name, opts, spec.numExamples())));
        this.snapshot = b.snapshot;
        this.snapshotEvery = b.snapshotEvery;
        this.writer = new StreamingWriter(this, spec);
        if (snapshot != null && java.nio.file.Files.exists(snapshot)) {
            StreamingSnapshot.read(snapshot, spec, scores, checkpoints);
            LOG.info("streaming scores of '{}' resumed from {}: {} checkpoints already scored", spec.storeId(), snapshot,
                    checkpoints.size());
        }
    }

    /**
     * @param spec the examples and classes, as a store's spec (the capture checks N against it)
     * @return a builder
     */
    public static Builder builder(StoreSpec spec) {
        return new Builder(spec);
    }

    /** @return the writer a capture listener writes checkpoints to; they are scored and dropped on commit */
    public ArtifactWriter writer() {
        return writer;
    }

    /**
     * @param store a store writer with the same spec
     * @return a writer that writes every artifact both to {@code store} and to these scores
     */
    public ArtifactWriter alongside(ArtifactWriter store) {
        return new TeeWriter(store, writer);
    }

    /** @return the spec */
    public StoreSpec spec() {
        return spec;
    }

    /** @return the names of the streamed scores, in the order given */
    public List<String> names() {
        return List.copyOf(scores.keySet());
    }

    /** @return the checkpoints scored so far, in training order */
    public synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /**
     * @param name a streamed score
     * @return its scores over every checkpoint it has taken so far
     * @throws ConfigurationException if it is not streamed here, or no checkpoint has been scored yet
     */
    public synchronized InfluenceScores scores(String name) {
        StreamedScore s = scores.get(name);
        if (s == null) {
            throw new ConfigurationException("streaming: '" + name + "' is not among the streamed scores " + names());
        }
        return s.result(spec);
    }

    /**
     * @param name a streamed score
     * @return the ids of the checkpoints it has taken so far
     */
    public synchronized List<String> checkpointsOf(String name) {
        StreamedScore s = scores.get(name);
        return s == null ? List.of() : List.copyOf(s.fed);
    }

    /** @return the bytes of running state held, every score together (the O(N) arrays) */
    public synchronized long stateBytes() {
        return scores.values().stream().mapToLong(s -> s.reduction.bytes()).sum();
    }

    /** @return the snapshot file, if any */
    public Optional<Path> snapshotFile() {
        return Optional.ofNullable(snapshot);
    }

    /** Writes the snapshot now (atomically); a no-op without a snapshot file. */
    public synchronized void snapshot() {
        if (snapshot != null) {
            StreamingSnapshot.write(snapshot, spec, scores, checkpoints);
            sinceSnapshot = 0;
        }
    }

    /** Scores a committed checkpoint (called by the writer). */
    synchronized void feed(WindowStore window, Checkpoint checkpoint) {
        long t0 = System.nanoTime();
        StreamedScore.Window w = new StreamedScore.Window(window, checkpoint);
        for (StreamedScore s : scores.values()) {
            s.feed(w);
        }
        checkpoints.add(checkpoint);
        if (snapshot != null && ++sinceSnapshot >= snapshotEvery) {
            snapshot();
        }
        LOG.debug("streaming: scored checkpoint {} in {} ms", checkpoint.id(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Configures {@link StreamingScores}. */
    public static final class Builder {
        private final StoreSpec spec;
        private final Map<String, Map<String, String>> scores = new LinkedHashMap<>();
        private @Nullable Path snapshot;
        private int snapshotEvery = 1;

        private Builder(StoreSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /**
         * @param name a streamable score ({@link #STREAMABLE})
         * @param options its options as strings (as {@code InfluenceScorers.create} takes them)
         * @return this builder
         */
        public Builder score(String name, Map<String, String> options) {
            Objects.requireNonNull(name, "name");
            if (scores.containsKey(name)) {
                throw new IllegalArgumentException("score '" + name + "' given twice");
            }
            if (!STREAMABLE.contains(name)) {
                throw new ConfigurationException("streaming: '" + name + "' is not streamed; streamable scores: "
                        + new java.util.TreeSet<>(STREAMABLE) + " (" + NOT_STREAMED + ")");
            }
            scores.put(name, Map.copyOf(options));
            return this;
        }

        /**
         * @param names streamable scores, with default options
         * @return this builder
         */
        public Builder scores(Collection<String> names) {
            names.forEach(n -> score(n, Map.of()));
            return this;
        }

        /**
         * @param file where the state is snapshotted; read back if it exists
         * @return this builder
         */
        public Builder snapshot(Path file) {
            if (snapshot != null) {
                throw new IllegalStateException("snapshot already set to " + snapshot);
            }
            this.snapshot = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param checkpoints scored checkpoints between snapshots (default 1)
         * @return this builder
         */
        public Builder snapshotEvery(int checkpoints) {
            if (checkpoints < 1) {
                throw new IllegalArgumentException("snapshotEvery must be >= 1, was " + checkpoints);
            }
            this.snapshotEvery = checkpoints;
            return this;
        }

        /**
         * @return the streaming scores, resumed from the snapshot when it exists
         * @throws ConfigurationException if no score is named, or the snapshot was written for other
         *     scores or another spec
         */
        public StreamingScores build() {
            if (scores.isEmpty()) {
                throw new ConfigurationException("streaming: no score named; streamable: " + new java.util.TreeSet<>(STREAMABLE));
            }
            return new StreamingScores(this);
        }
    }
}
