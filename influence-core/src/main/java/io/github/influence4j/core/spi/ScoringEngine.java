// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunked scoring engine every built-in self-score runs on, and a third-party one too: it owns
 * the example chunks of a {@link ScoreRequest} (only those holding requested examples), the loop
 * over the selected checkpoints in training order, progress and warnings to the listener,
 * cancellation between chunks, the selection of requested examples and the provenance; the
 * {@link ChunkAccumulator} it calls is pure arithmetic.
 *
 * <pre>{@code
 * InfluenceScorer s = ScoringEngine.scorer(definition, store, options, new ChunkScore() {
 *     public List<Checkpoint> checkpoints() { return checkpoints; }
 *     public ChunkAccumulator accumulator(ChunkReads chunk) { return new LossMeanAccumulator(chunk.size()); }
 * });
 * }</pre>
 *
 * <p>Memory is one chunk's artifacts plus O(N) outputs. Results do not depend on the chunk size:
 * each example's checkpoints are added in the same order whatever the chunking.
 */
public final class ScoringEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringEngine.class);

    private ScoringEngine() {
    }

    /**
     * @param definition the scorer's definition (name, orientation, version)
     * @param store the store
     * @param options the resolved options, recorded in provenance
     * @param score the resolved score
     * @return an immutable, thread-safe scorer
     */
    public static InfluenceScorer scorer(ScorerDefinition definition, TrainingArtifactStore store, OptionValues options,
            ChunkScore score) {
        return new EngineScorer(definition, store, options, score, 0);
    }

    /**
     * Runs a score with several outputs from one pass (output i of the accumulators becomes the
     * score of {@code outputs.get(i)}).
     *
     * @param name the run's name, given to the listener
     * @param outputs one definition per output (name, orientation, version)
     * @param store the store
     * @param options the resolved options, recorded in provenance
     * @param score the resolved score
     * @param request which examples, listener, cancellation, chunk size
     * @return one score per output, in order
     */
    public static List<InfluenceScores> run(String name, List<ScorerDefinition> outputs, TrainingArtifactStore store,
            OptionValues options, ChunkScore score, ScoreRequest request) {
        List<Pass.Member> members = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            members.add(new Pass.Member(outputs.get(o), options, score, o));
        }
        return Pass.run(name, store, members, request);
    }

    /**
     * Scores several scorers, in one pass over the store for those that allow it: every scorer
     * built on this engine whose score opted in ({@link ChunkScore#chunkSizeFor}: EL2N, AUM, the
     * data-map coordinates, forgetting, PVI) and that reads the same store shares one read of each
     * artifact per checkpoint (LOGITS is read once for all of them), and scores with equal
     * {@link ChunkScore#sharingKey()} share one accumulator; the others are scored one after the
     * other. Each result is what {@code scorer.score(request)} gives (same values, bit for bit,
     * and the same provenance but for its time).
     *
     * <pre>{@code
     * List<InfluenceScores> s = ScoringEngine.scoreAll(List.of(Scorers.el2n(store), Scorers.aum(store),
     *         Scorers.forgetting(store)), ScoreRequest.allExamples());
     * }</pre>
     *
     * @param scorers the scorers, any mix
     * @param request which examples, listener, cancellation, chunk size (for every scorer)
     * @return one score per scorer, in the order given
     */
    public static List<InfluenceScores> scoreAll(List<? extends InfluenceScorer> scorers, ScoreRequest request) {
        return scoreAll(scorers, request, (s, i) -> { });
    }

    /**
     * Like {@link #scoreAll(List, ScoreRequest)}, handing each score over as soon as it is done
     * (the shared passes first, then the other scorers in order), e.g. to save it.
     *
     * @param scorers the scorers, any mix
     * @param request which examples, listener, cancellation, chunk size (for every scorer)
     * @param done called with each score and its index in {@code scorers}, on the calling thread
     * @return one score per scorer, in the order given
     */
    public static List<InfluenceScores> scoreAll(List<? extends InfluenceScorer> scorers, ScoreRequest request,
            java.util.function.ObjIntConsumer<InfluenceScores> done) {
        InfluenceScores[] out = new InfluenceScores[scorers.size()];
        Map<TrainingArtifactStore, List<Integer>> passes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < scorers.size(); i++) {
            InfluenceScorer s = Objects.requireNonNull(scorers.get(i), "scorer " + i);
            if (s instanceof EngineScorer e && e.score.chunkSizeFor(e.store) > 0) {
                passes.computeIfAbsent(e.store, x -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<TrainingArtifactStore, List<Integer>> p : passes.entrySet()) {
            List<Pass.Member> members = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i : p.getValue()) {
                EngineScorer e = (EngineScorer) scorers.get(i);
                members.add(new Pass.Member(e.definition, e.options, e.score, e.output));
                names.add(e.definition.name());
            }
            List<InfluenceScores> r = Pass.run(String.join("+", names), p.getKey(), members, request);
            for (int j = 0; j < r.size(); j++) {
                out[p.getValue().get(j)] = r.get(j);
                done.accept(r.get(j), p.getValue().get(j));
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = scorers.get(i).score(request);
                done.accept(out[i], i);
            }
        }
        return List.of(out);
    }

    /**
     * A chunk size by bytes, for scores over small per-example artifacts: as many of the store's
     * chunks as hold about {@value Pass#TARGET_BYTES} bytes of float64 values per read (so that
     * fixed per-chunk costs stop dominating), at least one chunk.
     *
     * <p>The number of store chunks is a power of two, so that a read starts and ends on the
     * boundaries of the file store's on-disk chunks of small artifacts (also powers of two times the
     * store's chunk size, {@code WriteOptions.smallArtifactBytes}) and reads each file once.
     *
     * @param store the store
     * @param doublesPerExample float64 values per example of the widest artifact read
     * @return examples per chunk, a power-of-two multiple of the store's chunk size
     */
    public static int chunkSizeForBytes(TrainingArtifactStore store, long doublesPerExample) {
        int chunk = store.spec().chunkSize();
        long examples = Pass.TARGET_BYTES / (8 * Math.max(1, doublesPerExample));
        long chunks = Long.highestOneBit(Math.max(1, examples / chunk));
        return (int) Math.min(Math.max(chunk, store.numExamples()), chunks * chunk);
    }

    /**
     * A scorer that is output {@code output} of a score with several outputs (a data-map
     * coordinate); scored alone it runs the whole score and keeps one output.
     *
     * @param definition the output's definition (name, orientation, version)
     * @param store the store
     * @param options the resolved options, recorded in provenance
     * @param score the resolved score
     * @param output which of the accumulators' outputs
     * @return an immutable, thread-safe scorer
     */
    public static InfluenceScorer outputScorer(ScorerDefinition definition, TrainingArtifactStore store,
            OptionValues options, ChunkScore score, int output) {
        if (output < 0) {
            throw new IllegalArgumentException("output must be >= 0, was " + output);
        }
        return new EngineScorer(definition, store, options, score, output);
    }

    private static void closeIfCloseable(ChunkAccumulator acc) {
        if (acc instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing " + acc + " failed", e);
            }
        }
    }

    /** A scorer on the engine. */
    private static final class EngineScorer implements InfluenceScorer {
        private final ScorerDefinition definition;
        private final TrainingArtifactStore store;
        private final OptionValues options;
        private final ChunkScore score;
        private final int output;

        EngineScorer(ScorerDefinition definition, TrainingArtifactStore store, OptionValues options, ChunkScore score,
                int output) {
            this.definition = Objects.requireNonNull(definition, "definition");
            this.store = Objects.requireNonNull(store, "store");
            this.options = Objects.requireNonNull(options, "options");
            this.score = Objects.requireNonNull(score, "score");
            this.output = output;
        }

        @Override
        public String name() {
            return definition.name();
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return score.requiredArtifacts().orElse(definition.requiredArtifacts());
        }

        @Override
        public InfluenceScores score(ScoreRequest request) {
            return Pass.run(definition.name(), store, List.of(new Pass.Member(definition, options, score, output)),
                    request).get(0);
        }

        @Override
        public String toString() {
            return definition.name() + "[" + options + ", store=" + store.id() + ", checkpoints="
                    + ArtifactReads.ids(score.checkpoints()) + "]";
        }
    }
}
