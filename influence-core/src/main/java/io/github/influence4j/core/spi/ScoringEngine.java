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
        return new EngineScorer(definition, store, options, score);
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
        ScoringRun run = ScoringRun.start(name, store, request);
        List<Checkpoint> checkpoints = score.checkpoints();
        List<String> ids = ArtifactReads.ids(checkpoints);
        LOG.info("{}: {} checkpoints {}, options {}, store '{}'", name, ids.size(), ids, options, store.id());
        score.start(run);
        double[][] all = null;
        for (ExampleRange range : run.ranges()) {
            run.checkCancelled();
            ChunkReads chunk = new ChunkReads(store, name, range);
            ChunkAccumulator acc = score.accumulator(chunk);
            try {
                for (Checkpoint c : checkpoints) {
                    acc.add(c, chunk);
                }
                double[][] r = acc.results();
                if (all == null) {
                    all = new double[Math.max(r.length, outputs.size())][store.numExamples()];
                }
                for (int o = 0; o < r.length; o++) {
                    System.arraycopy(r[o], 0, all[o], range.from(), range.size());
                }
            } finally {
                closeIfCloseable(acc);
            }
            LOG.trace("{}: scored {}", name, range);
            run.progress(range);
        }
        double[][] values = score.finish(run, all != null ? all : new double[outputs.size()][store.numExamples()]);
        Map<String, String> prov = new TreeMap<>(options.toMap());
        prov.putAll(score.provenance());
        List<InfluenceScores> out = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            ScorerDefinition d = outputs.get(o);
            out.add(run.finish(d.name(), values[o], d.orientation(),
                    ScoreProvenance.of(d.name(), d.version(), prov, store, ids)));
        }
        LOG.info("{}: scored {} examples of store '{}'", name, out.get(0).size(), store.id());
        return out;
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

        EngineScorer(ScorerDefinition definition, TrainingArtifactStore store, OptionValues options, ChunkScore score) {
            this.definition = Objects.requireNonNull(definition, "definition");
            this.store = Objects.requireNonNull(store, "store");
            this.options = Objects.requireNonNull(options, "options");
            this.score = Objects.requireNonNull(score, "score");
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
            return run(definition.name(), List.of(definition), store, options, score, request).get(0);
        }

        @Override
        public String toString() {
            return definition.name() + "[" + options + ", store=" + store.id() + ", checkpoints="
                    + ArtifactReads.ids(score.checkpoints()) + "]";
        }
    }
}
