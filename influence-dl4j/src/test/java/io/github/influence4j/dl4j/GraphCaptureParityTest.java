// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.dl4j.Reference.Act;
import io.github.influence4j.dl4j.Reference.Dense;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A branched ComputationGraph (two dense branches from one input, merged, then dense and softmax
 * output) gives the same artifacts as an independent float64 computation; the input gradient sums
 * both branches.
 */
class GraphCaptureParityTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Sgd(0.05)).weightInit(WeightInit.XAVIER).biasInit(0.2)
                .graphBuilder()
                .addInputs("in")
                .addLayer("d1", new DenseLayer.Builder().nIn(TestNets.D).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nIn(TestNets.D).nOut(4).activation(Activation.SIGMOID)
                        .dropOut(0.6).build(), "in")
                .addVertex("merge", new MergeVertex(), "d1", "d2")
                .addLayer("d3", new DenseLayer.Builder().nIn(9).nOut(6).activation(Activation.SOFTPLUS).build(), "merge")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nIn(6)
                        .nOut(TestNets.K).activation(Activation.SOFTMAX).build(), "d3")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void branchedGraphMatchesFloat64Reference() {
        ComputationGraph g = graph(13);
        INDArray x = TestNets.features(5);
        int[] y = TestNets.labels(5);
        CapturedBatch b = Dl4jCapture.builder().denseLayers("d1", "d2", "d3", "out").inputGradients().batchSize(10).build()
                .computeBatch(g, CaptureData.of(x, y), ExampleRange.of(0, TestNets.N));

        Dense l1 = Dense.of(g.getLayer("d1"), Act.TANH);
        Dense l2 = Dense.of(g.getLayer("d2"), Act.SIGMOID);
        Dense l3 = Dense.of(g.getLayer("d3"), Act.SOFTPLUS);
        Dense lo = Dense.of(g.getLayer("out"), Act.IDENTITY);
        double[][] a0 = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] z1 = l1.pre(a0);
        double[][] z2 = l2.pre(a0);
        double[][] merged = concat(Reference.activate(z1, Act.TANH), Reference.activate(z2, Act.SIGMOID));
        double[][] z3 = l3.pre(merged);
        double[][] a3 = Reference.activate(z3, Act.SOFTPLUS);
        double[][] zo = lo.pre(a3);

        double[][] dOut = Reference.crossEntropyGrad(zo, y);
        double[][] d3 = Reference.delta(lo.back(dOut), z3, Act.SOFTPLUS);
        double[][] epsMerged = l3.back(d3);
        double[][] d1 = Reference.delta(cols(epsMerged, 0, 5), z1, Act.TANH);
        double[][] d2 = Reference.delta(cols(epsMerged, 5, 9), z2, Act.SIGMOID);

        double[][] eOut = Reference.oneHot(y, TestNets.K);
        double[][] e3 = Reference.delta(lo.back(eOut), z3, Act.SOFTPLUS);
        double[][] eMerged = l3.back(e3);
        double[][] e1 = Reference.delta(cols(eMerged, 0, 5), z1, Act.TANH);
        double[][] e2 = Reference.delta(cols(eMerged, 5, 9), z2, Act.SIGMOID);
        double[][] inputGrad = Reference.add(l1.back(e1), l2.back(e2));

        check(Reference.flat(zo), b.logits(), "LOGITS");
        check(Reference.crossEntropy(zo, y), b.loss(), "LOSS");
        check(Reference.flat(a0), b.layerInputs().get("d1"), "LAYER_INPUTS.d1");
        check(Reference.flat(a0), b.layerInputs().get("d2"), "LAYER_INPUTS.d2");
        check(Reference.flat(merged), b.layerInputs().get("d3"), "LAYER_INPUTS.d3");
        check(Reference.flat(a3), b.layerInputs().get("out"), "LAYER_INPUTS.out");
        check(Reference.flat(d1), b.layerOutputGrads().get("d1"), "LAYER_OUTPUT_GRADS.d1");
        check(Reference.flat(d2), b.layerOutputGrads().get("d2"), "LAYER_OUTPUT_GRADS.d2");
        check(Reference.flat(d3), b.layerOutputGrads().get("d3"), "LAYER_OUTPUT_GRADS.d3");
        check(Reference.flat(dOut), b.layerOutputGrads().get("out"), "LAYER_OUTPUT_GRADS.out");
        check(Reference.flat(inputGrad), b.inputGrads().orElseThrow(), "INPUT_GRADS");
        assertArrayEquals(filled(TestNets.N, 1), b.inputGradLengths());
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static void check(double[] expected, INDArray actual, String what) {
        assertClose(expected, actual.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), RTOL, ATOL, what);
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length + b[i].length];
            System.arraycopy(a[i], 0, c[i], 0, a[i].length);
            System.arraycopy(b[i], 0, c[i], a[i].length, b[i].length);
        }
        return c;
    }

    private static double[][] cols(double[][] a, int from, int to) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = java.util.Arrays.copyOfRange(a[i], from, to);
        }
        return c;
    }
}
