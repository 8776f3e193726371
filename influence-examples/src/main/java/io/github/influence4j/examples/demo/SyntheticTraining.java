// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains {@link SoftmaxModel} on (a subset of) {@link SyntheticData} and captures its training
 * artifacts into a store at the end of every epoch (one checkpoint per epoch, eval mode: the model
 * has no dropout).
 */
public final class SyntheticTraining {
    /** The dense layer name under which the head's factored gradient is stored. */
    public static final String HEAD = "head";

    /**
     * @param epochs epochs, {@code >= 1}
     * @param batchSize minibatch size, {@code >= 1}
     * @param learningRate initial learning rate; epoch e uses {@code lr / (1 + 0.2 e)}
     * @param seed initialisation and shuffling seed
     */
    public record Config(int epochs, int batchSize, double learningRate, long seed) {
        /**
         * Validates the configuration.
         *
         * @param epochs see the record description
         * @param batchSize see the record description
         * @param learningRate see the record description
         * @param seed see the record description
         */
        public Config {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("need epochs >= 1, batch >= 1, lr > 0; got " + epochs + ", "
                        + batchSize + ", " + learningRate);
            }
        }

        /**
         * @param epoch a 0-based epoch
         * @return the learning rate used during it
         */
        public double learningRate(int epoch) {
            return learningRate / (1 + 0.2 * epoch);
        }
    }

    /** Called after every epoch of {@link #train}. */
    @FunctionalInterface
    public interface EpochCallback {
        /** Does nothing. */
        EpochCallback NONE = (e, m) -> { };

        /**
         * @param epoch the 0-based epoch just finished
         * @param model the model after it (mutated by later epochs: read it now)
         */
        void afterEpoch(int epoch, SoftmaxModel model);
    }

    private SyntheticTraining() {
    }

    /**
     * Trains on the given examples.
     *
     * @param data the data
     * @param ids the training example ids
     * @param cfg the configuration
     * @param afterEpoch called after each epoch (e.g. to capture)
     * @return the trained model
     */
    public static SoftmaxModel train(SyntheticData data, int[] ids, Config cfg, EpochCallback afterEpoch) {
        SoftmaxModel m = new SoftmaxModel(data.numClasses(), data.dim(), cfg.seed());
        double[][] feats = new double[data.size()][];
        for (int id : ids) {
            feats[id] = SoftmaxModel.features(data.tokens()[id], data.embeddings());
        }
        SplittableRandom rnd = new SplittableRandom(cfg.seed() * 31 + 17);
        int[] order = ids.clone();
        for (int e = 0; e < cfg.epochs(); e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int s = 0; s < order.length; s += cfg.batchSize()) {
                int n = Math.min(cfg.batchSize(), order.length - s);
                double[][] bf = new double[n][];
                int[] bl = new int[n];
                for (int i = 0; i < n; i++) {
                    bf[i] = feats[order[s + i]];
                    bl[i] = data.labels()[order[s + i]];
                }
                m.step(bf, bl, cfg.learningRate(e));
            }
            afterEpoch.afterEpoch(e, m);
        }
        return m;
    }

    /**
     * Writes the static artifacts: training LABELS and TOKEN_IDS.
     *
     * @param data the data
     * @param w the writer
     */
    public static void writeStatic(SyntheticData data, ArtifactWriter w) {
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, Nd4j.createFromArray(data.labels().clone()));
        int total = 0;
        int[] lengths = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            lengths[i] = data.tokens()[i].length;
            total += lengths[i];
        }
        int[] flat = new int[total];
        int at = 0;
        for (int[] t : data.tokens()) {
            System.arraycopy(t, 0, flat, at, t.length);
            at += t.length;
        }
        w.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0, Nd4j.createFromArray(flat), lengths);
    }

    /**
     * Captures every artifact of one checkpoint for all examples and commits it.
     *
     * @param data the data
     * @param m the model at this checkpoint
     * @param w the writer
     * @param c the checkpoint
     * @param chunkDone called after each chunk with the number of examples written so far
     */
    public static void capture(SyntheticData data, SoftmaxModel m, ArtifactWriter w, Checkpoint c,
            IntConsumer chunkDone) {
        try (CheckpointWriter cw = w.beginCheckpoint(c)) {
            for (int from = 0; from < data.size(); from += w.spec().chunkSize()) {
                ExampleRange r = ExampleRange.of(from, Math.min(data.size(), from + w.spec().chunkSize()));
                captureRange(data, m, cw, r);
                chunkDone.accept(r.to());
            }
            cw.commit();
        }
    }

    private static void captureRange(SyntheticData data, SoftmaxModel m, CheckpointWriter w, ExampleRange r) {
        int n = r.size();
        int d = data.dim();
        float[][] logits = new float[n][];
        float[] loss = new float[n];
        float[][] layerIn = new float[n][];
        float[][] layerGrad = new float[n][];
        int[] lengths = new int[n];
        int rows = 0;
        for (int i = 0; i < n; i++) {
            lengths[i] = data.tokens()[r.from() + i].length;
            rows += lengths[i];
        }
        float[][] inputGrads = new float[rows][d];
        float[][] embGrads = new float[rows][d];
        int row = 0;
        for (int i = 0; i < n; i++) {
            int id = r.from() + i;
            int y = data.labels()[id];
            int[] tokens = data.tokens()[id];
            double[] h = SoftmaxModel.features(tokens, data.embeddings());
            double[] z = m.logits(h);
            double[] p = SoftmaxModel.softmax(z);
            loss[i] = (float) -Math.log(p[y]);
            logits[i] = toFloat(z);
            layerIn[i] = toFloat(h);
            double[] delta = p.clone();
            delta[y] -= 1;
            layerGrad[i] = toFloat(delta);
            double[] back = m.backToFeatures(delta);
            double[] wy = m.weightRow(y);
            for (int t : tokens) {
                for (int j = 0; j < d; j++) {
                    double th = Math.tanh(data.embeddings()[t][j]);
                    double s = (1 - th * th) / tokens.length;
                    inputGrads[row][j] = (float) (wy[j] * s);
                    embGrads[row][j] = (float) (back[j] * s);
                }
                row++;
            }
        }
        w.write(ArtifactKey.of(ArtifactKind.LOGITS), r.from(), Nd4j.createFromArray(logits));
        w.write(ArtifactKey.of(ArtifactKind.LOSS), r.from(), Nd4j.createFromArray(loss));
        w.write(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, HEAD), r.from(), Nd4j.createFromArray(layerIn));
        w.write(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, HEAD), r.from(), Nd4j.createFromArray(layerGrad));
        INDArray ig = Nd4j.createFromArray(inputGrads);
        INDArray eg = Nd4j.createFromArray(embGrads);
        w.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), r.from(), ig, lengths);
        w.writeRagged(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), r.from(), eg, lengths);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
