// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.dl4j.Reference.Act;
import io.github.influence4j.dl4j.Reference.Dense;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Artifacts captured from a MultiLayerNetwork equal an independent float64 forward and backward
 * pass over the same weights (plain Java, {@link Reference}), within float32 tolerance.
 */
class MultiLayerCaptureParityTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @Test
    void storedArtifactsMatchFloat64Reference() {
        MultiLayerNetwork net = TestNets.mlp(11, 0.5); // dropout on fc2: capture must run without it
        INDArray x = TestNets.features(3);
        int[] y = TestNets.labels(3);
        Dl4jCapture capture = Dl4jCapture.builder().denseLayers("fc1", "fc2", "out").inputGradients().batchSize(8).build();
        ArtifactWriter w = MemoryStores.create(new StoreSpec("mln", TestNets.N, TestNets.K, 16));
        capture.capture(net, CaptureData.of(x, y), w, new Checkpoint("c0", 0, 0, 0.01, 11));
        TrainingArtifactStore store = w.store();

        Dense l1 = Dense.of(net.getLayer(0), Act.TANH);
        Dense l2 = Dense.of(net.getLayer(1), Act.SIGMOID);
        Dense l3 = Dense.of(net.getLayer(2), Act.IDENTITY);
        double[][] a0 = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] z1 = l1.pre(a0);
        double[][] a1 = Reference.activate(z1, Act.TANH);
        double[][] z2 = l2.pre(a1);
        double[][] a2 = Reference.activate(z2, Act.SIGMOID);
        double[][] z3 = l3.pre(a2);
        double[][] d3 = Reference.crossEntropyGrad(z3, y);
        double[][] d2 = Reference.delta(l3.back(d3), z2, Act.SIGMOID);
        double[][] d1 = Reference.delta(l2.back(d2), z1, Act.TANH);
        double[][] e3 = Reference.oneHot(y, TestNets.K);
        double[][] e2 = Reference.delta(l3.back(e3), z2, Act.SIGMOID);
        double[][] e1 = Reference.delta(l2.back(e2), z1, Act.TANH);
        double[][] inputGrad = l1.back(e1);

        check(store, ArtifactKey.of(ArtifactKind.LOGITS), Reference.flat(z3));
        check(store, ArtifactKey.of(ArtifactKind.LOSS), Reference.crossEntropy(z3, y));
        check(store, ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc1"), Reference.flat(a0));
        check(store, ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc2"), Reference.flat(a1));
        check(store, ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "out"), Reference.flat(a2));
        check(store, ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc1"), Reference.flat(d1));
        check(store, ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc2"), Reference.flat(d2));
        check(store, ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "out"), Reference.flat(d3));
        check(store, ArtifactKey.of(ArtifactKind.INPUT_GRADS), Reference.flat(inputGrad));
        try (ArtifactChunk g = store.read("c0", ArtifactKey.of(ArtifactKind.INPUT_GRADS), ExampleRange.of(0, TestNets.N));
                ArtifactChunk labels = store.readStatic(ArtifactKey.of(ArtifactKind.LABELS), ExampleRange.of(0, TestNets.N))) {
            for (int i = 0; i < TestNets.N; i++) {
                assertEquals(1, g.length(i), "non-sequence input: one row of D per example");
            }
            assertArrayEquals(new long[] {TestNets.N, TestNets.D}, g.values().shape());
            assertArrayEquals(y, labels.values().toIntVector());
        }
        assertEquals(0.01, store.checkpoints().get(0).learningRate());
    }

    @Test
    void inputGradientsAtAHiddenLayerOutput() {
        MultiLayerNetwork net = TestNets.mlp(5, 1);
        INDArray x = TestNets.features(8);
        int[] y = TestNets.labels(8);
        CapturedBatch b = Dl4jCapture.builder().inputGradients("fc1").build()
                .computeBatch(net, CaptureData.of(x, y), ExampleRange.of(0, TestNets.N));
        Dense l1 = Dense.of(net.getLayer(0), Act.TANH);
        Dense l2 = Dense.of(net.getLayer(1), Act.SIGMOID);
        Dense l3 = Dense.of(net.getLayer(2), Act.IDENTITY);
        double[][] z1 = l1.pre(x.castTo(DataType.DOUBLE).toDoubleMatrix());
        double[][] z2 = l2.pre(Reference.activate(z1, Act.TANH));
        double[][] e2 = Reference.delta(l3.back(Reference.oneHot(y, TestNets.K)), z2, Act.SIGMOID);
        double[] expected = Reference.flat(l2.back(e2)); // d z_y / d(output of fc1)
        assertClose(expected, b.inputGrads().orElseThrow().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), RTOL, ATOL,
                "INPUT_GRADS at the output of fc1");
        assertArrayEquals(new long[] {TestNets.N, 6}, b.inputGrads().get().shape());
    }

    @Test
    void factoredGradientsSumToDl4jsOwnBackprop() {
        MultiLayerNetwork net = TestNets.mlp(21, 1);
        INDArray x = TestNets.features(4);
        int[] y = TestNets.labels(4);
        CapturedBatch b = Dl4jCapture.builder().denseLayers("fc1", "fc2", "out").build()
                .computeBatch(net, CaptureData.of(x, y), ExampleRange.of(0, TestNets.N));
        MultiLayerNetwork copy = net.clone();
        copy.setInput(x);
        copy.setLabels(TestNets.oneHot(y));
        copy.computeGradientAndScore();
        Gradient g = copy.gradient();
        String[] names = {"fc1", "fc2", "out"};
        for (int l = 0; l < names.length; l++) {
            double[][] a = b.layerInputs().get(names[l]).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] d = b.layerOutputGrads().get(names[l]).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[] dw = Reference.flat(Reference.matmul(Reference.transpose(a), d)); // sum_i a_i^T delta_i
            double[] db = new double[d[0].length];
            for (double[] row : d) {
                for (int j = 0; j < row.length; j++) {
                    db[j] += row[j];
                }
            }
            assertClose(dw, g.getGradientFor(l + "_W").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-4, 1e-6,
                    "sum over examples of a^T delta vs DL4J gradient of " + names[l] + " W");
            assertClose(db, g.getGradientFor(l + "_b").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-4, 1e-6,
                    "sum over examples of delta vs DL4J gradient of " + names[l] + " b");
        }
    }

    private static void check(TrainingArtifactStore store, ArtifactKey key, double[] expected) {
        try (ArtifactChunk c = store.read("c0", key, ExampleRange.of(0, TestNets.N))) {
            assertEquals(DataType.FLOAT, c.values().dataType(), key + " dtype");
            assertClose(expected, c.values().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), RTOL, ATOL, key.toString());
        }
    }
}
