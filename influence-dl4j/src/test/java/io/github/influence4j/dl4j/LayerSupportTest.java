// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.dl4j.Reference.Act;
import io.github.influence4j.dl4j.Reference.Dense;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Embedding and LossLayer heads, and the errors for what the capture does not support. */
class LayerSupportTest {
    private static final int VOCAB = 10;

    private static MultiLayerNetwork embeddingNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).biasInit(0.1)
                .list()
                .layer(new EmbeddingLayer.Builder().name("emb").nIn(VOCAB).nOut(4).build())
                .layer(new DenseLayer.Builder().name("fc").nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(5).nOut(TestNets.K)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static INDArray tokens() {
        Random r = new Random(6);
        float[][] t = new float[TestNets.N][1];
        for (float[] row : t) {
            row[0] = r.nextInt(VOCAB);
        }
        return Nd4j.createFromArray(t);
    }

    @Test
    void inputGradientsAtAnEmbeddingLayerOutput() {
        MultiLayerNetwork net = embeddingNet();
        INDArray ids = tokens();
        int[] y = TestNets.labels(6);
        CapturedBatch b = Dl4jCapture.builder().inputGradients("emb").denseLayers("fc").build()
                .computeBatch(net, CaptureData.of(ids, y), ExampleRange.of(0, TestNets.N));
        double[][] table = net.getLayer(0).getParam("W").castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] e = new double[TestNets.N][];
        for (int i = 0; i < TestNets.N; i++) {
            e[i] = table[(int) ids.getDouble(i, 0)].clone();
        }
        Dense fc = Dense.of(net.getLayer(1), Act.TANH);
        Dense out = Dense.of(net.getLayer(2), Act.IDENTITY);
        double[][] z = fc.pre(e);
        double[][] d = Reference.delta(out.back(Reference.oneHot(y, TestNets.K)), z, Act.TANH);
        assertClose(Reference.flat(fc.back(d)), b.inputGrads().orElseThrow().castTo(DataType.DOUBLE).reshape(-1)
                .toDoubleVector(), 1e-5, 1e-6, "INPUT_GRADS at the embedding output");
        assertClose(Reference.flat(e), b.layerInputs().get("fc").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                1e-6, 1e-7, "LAYER_INPUTS.fc = embedding rows");
    }

    @Test
    void lossLayerHeadTakesItsInputAsLogits() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().name("fc").nIn(TestNets.D).nOut(TestNets.K)
                        .activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).name("loss")
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray x = TestNets.features(1);
        int[] y = TestNets.labels(1);
        CapturedBatch b = Dl4jCapture.builder().denseLayers("fc").build()
                .computeBatch(net, CaptureData.of(x, y), ExampleRange.of(0, TestNets.N));
        double[][] z = Dense.of(net.getLayer(0), Act.IDENTITY).pre(x.castTo(DataType.DOUBLE).toDoubleMatrix());
        assertClose(Reference.flat(z), b.logits().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-5, 1e-6, "LOGITS");
        assertClose(Reference.crossEntropy(z, y), b.loss().castTo(DataType.DOUBLE).toDoubleVector(), 1e-5, 1e-6, "LOSS");
        assertClose(Reference.flat(Reference.crossEntropyGrad(z, y)),
                b.layerOutputGrads().get("fc").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-5, 1e-6,
                "LAYER_OUTPUT_GRADS.fc");
    }

    @Test
    void unknownLayerIsNamedWithTheLayersThatExist() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Dl4jCapture.builder().denseLayers("fc9").build().bind(TestNets.mlp(1, 1)));
        assertMentions(e, "'fc9'", "[fc1, fc2, out]", "MultiLayerNetwork");
        ConfigurationException g = assertThrows(ConfigurationException.class,
                () -> Dl4jCapture.builder().inputGradients("nope").build().bind(GraphCaptureParityTest.graph(1)));
        assertMentions(g, "'nope'", "INPUT_GRADS", "d1", "ComputationGraph");
    }

    @Test
    void nonDenseLayerForFactoredGradientsIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Dl4jCapture.builder().denseLayers("emb").build().bind(embeddingNet()));
        assertMentions(e, "'emb'", "EmbeddingLayer", "DenseLayer", "OutputLayer", "[fc, out]");
        ConfigurationException m = assertThrows(ConfigurationException.class,
                () -> Dl4jCapture.builder().denseLayers("merge").build().bind(GraphCaptureParityTest.graph(1)));
        assertMentions(m, "'merge'", "not a layer", "DenseLayer");
    }

    @Test
    void outputWithoutLogitsIsRefused() {
        MultiLayerNetwork sigmoid = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("fc").nIn(TestNets.D).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).name("out").nIn(4).nOut(TestNets.K)
                        .activation(Activation.SIGMOID).build())
                .build());
        sigmoid.init();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Dl4jCapture.builder().build().bind(sigmoid));
        assertMentions(e, "'out'", "sigmoid", "softmax", "identity");

        MultiLayerNetwork mse = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("head").nIn(TestNets.D)
                        .nOut(TestNets.K).activation(Activation.SOFTMAX).build())
                .build());
        mse.init();
        assertMentions(assertThrows(ConfigurationException.class, () -> Dl4jCapture.builder().build().bind(mse)),
                "'head'", "MCXENT");

        MultiLayerNetwork denseLast = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("last").nIn(TestNets.D).nOut(TestNets.K).build())
                .build());
        denseLast.init();
        assertMentions(assertThrows(ConfigurationException.class, () -> Dl4jCapture.builder().build().bind(denseLast)),
                "'last'", "DenseLayer", "no logits", "OutputLayer or LossLayer");
    }

    @Test
    void sequenceGradientsKeepOnlyMaskedSteps() {
        INDArray g = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4); // [B=2, D=3, T=4]
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0, 0}, {1, 1, 1, 0}});
        RaggedRows r = RaggedRows.of(g, mask);
        assertArrayEquals(new int[] {2, 3}, r.lengths());
        float[][] expected = {{0, 4, 8}, {1, 5, 9}, {12, 16, 20}, {13, 17, 21}, {14, 18, 22}};
        assertArrayEquals(Reference.flat(toDouble(expected)), r.values().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector());
        RaggedRows noMask = RaggedRows.of(g, null);
        assertArrayEquals(new int[] {4, 4}, noMask.lengths());
        RaggedRows image = RaggedRows.of(Nd4j.ones(DataType.FLOAT, 2, 2, 3, 3), null);
        assertArrayEquals(new long[] {2, 18}, image.values().shape());
        assertArrayEquals(new int[] {1, 1}, image.lengths());
    }

    private static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                d[i][j] = a[i][j];
            }
        }
        return d;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should mention " + p + ": " + e.getMessage());
        }
    }
}
