// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.spi.ChunkAccumulator;
import io.github.influence4j.core.spi.ChunkReads;
import io.github.influence4j.core.spi.ScoringRun;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TracIn self-influence (Pruthi et al. 2020; Captum's {@code TracInCP.self_influence}) resolved
 * against a store: {@code sum_c eta_c ||grad_theta L(theta_c, z)||^2} over the selected parameter
 * groups. Higher = harder (likely mislabeled or atypical).
 *
 * @implNote The squared norm, not the norm (as Captum). Per example the checkpoint terms are added
 *     in store order, so results do not depend on the chunk size.
 */
final class TracInSelfScore extends PlannedScore {
    private final TracInOptions options;

    TracInSelfScore(String name, TrainingArtifactStore store, TracInOptions options) {
        super(name, store, options);
        this.options = options;
    }

    @Override
    public void start(ScoringRun run) {
        warnIfLearningRatesIgnored(run, options);
    }

    @Override
    public Map<String, String> provenance() {
        return provenance(plan);
    }

    @Override
    public ChunkAccumulator accumulator(ChunkReads chunk) {
        return new SelfAccumulator(new GradientReader(store, plan.groups(), chunk.range()), chunk.size(), plan.etas());
    }

    /** Sums eta_c times the squared gradient norm over the checkpoints, per example. */
    private static final class SelfAccumulator implements ChunkAccumulator, AutoCloseable {
        private final GradientReader reader;
        private final double[] sum;
        private final double[] etas;
        private int c;

        SelfAccumulator(GradientReader reader, int n, double[] etas) {
            this.reader = reader;
            this.sum = new double[n];
            this.etas = etas;
        }

        @Override
        public void add(Checkpoint checkpoint, ChunkReads chunk) {
            TracInAccumulator.self(reader.read(checkpoint.id()), etas[c++], sum, 0);
        }

        @Override
        public double[] result() {
            return sum;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    static void warnIfLearningRatesIgnored(ScoringRun run, TracInOptions options) {
        if (!options.useLearningRate()) {
            run.warn("learning rates ignored (use-learning-rate=false): every checkpoint weighs 1, not eta_c as in "
                    + "Pruthi et al. 2020 Eq. 1; recorded in the provenance");
        }
    }

    /** @return the resolved groups and factors eta_c, for provenance */
    static Map<String, String> provenance(TracInPlan plan) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("groups", plan.labels());
        m.put("etas", String.join(",", Arrays.stream(plan.etas()).mapToObj(Double::toString).toList()));
        return m;
    }
}
