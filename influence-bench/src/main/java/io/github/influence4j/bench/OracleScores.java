// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.scorers.dynamics.DataMap;
import io.github.influence4j.scorers.dynamics.DataMapScorer;
import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.bench.OracleCapture.Group;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.Scorers;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The scores compared with the oracle: our scorer (with the options that match the oracle's
 * definition), the artifacts it needs captured, and the names of the oracle outputs it must equal.
 */
final class OracleScores {
    /**
     * One compared score.
     *
     * @param name the row name, also the timing key of the Python driver
     * @param groups what must be captured
     * @param outputs oracle output names, in the order {@link #run} returns values
     * @param run scores a store, one array per output
     */
    record Score(String name, Set<Group> groups, List<String> outputs,
            Function<TrainingArtifactStore, List<double[]>> run) {
    }

    /** The logit scores scored together in one pass (their timing keys on the Python side). */
    static final List<String> LOGIT_FAMILY = List.of("el2n", "data_map", "forgetting", "aum");

    private OracleScores() {
    }

    /**
     * Scores the logit family in one pass ({@code ScoringEngine.scoreAll}): EL2N, the three
     * data-map coordinates, forgetting and AUM.
     *
     * @param s the store
     * @return one array per score
     */
    static List<double[]> logitFamily(TrainingArtifactStore s) {
        DataMapScorer map = Scorers.dataMap(s);
        return io.github.influence4j.core.spi.ScoringEngine.scoreAll(List.of(Scorers.el2n(s), map.confidence(),
                map.variability(), map.correctness(), Scorers.forgetting(s), Scorers.aum(s)),
                io.github.influence4j.core.ScoreRequest.allExamples()).stream()
                .map(io.github.influence4j.core.InfluenceScores::values).toList();
    }

    static List<Score> all() {
        Map<String, Score> m = new LinkedHashMap<>();
        add(m, "tracin_self", EnumSet.of(Group.EMBEDDINGS, Group.HEAD), List.of("tracin_self"),
                s -> one(Scorers.tracInSelf(s, OptionValues.of(ScorerOptions.LAYERS, List.of("all"))).score()));
        add(m, "tracin_we_self", EnumSet.of(Group.EMBEDDINGS), List.of("tracin_we_self"),
                s -> one(Scorers.tracInWe(s).score()));
        add(m, "tracin_we_top10_self", EnumSet.of(Group.EMBEDDINGS), List.of("tracin_we_top10_self"),
                s -> one(Scorers.tracInWe(s, OptionValues.of(ScorerOptions.TOP_K, 10)).score()));
        add(m, "tracin_fc_self", EnumSet.of(Group.HEAD), List.of("tracin_fc_self"),
                s -> one(Scorers.tracInSelf(s, OptionValues.of(ScorerOptions.LAYERS, List.of(OracleCapture.LAYER))).score()));
        add(m, "tracin_fast_self", EnumSet.of(Group.HEAD), List.of("tracin_fast_self"),
                s -> one(Scorers.tracInSelf(s, OptionValues.builder()
                        .set(ScorerOptions.LAYERS, List.of(OracleCapture.LAYER)).set(ScorerOptions.BIAS, false).build()).score()));
        add(m, "vog", EnumSet.of(Group.INPUT_GRADS), List.of("vog_var_classnorm"),
                s -> one(Scorers.vog(s).score()));
        add(m, "el2n", EnumSet.of(Group.LOGITS), List.of("el2n"), s -> one(Scorers.el2n(s).score()));
        add(m, "grand", EnumSet.of(Group.HEAD), List.of("grand_last_layer"),
                s -> one(Scorers.grand(s, OptionValues.of(ScorerOptions.LAYERS, List.of(OracleCapture.LAYER))).score()));
        add(m, "data_map", EnumSet.of(Group.LOGITS), List.of("confidence", "variability", "correctness"), s -> {
            DataMap d = Scorers.dataMap(s).score();
            return List.of(d.confidence().values(), d.variability().values(), d.correctness().values());
        });
        add(m, "forgetting", EnumSet.of(Group.LOGITS), List.of("forgetting"), s -> one(Scorers.forgetting(s).score()));
        add(m, "aum", EnumSet.of(Group.LOGITS), List.of("aum"), s -> one(Scorers.aum(s).score()));
        return List.copyOf(m.values());
    }

    private static void add(Map<String, Score> m, String name, Set<Group> groups, List<String> outputs,
            Function<TrainingArtifactStore, List<double[]>> run) {
        m.put(name, new Score(name, groups, outputs, run));
    }

    private static List<double[]> one(io.github.influence4j.core.InfluenceScores s) {
        return List.of(s.values());
    }
}
