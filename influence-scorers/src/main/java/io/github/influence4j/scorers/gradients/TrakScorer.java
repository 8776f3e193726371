// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScoringRun;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train-to-test TRAK (Park et al. 2023, Algorithm 1), positive = proponent:
 * {@code tau(z, x_j) = [(1/M) sum_m phi_m(z)^T (Phi_m^T Phi_m + lambda I)^-1 phi_m(x_j)] * [(1/M) sum_m Q_m,j]}
 * where, for ensemble member m (a checkpoint of one training run; several runs give independently
 * trained models), {@code phi_m(x) = P^T grad_theta f(theta_m, x)} is the seeded random projection
 * ({@link GradientProjection}) of the gradient of the model output function, the margin
 * {@code f = log(p_y / (1 - p_y))}, {@code Phi_m} stacks the training examples' features, and
 * {@code Q_m,j = 1 - p_y(x_j)} is the reweighting of the logistic-loss linearisation. The
 * soft-thresholding of Algorithm 1 is not applied (the scores are dense).
 *
 * <p><b>Margin gradients from captured loss gradients.</b> Capture stores gradients of the
 * cross-entropy {@code L = -log p_y}; with logits z, {@code dL/dz = p - e_y} and
 * {@code df/dz = (e_y - p) / (1 - p_y)} (the softmax over the other classes), so
 * {@code df/dz = -(dL/dz) / (1 - p_y)} and, since back-propagation is linear in the logit
 * gradient, {@code grad_theta f = -grad_theta L / (1 - p_y)} exactly, for every layer. The scorer
 * reads {@code LOGITS} at the checkpoint and the static {@code LABELS} to get {@code p_y}, computing
 * {@code 1 - p_y} as the softmax mass of the other classes (no cancellation).
 *
 * @implNote Two passes over the training store per member, memory {@code O(k^2 + M k T)} for T
 *     test examples (never {@code O(N k)}): pass 1 accumulates {@code Phi^T Phi} chunk by chunk,
 *     adds {@code lambda I}, factors it (Cholesky, float64) and solves for
 *     {@code W_m = (Phi^T Phi + lambda I)^-1 phi_m(test)^T}; pass 2 recomputes each chunk's
 *     features and forms {@code W_m^T phi_m(x_j)} and {@code Q}. When the gradient width P is at
 *     most the projection dimension, the gradient itself is used (no projection).
 */
final class TrakScorer implements TrainToTestScorer {
    private static final Logger LOG = LoggerFactory.getLogger(TrakScorer.class);

    /** One ensemble member: a checkpoint of one (train, test) store pair. */
    private record Member(TrainingArtifactStore train, TrainingArtifactStore test, TracInPlan plan,
            Checkpoint checkpoint, TrakFeatures features) {
    }

    private final String name;
    private final List<TrainingArtifactStore> trains;
    private final List<TrainingArtifactStore> tests;
    private final OptionValues values;
    private final double lambda;
    private final List<Member> members = new ArrayList<>();

    TrakScorer(String name, List<TrainingArtifactStore> trains, List<TrainingArtifactStore> tests, OptionValues values,
            TracInOptions options, int dim, long seed, GradientProjection.Kind kind, double lambda) {
        this.name = name;
        this.trains = List.copyOf(trains);
        this.tests = List.copyOf(tests);
        this.values = values;
        this.lambda = lambda;
        if (trains.isEmpty() || trains.size() != tests.size()) {
            throw new ConfigurationException(name + ": give one test store per training store (the ensemble's models);"
                    + " got " + trains.size() + " training and " + tests.size() + " test stores");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new ConfigurationException(name + ": lambda must be a finite number >= 0, was " + lambda);
        }
        for (int s = 0; s < trains.size(); s++) {
            TrainingArtifactStore train = trains.get(s);
            TrainingArtifactStore test = tests.get(s);
            if (train.numExamples() != trains.get(0).numExamples() || test.numExamples() != tests.get(0).numExamples()) {
                throw new IncompatibleStoreException(name + ": the ensemble's stores must hold the same examples; store '"
                        + train.id() + "' holds " + train.numExamples() + " and test store '" + test.id() + "' "
                        + test.numExamples() + ", the first pair " + trains.get(0).numExamples() + " and "
                        + tests.get(0).numExamples());
            }
            TracInPlan plan = TracInPlan.resolve(name, train, options);
            if (options.checkpoints().isEmpty()) {
                List<Checkpoint> cs = plan.checkpoints();
                plan = new TracInPlan(plan.groups(), List.of(cs.get(cs.size() - 1)), new double[] {1});
            }
            for (GradientGroup g : plan.groups()) {
                if (g instanceof GradientGroup.Embedding) {
                    throw new ConfigurationException(name + ": the word-embedding group (EMBEDDING_GRADS) is sparse and"
                            + " cannot be projected by TRAK here; select dense layers or PROJECTED_GRADS with the layers option");
                }
            }
            plan.checkCompatible(name, train, test);
            for (TrainingArtifactStore st : List.of(train, test)) {
                if (!st.hasStatic(io.github.influence4j.core.store.ArtifactKey.of(ArtifactKind.LABELS))) {
                    throw new MissingArtifactException(name + ": store '" + st.id() + "' lacks the static LABELS that"
                            + " the margin p_y needs; write the labels with the store");
                }
            }
            for (Checkpoint c : plan.checkpoints()) {
                for (TrainingArtifactStore st : List.of(train, test)) {
                    if (!st.artifacts(c.id()).containsKey(io.github.influence4j.core.store.ArtifactKey.of(ArtifactKind.LOGITS))) {
                        throw new MissingArtifactException(name + ": store '" + st.id() + "' lacks LOGITS at checkpoint '"
                                + c.id() + "'; TRAK needs them to turn loss gradients into margin gradients."
                                + " Capture LOGITS with the gradients");
                    }
                }
                members.add(new Member(train, test, plan, c, TrakFeatures.of(train, plan.groups(), c, dim, seed, kind)));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        Set<ArtifactKind> s = EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LABELS);
        s.addAll(members.get(0).plan().kinds());
        return s;
    }

    /** Receives one block of final scores: rows are all requested test examples, columns a training range. */
    private interface Sink {
        void accept(ExampleRange trainRange, double[] block);
    }

    @Override
    public InfluenceMatrix matrix(ScoreRequest request) {
        int[] testIds = testIds(request);
        int n = trains.get(0).numExamples();
        long entries = (long) testIds.length * n;
        long limit = values.get(GradientScorers.MAX_MATRIX_BYTES);
        if (entries * 8 > limit || entries > Integer.MAX_VALUE - 8) {
            throw new ConfigurationException(name + ": the influence matrix of " + testIds.length + " test x " + n
                    + " training examples needs " + entries * 8 + " bytes, over the limit of " + limit
                    + " (max-matrix-bytes); use topK(k), which scans in bounded memory, or raise the limit");
        }
        double[] out = new double[(int) entries];
        scan(request, testIds, (tr, block) -> {
            for (int t = 0; t < testIds.length; t++) {
                System.arraycopy(block, t * tr.size(), out, t * n + tr.from(), tr.size());
            }
        });
        return new InfluenceMatrix(name, testIds, IntStream.range(0, n).toArray(), out, provenance());
    }

    @Override
    public TopInfluences topK(int k, ScoreRequest request) {
        int[] testIds = testIds(request);
        TopInfluences.Collector top = TopInfluences.collector(testIds.length, k);
        scan(request, testIds, (tr, block) -> {
            for (int t = 0; t < testIds.length; t++) {
                for (int j = 0; j < tr.size(); j++) {
                    top.offer(t, tr.from() + j, block[t * tr.size() + j]);
                }
            }
        });
        return top.build(name, testIds, provenance());
    }

    private void scan(ScoreRequest request, int[] testIds, Sink sink) {
        ScoringRun run = ScoringRun.start(name, tests.get(0), request);
        int size = request.chunkSize() > 0 ? request.chunkSize() : trains.get(0).spec().chunkSize();
        int t = testIds.length;
        int m = members.size();
        List<double[]> ws = new ArrayList<>(m);
        for (Member mb : members) {
            run.checkCancelled();
            ws.add(solve(mb, testIds, size, run));
        }
        LOG.info("{}: {} test x {} training examples, {} ensemble members, groups [{}], k = {}", name, t,
                trains.get(0).numExamples(), m, members.get(0).plan().labels(), members.get(0).features().dim());
        for (ExampleRange r : trains.get(0).chunkRanges(size)) {
            run.checkCancelled();
            int n = r.size();
            double[] kernel = new double[t * n];
            double[] q = new double[n];
            for (int mi = 0; mi < m; mi++) {
                Member mb = members.get(mi);
                TrakFeatures.Block f = mb.features().read(mb.train(), mb.plan().groups(), r);
                int k = f.dim();
                double[] w = ws.get(mi);
                for (int a = 0; a < t; a++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int c = 0; c < k; c++) {
                            s += w[c * t + a] * f.phi()[j * k + c];
                        }
                        kernel[a * n + j] += s;
                    }
                }
                for (int j = 0; j < n; j++) {
                    q[j] += f.q()[j];
                }
            }
            double mm = (double) m * m;
            for (int a = 0; a < t; a++) {
                for (int j = 0; j < n; j++) {
                    kernel[a * n + j] = kernel[a * n + j] * q[j] / mm;
                }
            }
            sink.accept(r, kernel);
        }
        if (!run.ranges().isEmpty()) {
            run.progress(run.ranges().get(run.ranges().size() - 1));
        }
    }

    /** Pass 1 of one member: {@code W = (Phi^T Phi + lambda I)^-1 phi(test)^T}, {@code [k x T]} row-major. */
    private double[] solve(Member mb, int[] testIds, int size, ScoringRun run) {
        int k = mb.features().dim();
        double[] gram = new double[k * k];
        for (ExampleRange r : mb.train().chunkRanges(size)) {
            run.checkCancelled();
            TrakFeatures.Block f = mb.features().read(mb.train(), mb.plan().groups(), r);
            double[] phi = f.phi();
            for (int j = 0; j < r.size(); j++) {
                int o = j * k;
                for (int a = 0; a < k; a++) {
                    double v = phi[o + a];
                    if (v == 0) {
                        continue;
                    }
                    int ra = a * k;
                    for (int b = a; b < k; b++) {
                        gram[ra + b] += v * phi[o + b];
                    }
                }
            }
        }
        for (int a = 0; a < k; a++) {
            gram[a * k + a] += lambda;
            for (int b = 0; b < a; b++) {
                gram[a * k + b] = gram[b * k + a];
            }
        }
        double[] l = Cholesky.factor(gram, k, () -> name + ": Phi^T Phi + lambda I of checkpoint '"
                + mb.checkpoint().id() + "' in store '" + mb.train().id() + "' is not positive definite (k = " + k
                + ", lambda = " + lambda + ", " + mb.train().numExamples() + " training examples); raise lambda"
                + " or lower the projection dimension");
        int t = testIds.length;
        double[] rhs = new double[k * t];
        int next = 0;
        for (ExampleRange r : mb.test().chunkRanges(size)) {
            int first = next;
            while (next < t && testIds[next] < r.to()) {
                next++;
            }
            if (first == next) {
                continue;
            }
            TrakFeatures.Block f = mb.features().read(mb.test(), mb.plan().groups(), r);
            for (int p = first; p < next; p++) {
                int local = testIds[p] - r.from();
                for (int c = 0; c < k; c++) {
                    rhs[c * t + p] = f.phi()[local * k + c];
                }
            }
        }
        Cholesky.solve(l, k, rhs, t);
        return rhs;
    }

    private int[] testIds(ScoreRequest request) {
        TrainingArtifactStore test = tests.get(0);
        int[] ids = request.examples().orElseGet(() -> IntStream.range(0, test.numExamples()).toArray());
        if (ids.length > 0 && ids[ids.length - 1] >= test.numExamples()) {
            throw new ConfigurationException(name + ": test example " + ids[ids.length - 1] + " is outside [0, "
                    + test.numExamples() + ") of test store '" + test.id() + "'");
        }
        return ids;
    }

    private ScoreProvenance provenance() {
        Map<String, String> m = new TreeMap<>(values.toMap());
        Member first = members.get(0);
        m.putAll(TracInSelfScore.provenance(first.plan()));
        m.put("projection", first.features().describe());
        m.put("ensemble", members.size() + " members: " + String.join(", ", members.stream()
                .map(x -> x.train().id() + "@" + x.checkpoint().id()).toList()));
        m.put("test-store", tests.get(0).id());
        m.put("test-store-manifest-hash", tests.get(0).manifestHash());
        return ScoreProvenance.of(name, GradientScorers.VERSION, m, trains.get(0),
                members.stream().filter(x -> x.train() == trains.get(0)).map(x -> x.checkpoint().id()).toList());
    }
}
