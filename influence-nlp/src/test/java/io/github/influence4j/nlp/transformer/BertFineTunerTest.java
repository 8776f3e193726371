// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.testing.Asserts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/** AdamW, the warm-up/decay schedule, length buckets and the fine-tuning loop on a small random BERT. */
class BertFineTunerTest {
    private static final BertConfig TINY = new BertConfig(30, 8, 2, 2, 16, 12, 2, 1e-12);

    @Test
    void adamWWithoutDecayIsNd4jAdamAndItsDecayIsDecoupled() {
        Random r = new Random(4);
        double[] p0 = new double[6];
        for (int i = 0; i < p0.length; i++) {
            p0[i] = r.nextGaussian();
        }
        INDArray plain = Nd4j.createFromArray(p0).castTo(DataType.FLOAT).reshape(2, 3);
        INDArray decayed = plain.dup();
        INDArray reference = plain.dup();
        AdamW a = new AdamW(plain.shape(), 0.9, 0.999, 1e-8, 0.0);
        AdamW d = new AdamW(plain.shape(), 0.9, 0.999, 1e-8, 0.1);
        Adam adam = new Adam(1e-2, 0.9, 0.999, 1e-8);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(6));
        GradientUpdater<?> u = adam.instantiate(state, true);
        u.setStateViewArray(state, plain.shape(), 'c', true);
        // float64 loop of Loshchilov and Hutter's Algorithm 2 for the decayed parameter
        double[] p = p0.clone();
        double[] m = new double[6];
        double[] v = new double[6];
        for (int t = 1; t <= 5; t++) {
            INDArray g = Nd4j.rand(DataType.FLOAT, 2, 3).subi(0.5);
            double[] gd = g.dup().reshape(6).toDoubleVector();
            a.step(plain, g, 1e-2);
            d.step(decayed, g, 1e-2);
            INDArray upd = g.dup();
            u.applyUpdater(upd, t - 1, 0);
            reference.subi(upd);
            for (int i = 0; i < 6; i++) {
                m[i] = 0.9 * m[i] + 0.1 * gd[i];
                v[i] = 0.999 * v[i] + 0.001 * gd[i] * gd[i];
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                p[i] = p[i] - 1e-2 * 0.1 * p[i] - 1e-2 * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        Asserts.assertClose(reference.reshape(6).toDoubleVector(), plain.reshape(6).toDoubleVector(), 1e-5, 1e-7,
                "AdamW(wd = 0) vs ND4J Adam");
        Asserts.assertClose(p, decayed.reshape(6).toDoubleVector(), 1e-5, 1e-7, "AdamW(wd = 0.1) vs float64 loop");
        assertEquals(5, d.steps());
    }

    @Test
    void scheduleWarmsUpThenDecaysLinearlyAsHuggingFace() {
        LinearWarmupDecay s = new LinearWarmupDecay(1.0, 10, 100);
        assertEquals(0.0, s.rate(0));
        assertEquals(0.5, s.rate(5), 1e-15);
        assertEquals(1.0, s.rate(10), 1e-15);
        assertEquals(0.5, s.rate(55), 1e-15);
        assertEquals(0.0, s.rate(100), 1e-15);
        assertEquals(1.0, new LinearWarmupDecay(1.0, 0, 4).rate(0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmupDecay(1.0, 5, 4));
    }

    @Test
    void bucketsCoverEveryPairOnceAndSortWithinABucket() {
        Random r = new Random(2);
        List<PairEncoding> pairs = new ArrayList<>();
        for (int i = 0; i < 103; i++) {
            int len = 3 + r.nextInt(20);
            pairs.add(new PairEncoding(new int[len], new int[len], 0));
        }
        List<int[]> batches = BertFineTuner.buckets(pairs, 8, 4, new Random(1));
        boolean[] seen = new boolean[pairs.size()];
        int padding = 0;
        for (int[] b : batches) {
            assertTrue(b.length <= 8);
            int max = 0;
            for (int i : b) {
                assertFalse(seen[i], "pair " + i + " twice");
                seen[i] = true;
                max = Math.max(max, pairs.get(i).length());
            }
            for (int i : b) {
                padding += max - pairs.get(i).length();
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        int unsortedPadding = 0;
        for (int[] b : BertFineTuner.buckets(pairs, 8, 1, new Random(1))) {
            int max = 0;
            for (int i : b) {
                max = Math.max(max, pairs.get(i).length());
            }
            for (int i : b) {
                unsortedPadding += max - pairs.get(i).length();
            }
        }
        assertTrue(padding * 2 < unsortedPadding, "bucketed padding " + padding + " vs unsorted " + unsortedPadding);
    }

    /** Random short pairs over ids 3..29 of a tiny vocabulary: {@code [CLS]-like a tokens, b tokens}. */
    static List<PairEncoding> randomPairs(int n, Random r) {
        List<PairEncoding> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int a = 1 + r.nextInt(4);
            int b = 1 + r.nextInt(4);
            int[] ids = new int[a + b + 3];
            int[] types = new int[ids.length];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = 3 + r.nextInt(27);
                types[t] = t > a + 1 ? 1 : 0;
            }
            pairs.add(new PairEncoding(ids, types, 0));
        }
        return pairs;
    }

    @Test
    void aStepMovesTrainableLayersAndLeavesFrozenOnesAlone() {
        BertClassifier model = BertClassifier.create(BertGradientTest.randomWeights(TINY, 8), 1, 3);
        assertFalse(model.trainableParameters().contains("encoder.layer.0.attention.self.query.weight"));
        assertTrue(model.trainableParameters().contains("encoder.layer.1.attention.self.query.weight"));
        String frozen = "encoder.layer.0.attention.self.query.weight";
        String trained = "encoder.layer.1.attention.self.query.weight";
        float[] frozenBefore = model.graph().getArrForVarName(frozen).dup().data().asFloat();
        float[] trainedBefore = model.graph().getArrForVarName(trained).dup().data().asFloat();
        BertFineTuner.Result res = BertFineTuner.train(model, randomPairs(6, new Random(6)), new int[] {0, 1, 2, 0, 1, 2},
                new FineTuneOptions(1, 3, 1e-3, 1e-2, 0.01, 0.0, 1, 1));
        assertEquals(2, res.steps());
        assertArrayEquals(frozenBefore, model.graph().getArrForVarName(frozen).data().asFloat());
        assertFalse(java.util.Arrays.equals(trainedBefore, model.graph().getArrForVarName(trained).data().asFloat()));
    }

    /** 40 steps: about 90 s under load on 2 cores (SameDiff's per-op cost dominates on this small model). */
    @Test
    @Tag("slow")
    void fineTuningFitsASmallSet() {
        BertClassifier model = BertClassifier.create(BertGradientTest.randomWeights(TINY, 8), 1, 3);
        Random r = new Random(6);
        List<PairEncoding> pairs = randomPairs(12, r);
        int[] labels = new int[12];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(3);
        }
        BertFineTuner.Result res = BertFineTuner.train(model, pairs, labels,
                new FineTuneOptions(20, 6, 3e-3, 1e-2, 0.01, 0.1, 2, 1));
        assertEquals(20 * 2, res.steps());
        assertTrue(res.epochLoss().get(19) < 0.5 * res.epochLoss().get(0), "loss " + res.epochLoss());
        double acc = BertFineTuner.accuracy(model, pairs, labels, 5);
        assertTrue(acc >= 0.75, "training accuracy " + acc + ", loss " + res.epochLoss());
    }
}
