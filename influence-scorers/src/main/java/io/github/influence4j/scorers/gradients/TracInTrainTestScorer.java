// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScoringRun;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train-to-test TracIn (Pruthi et al. 2020, Eq. 1; Captum's {@code TracInCP.influence}):
 * {@code sum_c eta_c <grad L(theta_c, z_test), grad L(theta_c, z_train)>} over the selected
 * groups, positive = proponent. A blocked scan: per test chunk, its gradients at every checkpoint
 * are held while the training store is streamed chunk by chunk; memory is
 * O(test chunk x (checkpoints x width + train chunk)), never O(test x train) for {@link #topK}.
 *
 * @implNote The training store is read once per test chunk. When every group is the embedding
 *     group (TracIn-WE), {@link #topK} takes a sparse path: per test example, the inverted index of
 *     each training chunk yields only the training examples sharing a token with it, and only those
 *     are offered; no block is formed. Each block entry sums the checkpoints
 *     in store order and, within one, the groups in plan order, so results do not depend on the
 *     chunk sizes.
 */
final class TracInTrainTestScorer implements TrainToTestScorer {
    private static final Logger LOG = LoggerFactory.getLogger(TracInTrainTestScorer.class);

    private final String name;
    private final TrainingArtifactStore train;
    private final TrainingArtifactStore test;
    private final OptionValues values;
    private final TracInOptions options;
    private final TracInPlan plan;

    TracInTrainTestScorer(String name, TrainingArtifactStore train, TrainingArtifactStore test, OptionValues values,
            TracInOptions options) {
        this.name = name;
        this.values = values;
        this.train = train;
        this.test = test;
        this.options = options;
        this.plan = TracInPlan.resolve(name, train, options);
        plan.checkCompatible(name, train, test);
    }

    TracInPlan plan() {
        return plan;
    }

    TrainingArtifactStore train() {
        return train;
    }

    TrainingArtifactStore test() {
        return test;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return plan.kinds();
    }

    /** Receives one block: rows are the requested test examples of the test range. */
    private interface Sink {
        void accept(int[] rows, int[] locals, ExampleRange trainRange, double[] block, int blockWidth);
    }

    @Override
    public InfluenceMatrix matrix(ScoreRequest request) {
        int[] testIds = testIds(request);
        int n = train.numExamples();
        long entries = (long) testIds.length * n;
        if (entries * 8 > options.maxMatrixBytes() || entries > Integer.MAX_VALUE - 8) {
            throw new ConfigurationException(name + ": the influence matrix of " + testIds.length + " test x " + n
                    + " training examples needs " + entries * 8 + " bytes, over the limit of " + options.maxMatrixBytes()
                    + " (max-matrix-bytes); use topK(k), which scans in bounded memory, or raise the limit");
        }
        double[] values = new double[(int) entries];
        scan(request, (rows, locals, tr, block, w) -> {
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(block, locals[k] * w, values, rows[k] * n + tr.from(), w);
            }
        });
        return new InfluenceMatrix(name, testIds, IntStream.range(0, n).toArray(), values, provenance());
    }

    @Override
    public TopInfluences topK(int k, ScoreRequest request) {
        int[] testIds = testIds(request);
        TopInfluences.Collector top = TopInfluences.collector(testIds.length, k);
        if (plan.groups().stream().allMatch(g -> g instanceof GradientGroup.Embedding)) {
            scan(request, null, top);
            return top.build(name, testIds, provenance());
        }
        scan(request, (rows, locals, tr, block, w) -> {
            for (int r = 0; r < rows.length; r++) {
                int base = locals[r] * w;
                for (int j = 0; j < w; j++) {
                    top.offer(rows[r], tr.from() + j, block[base + j]);
                }
            }
        });
        return top.build(name, testIds, provenance());
    }

    private void scan(ScoreRequest request, Sink sink) {
        scan(request, sink, null);
    }

    /** With a sink: dense blocks. With a collector instead: the sparse TracIn-WE path. */
    private void scan(ScoreRequest request, @Nullable Sink sink, TopInfluences.@Nullable Collector top) {
        ScoringRun run = ScoringRun.start(name, test, request);
        TracInSelfScore.warnIfLearningRatesIgnored(run, options);
        int[] testIds = testIds(request);
        int size = request.chunkSize() > 0 ? request.chunkSize() : train.spec().chunkSize();
        List<ExampleRange> trainRanges = train.chunkRanges(size);
        LOG.info("{}: test store '{}' x training store '{}', groups [{}], {} checkpoints", name, test.id(), train.id(),
                plan.labels(), plan.checkpoints().size());
        int next = 0;
        for (ExampleRange tr : run.ranges()) {
            int first = next;
            while (next < testIds.length && testIds[next] < tr.to()) {
                next++;
            }
            int[] rows = IntStream.range(first, next).toArray();
            int[] locals = IntStream.range(first, next).map(p -> testIds[p] - tr.from()).toArray();
            List<List<GroupBlock>> testBlocks = new ArrayList<>();
            try (GradientReader reader = new GradientReader(test, plan.groups(), tr)) {
                for (var c : plan.checkpoints()) {
                    testBlocks.add(reader.read(c.id()));
                }
            }
            for (ExampleRange r : trainRanges) {
                run.checkCancelled();
                if (top != null) {
                    try (GradientReader reader = new GradientReader(train, plan.groups(), r)) {
                        List<List<GroupBlock>> trainBlocks = new ArrayList<>();
                        for (var c : plan.checkpoints()) {
                            trainBlocks.add(reader.read(c.id()));
                        }
                        TracInAccumulator.sparseRows(testBlocks, trainBlocks, plan.etas(), locals, (k, j, v) ->
                                top.offer(rows[k], r.from() + j, v));
                    }
                    continue;
                }
                double[] block = new double[tr.size() * r.size()];
                try (GradientReader reader = new GradientReader(train, plan.groups(), r)) {
                    for (int c = 0; c < plan.checkpoints().size(); c++) {
                        TracInAccumulator.cross(testBlocks.get(c), reader.read(plan.checkpoints().get(c).id()),
                                plan.etas()[c], block);
                    }
                }
                java.util.Objects.requireNonNull(sink, "sink").accept(rows, locals, r, block, r.size());
            }
            run.progress(tr);
        }
    }

    private int[] testIds(ScoreRequest request) {
        int[] ids = request.examples().orElseGet(() -> IntStream.range(0, test.numExamples()).toArray());
        if (ids.length > 0 && ids[ids.length - 1] >= test.numExamples()) {
            throw new ConfigurationException(name + ": test example " + ids[ids.length - 1] + " is outside [0, "
                    + test.numExamples() + ") of test store '" + test.id() + "'");
        }
        return ids;
    }

    private ScoreProvenance provenance() {
        Map<String, String> m = new java.util.TreeMap<>(values.toMap());
        m.putAll(TracInSelfScore.provenance(plan));
        m.put("test-store", test.id());
        m.put("test-store-manifest-hash", test.manifestHash());
        return ScoreProvenance.of(name, GradientScorers.VERSION, m, train, plan.checkpointIds());
    }
}
