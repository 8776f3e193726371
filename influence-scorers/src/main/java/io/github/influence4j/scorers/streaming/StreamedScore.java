// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.spi.CheckpointSelection;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.scorers.dynamics.DataMap;
import io.github.influence4j.scorers.dynamics.DataMapScorer;
import io.github.influence4j.scorers.dynamics.DynamicsScorers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed score: where its per-checkpoint values come from (the stored scorer, or the data
 * map, run on the one-checkpoint window), which checkpoints it takes, its reduction over them, and
 * what its provenance records.
 */
final class StreamedScore {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedScore.class);
    private static final String ETAS = "etas";

    final String name;
    final ScorerDefinition definition;
    /** The user's options, sorted, as given. */
    final Map<String, String> options;
    private final Map<String, String> perCheckpoint;
    private final Set<String> only;
    private final Function<Window, InfluenceScores> source;
    final Reduction reduction;
    final List<String> fed = new ArrayList<>();
    final Map<String, String> extras = new TreeMap<>();
    private final Map<String, String> resolvedOptions;
    private String backend = "none";
    private @Nullable String lastSkip;

    private StreamedScore(String name, Map<String, String> options, int n) {
        this.name = name;
        this.definition = InfluenceScorers.definition(name);
        this.options = new TreeMap<>(options);
        OptionValues parsed = definition.parse(options);
        this.resolvedOptions = parsed.toMap();
        List<String> ids = parsed.contains(CheckpointSelection.CHECKPOINTS) ? parsed.get(CheckpointSelection.CHECKPOINTS)
                : List.of();
        this.only = new LinkedHashSet<>(ids);
        this.perCheckpoint = new TreeMap<>(options);
        perCheckpoint.remove(CheckpointSelection.CHECKPOINTS.key());
        switch (name) {
            case "el2n", "aum", "grand" -> {
                source = w -> w.byName(name, perCheckpoint);
                reduction = new Reduction.Mean(n);
            }
            case "tracin-self", "tracin-we-self", "tracin-we-topk-self" -> {
                source = w -> w.byName(name, perCheckpoint);
                reduction = new Reduction.Sum(n);
            }
            case DataMapScorer.CONFIDENCE -> {
                source = w -> w.dataMap().confidence();
                reduction = new Reduction.Welford(n, false);
            }
            case DataMapScorer.VARIABILITY -> {
                source = w -> w.dataMap().confidence();
                reduction = new Reduction.Welford(n, true);
            }
            case DataMapScorer.CORRECTNESS -> {
                source = w -> w.dataMap().correctness();
                reduction = new Reduction.Correctness(n);
            }
            case "forgetting" -> {
                source = w -> w.dataMap().correctness();
                reduction = new Reduction.Forgetting(n, parsed.get(DynamicsScorers.NEVER_LEARNED));
            }
            default -> throw new ConfigurationException("streaming: '" + name + "' is not streamed; streamable scores: "
                    + StreamingScores.STREAMABLE + " (" + StreamingScores.NOT_STREAMED + ")");
        }
    }

    /**
     * @param name a streamable score's name
     * @param options its options as strings (unknown keys are an error)
     * @param n examples
     * @return the score, with nothing fed
     */
    static StreamedScore of(String name, Map<String, String> options, int n) {
        return new StreamedScore(name, options, n);
    }

    /**
     * Adds a checkpoint if this score takes it and the window holds what it reads.
     *
     * @param w the window
     */
    void feed(Window w) {
        Checkpoint c = w.checkpoint();
        if (!only.isEmpty() && !only.contains(c.id())) {
            return;
        }
        InfluenceScores s;
        try {
            s = source.apply(w);
        } catch (MissingArtifactException e) {
            lastSkip = e.getMessage();
            LOG.debug("{}: checkpoint {} skipped: {}", name, c.id(), e.getMessage());
            return;
        }
        reduction.add(s.values());
        fed.add(c.id());
        backend = s.provenance().backend();
        for (Map.Entry<String, String> e : s.provenance().options().entrySet()) {
            if (!resolvedOptions.containsKey(e.getKey()) && !perCheckpoint.containsKey(e.getKey())) {
                extras.merge(e.getKey(), e.getValue(), (old, now) -> e.getKey().equals(ETAS) ? old + "," + now : old);
            }
        }
    }

    /**
     * @param spec the streamed run's spec
     * @return the score over every checkpoint fed so far
     */
    InfluenceScores result(StoreSpec spec) {
        if (fed.isEmpty()) {
            throw new ConfigurationException("streaming: no checkpoint for '" + name + "' has been scored yet"
                    + (only.isEmpty() ? "" : " (option checkpoints=" + only + ")")
                    + (lastSkip == null ? "" : "; the last was skipped: " + lastSkip)
                    + ". Score after the capture listener has committed a checkpoint holding what it reads.");
        }
        Map<String, String> prov = new TreeMap<>(resolvedOptions);
        prov.putAll(extras);
        ScoreProvenance p = ScoreProvenance.builder(name).version(definition.version()).options(prov)
                .store(spec.storeId(), "streaming").checkpoints(fed).backend(backend).build();
        return new InfluenceScores(name, IntStream.range(0, spec.numExamples()).toArray(), reduction.result(),
                definition.orientation(), p);
    }

    /** The per-checkpoint context: the window store and the data map, computed once for all scores. */
    static final class Window {
        private final WindowStore store;
        private final Checkpoint checkpoint;
        private @Nullable DataMap dataMap;

        Window(WindowStore store, Checkpoint checkpoint) {
            this.store = store;
            this.checkpoint = checkpoint;
        }

        Checkpoint checkpoint() {
            return checkpoint;
        }

        InfluenceScores byName(String name, Map<String, String> options) {
            return InfluenceScorers.create(name, store, options).score();
        }

        DataMap dataMap() {
            if (dataMap == null) {
                dataMap = io.github.influence4j.scorers.Scorers.dataMap(store).score();
            }
            return dataMap;
        }
    }
}
