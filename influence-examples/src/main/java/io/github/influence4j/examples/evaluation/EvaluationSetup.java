// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.nlp.encoder.EncodedPairs;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliData;
import io.github.influence4j.nlp.encoder.SnliEncoder;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.nlp.evaluation.RandomSubsets;
import io.github.influence4j.nlp.evaluation.SnliRetrainer;
import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GradientScorers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shared first step of {@code influence4j evaluate}: the fixed SNLI test examples, the
 * full-pool models (seeds 1..M, trained with capture of the pool and of the test examples at the
 * same checkpoints), the shared projection of their dense-layer gradients, and every method's
 * {@code [test x train]} attributions in {@code attributions/<method>.npy}. Each piece is skipped
 * when its file exists, so a killed run resumes.
 */
public final class EvaluationSetup {
    /** The dense layers of the SNLI encoder's head, input to output, all projected and used by tracin-all. */
    static final List<String> DENSE = List.of("fc1", "fc2", "fc3");

    /**
     * The methods evaluated, in report order: TracIn over the last dense layer before the head
     * (fc2, the library's default, as Tan et al. 2023), over the head fc3, over all three dense layers (exact, factored), over the projection of all three;
     * TracIn-WE; TRAK (an ensemble: model 1's checkpoints with one model, else each model's final
     * checkpoint); TRAK at model 1's final checkpoint only; the gradient-cosine baseline.
     */
    public static final List<String> METHODS = List.of("tracin-last", "tracin-head", "tracin-all", "tracin-proj",
            "tracin-we", "trak", "trak-1", "grad-cos");

    /**
     * One full-pool model.
     *
     * @param seed its seed
     * @param margins margins of the test examples
     * @param predictions its predicted classes for them
     * @param seconds wall time of training with capture
     */
    public record Model(long seed, double[] margins, int[] predictions, double seconds) {
    }

    /**
     * Everything the LDS and brittleness runs need.
     *
     * @param data the SNLI data
     * @param settings the settings
     * @param testIds the test examples' ids in SNLI test
     * @param tests those examples
     * @param models the full-pool models
     * @param attributions per method, {@code [test][train]}, positive = proponent
     */
    public record Prepared(SnliData data, EvaluationSettings settings, int[] testIds, EncodedPairs tests,
            List<Model> models, Map<String, double[][]> attributions) {
        /** @return the test examples' gold labels */
        public int[] labels() {
            return tests.labels();
        }
    }

    private EvaluationSetup() {
    }

    /**
     * @param dir the evaluation directory
     * @param s the settings (must match {@code settings.json} if present)
     * @param out progress lines
     * @return the prepared evaluation
     */
    public static Prepared prepare(Path dir, EvaluationSettings s, PrintWriter out) {
        Path sf = dir.resolve("settings.json");
        EvaluationFiles.read(sf, EvaluationSettings.class).ifPresent(old -> {
            if (!old.equals(s)) {
                throw new IllegalArgumentException(dir + " was set up with " + old + ", not " + s
                        + "; rerun with the same options or use another --dir");
            }
        });
        EvaluationFiles.write(sf, s);
        EncoderConfig cfg = EncoderConfig.defaults();
        SnliData data = SnliData.bundled(cfg.maxTokens());
        int[] testIds = RandomSubsets.drawExcluding(data.test().size(), s.tests(), s.testSeed(), new int[0]);
        EncodedPairs tests = data.test().subset(testIds);
        List<Model> models = new ArrayList<>();
        List<TrainingArtifactStore[]> stores = new ArrayList<>();
        for (int m = 1; m <= s.models(); m++) {
            Path md = dir.resolve("models/m" + m);
            Model model = EvaluationFiles.read(md.resolve("model.json"), Model.class).orElse(null);
            if (model == null) {
                model = train(md, data, cfg, s, m, tests, out);
            }
            models.add(model);
            TrainingArtifactStore train = ArtifactStores.open(md.resolve("train"));
            TrainingArtifactStore test = ArtifactStores.open(md.resolve("test"));
            long t0 = System.nanoTime();
            TrainingArtifactStore pTrain = ProjectedStores.project(train, md.resolve("proj-train"), DENSE,
                    s.projectionDim(), s.projectionSeed());
            TrainingArtifactStore pTest = ProjectedStores.project(test, md.resolve("proj-test"), DENSE,
                    s.projectionDim(), s.projectionSeed());
            out.printf(Locale.ROOT, "model %d: projected gradients ready (%.1f s)%n", m, (System.nanoTime() - t0) / 1e9);
            out.flush();
            stores.add(new TrainingArtifactStore[] {train, test, pTrain, pTest});
        }
        Map<String, double[][]> attributions = new LinkedHashMap<>();
        for (String method : METHODS) {
            Path f = dir.resolve("attributions/" + method + ".npy");
            if (!Files.isRegularFile(f)) {
                long t0 = System.nanoTime();
                EvaluationFiles.writeMatrix(f, attribute(method, stores, s));
                out.printf(Locale.ROOT, "attributions %-12s %.1f s%n", method, (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
            attributions.put(method, EvaluationFiles.readMatrix(f, s.tests()));
        }
        return new Prepared(data, s, testIds, tests, models, attributions);
    }

    private static Model train(Path md, SnliData data, EncoderConfig cfg, EvaluationSettings s, int m,
            EncodedPairs tests, PrintWriter out) {
        for (String sub : List.of("train", "test", "proj-train", "proj-test")) {
            if (Files.exists(md.resolve(sub))) {
                ArtifactStores.delete(md.resolve(sub));
            }
        }
        Set<ArtifactKind> kinds = EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LAYER_INPUTS,
                ArtifactKind.LAYER_OUTPUT_GRADS);
        if (m == 1) {
            kinds.add(ArtifactKind.EMBEDDING_GRADS);
        }
        TrainOptions opts = TrainOptions.builder().epochs(s.epochs()).seed(m).build();
        SnliRetrainer.Outcome o;
        try (ArtifactWriter tw = ArtifactStores.create(md.resolve("train"), StoreSpec.of("snli-dev-eval-m" + m,
                data.train().size(), SnliEncoder.CLASSES));
                ArtifactWriter ew = ArtifactStores.create(md.resolve("test"), StoreSpec.of("snli-test-eval-m" + m,
                        tests.size(), SnliEncoder.CLASSES))) {
            o = SnliRetrainer.run(data, cfg, opts, tests, new SnliRetrainer.Capture(tw, ew,
                    CaptureSchedule.evenlySpaced(m == 1 ? s.checkpoints() : 1), CaptureSpec.of(kinds)));
        }
        int[] pred = new int[tests.size()];
        for (int i = 0; i < pred.length; i++) {
            float[] z = o.logits()[i];
            for (int j = 1; j < z.length; j++) {
                if (z[j] > z[pred[i]]) {
                    pred[i] = j;
                }
            }
        }
        Model model = new Model(m, o.margins(tests.labels()), pred, o.seconds());
        EvaluationFiles.write(md.resolve("model.json"), model);
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            correct += pred[i] == tests.label(i) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "model %d: trained with capture in %.1f s, %d/%d test examples correct%n", m,
                o.seconds(), correct, pred.length);
        out.flush();
        return model;
    }

    private static double[][] attribute(String method, List<TrainingArtifactStore[]> stores, EvaluationSettings s) {
        TrainingArtifactStore[] m1 = stores.get(0);
        OptionValues projected = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PROJECTED_GRADS")).build();
        InfluenceMatrix im = switch (method) {
            case "tracin-last" -> Scorers.tracIn(m1[0], m1[1], OptionValues.defaults()).matrix();
            case "tracin-head" -> Scorers.tracIn(m1[0], m1[1], OptionValues.builder()
                    .set(ScorerOptions.LAYERS, List.of("fc3")).build()).matrix();
            case "tracin-all" -> Scorers.tracIn(m1[0], m1[1], OptionValues.builder()
                    .set(ScorerOptions.LAYERS, DENSE).build()).matrix();
            case "tracin-proj" -> Scorers.tracIn(m1[2], m1[3], projected).matrix();
            case "tracin-we" -> Scorers.tracInWe(m1[0], m1[1], OptionValues.defaults()).matrix();
            case "trak" -> {
                // one model: its checkpoints are the ensemble; several: their final checkpoints
                OptionValues.Builder o = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PROJECTED_GRADS"))
                        .set(GradientScorers.LAMBDA, Double.toString(s.lambda()));
                if (stores.size() == 1) {
                    o.set(ScorerOptions.CHECKPOINTS, m1[2].checkpoints().stream().map(Checkpoint::id).toList());
                }
                yield Scorers.trak(stores.stream().map(x -> x[2]).toList(), stores.stream().map(x -> x[3]).toList(),
                        o.build()).matrix();
            }
            case "trak-1" -> Scorers.trak(List.of(m1[2]), List.of(m1[3]), OptionValues.builder()
                    .set(ScorerOptions.LAYERS, List.of("PROJECTED_GRADS"))
                    .set(GradientScorers.LAMBDA, Double.toString(s.lambda())).build()).matrix();
            case "grad-cos" -> null;
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
        if (im != null) {
            double[][] a = new double[im.numTest()][];
            for (int t = 0; t < a.length; t++) {
                a[t] = im.row(t);
            }
            return a;
        }
        return cosine(m1[2], m1[3]);
    }

    /** Cosine of the projected loss gradients at the last checkpoint of model 1 (a baseline; Pruthi et al. 2020, Sec. 6). */
    private static double[][] cosine(TrainingArtifactStore train, TrainingArtifactStore test) {
        double[][] g = unit(train);
        double[][] h = unit(test);
        double[][] a = new double[h.length][g.length];
        for (int t = 0; t < h.length; t++) {
            for (int i = 0; i < g.length; i++) {
                double d = 0;
                for (int c = 0; c < g[i].length; c++) {
                    d += h[t][c] * g[i][c];
                }
                a[t][i] = d;
            }
        }
        return a;
    }

    private static double[][] unit(TrainingArtifactStore s) {
        List<Checkpoint> cs = s.checkpoints();
        try (ArtifactChunk c = s.read(cs.get(cs.size() - 1).id(), ArtifactKey.of(ArtifactKind.PROJECTED_GRADS),
                ExampleRange.of(0, s.numExamples()))) {
            double[] flat = ArtifactReads.flatDoubles(c.values());
            int k = flat.length / s.numExamples();
            double[][] out = new double[s.numExamples()][k];
            for (int i = 0; i < out.length; i++) {
                double n = 0;
                for (int j = 0; j < k; j++) {
                    n += flat[i * k + j] * flat[i * k + j];
                }
                n = Math.sqrt(n);
                for (int j = 0; j < k; j++) {
                    out[i][j] = n == 0 ? 0 : flat[i * k + j] / n;
                }
            }
            return out;
        }
    }
}
