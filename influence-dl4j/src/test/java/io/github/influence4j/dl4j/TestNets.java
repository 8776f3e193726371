// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data shared by the tests. */
final class TestNets {
    static final int N = 37;
    static final int D = 4;
    static final int K = 3;

    private TestNets() {
    }

    /** 4 -> fc1 (6, tanh) -> fc2 (5, sigmoid, optional dropout) -> out (3, softmax, MCXENT). */
    static MultiLayerNetwork mlp(long seed, double dropRetain) {
        DenseLayer.Builder fc2 = new DenseLayer.Builder().name("fc2").nIn(6).nOut(5).activation(Activation.SIGMOID);
        if (dropRetain < 1) {
            fc2.dropOut(dropRetain);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).biasInit(0.1)
                .list()
                .layer(new DenseLayer.Builder().name("fc1").nIn(D).nOut(6).activation(Activation.TANH).build())
                .layer(fc2.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(5).nOut(K)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray features(long seed) {
        Random r = new Random(seed);
        float[][] x = new float[N][D];
        for (float[] row : x) {
            for (int j = 0; j < D; j++) {
                row[j] = (float) (r.nextGaussian() * 1.5);
            }
        }
        return Nd4j.createFromArray(x);
    }

    static int[] labels(long seed) {
        Random r = new Random(seed + 1);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(K);
        }
        return y;
    }

    static INDArray oneHot(int[] y) {
        INDArray o = Nd4j.zeros(DataType.FLOAT, y.length, K);
        for (int i = 0; i < y.length; i++) {
            o.putScalar(i, y[i], 1f);
        }
        return o;
    }
}
