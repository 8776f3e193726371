// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training with the capture listener ends bit-identical to training without it (same seeds), with
 * dropout on so that any use of the global RNG by a capture would show; the network's listeners,
 * counters, input and labels are untouched.
 */
class TrainingUnchangedTest {
    private static final long RNG_SEED = 1234;

    @Test
    void multiLayerTrainingIsBitIdenticalWithAndWithoutCapture() {
        INDArray x = TestNets.features(9);
        int[] y = TestNets.labels(9);
        DataSet ds = new DataSet(x, TestNets.oneHot(y));

        MultiLayerNetwork plain = TestNets.mlp(17, 0.7);
        Nd4j.getRandom().setSeed(RNG_SEED);
        plain.fit(new ListDataSetIterator<>(ds.asList(), 10), 2);

        MultiLayerNetwork captured = TestNets.mlp(17, 0.7);
        ArtifactWriter w = MemoryStores.create(new StoreSpec("train", TestNets.N, TestNets.K, 16));
        Dl4jCaptureListener listener = Dl4jCaptureListener.builder(
                        Dl4jCapture.builder().denseLayers("fc2", "out").inputGradients().batchSize(16).build(), captured,
                        CaptureData.of(ds), w)
                .schedule(CaptureSchedule.everyIterations(1).and(CaptureSchedule.everyEpochs(1)))
                .seed(17)
                .build();
        captured.addListeners(listener);
        Nd4j.getRandom().setSeed(RNG_SEED);
        captured.fit(new ListDataSetIterator<>(ds.asList(), 10), 2);

        assertArrayEquals(plain.params().toFloatVector(), captured.params().toFloatVector(), "parameters after training");
        assertArrayEquals(plain.getUpdater().getStateViewArray().toFloatVector(),
                captured.getUpdater().getStateViewArray().toFloatVector(), "Adam state after training");
        assertEquals(plain.getIterationCount(), captured.getIterationCount());
        assertEquals(plain.getEpochCount(), captured.getEpochCount());
        assertEquals(List.<TrainingListener>of(listener), List.copyOf(captured.getListeners()));

        // 37 examples in batches of 10: 4 steps per epoch, 2 epochs -> 8 step captures + 2 epoch captures
        List<Checkpoint> cps = w.store().checkpoints();
        assertEquals(10, cps.size());
        assertEquals(listener.checkpoints(), cps);
        assertEquals(new Checkpoint("step-0000001", 1, 0, 0.01, 17), cps.get(0));
        assertEquals(new Checkpoint("epoch-0000", 4, 0, 0.01, 17), cps.get(4));
        assertEquals(new Checkpoint("epoch-0001", 8, 1, 0.01, 17), cps.get(9));

        // sensitivity: another RNG seed (other dropout masks) does change the parameters
        MultiLayerNetwork other = TestNets.mlp(17, 0.7);
        Nd4j.getRandom().setSeed(RNG_SEED + 1);
        other.fit(new ListDataSetIterator<>(ds.asList(), 10), 2);
        assertFalse(Arrays.equals(plain.params().toFloatVector(), other.params().toFloatVector()),
                "the test must be able to see a changed RNG stream");
    }

    @Test
    void captureLeavesInputLabelsAndParametersInPlace() {
        MultiLayerNetwork net = TestNets.mlp(3, 0.5);
        INDArray x = TestNets.features(2);
        INDArray labels = TestNets.oneHot(TestNets.labels(2));
        net.setInput(x);
        net.setLabels(labels);
        float[] before = net.params().toFloatVector();
        INDArray paramsRef = net.params();
        ArtifactWriter w = MemoryStores.create(StoreSpec.of("s", TestNets.N, TestNets.K));
        Dl4jCapture.builder().denseLayers("fc1").inputGradients().build()
                .capture(net, CaptureData.of(x, TestNets.labels(2)), w, new Checkpoint("c", 0, 0, 0.01, 0));
        assertSame(x, net.getInput());
        assertSame(labels, net.getLabels());
        assertSame(paramsRef, net.params());
        assertArrayEquals(before, net.params().toFloatVector());
        assertEquals(0, net.getIterationCount());
    }

    @Test
    void graphTrainingIsBitIdenticalWithAndWithoutCapture() {
        INDArray x = TestNets.features(12);
        int[] y = TestNets.labels(12);
        DataSet ds = new DataSet(x, TestNets.oneHot(y));
        ComputationGraph plain = GraphCaptureParityTest.graph(23);
        Nd4j.getRandom().setSeed(RNG_SEED);
        plain.fit(new ListDataSetIterator<>(ds.asList(), 12), 2);

        ComputationGraph captured = GraphCaptureParityTest.graph(23);
        ArtifactWriter w = MemoryStores.create(new StoreSpec("cg", TestNets.N, TestNets.K, 16));
        captured.addListeners(Dl4jCaptureListener.builder(
                        Dl4jCapture.builder().denseLayers("d3").inputGradients().build(), captured, CaptureData.of(ds), w)
                .schedule(CaptureSchedule.atIterations(2, 5))
                .build());
        Nd4j.getRandom().setSeed(RNG_SEED);
        captured.fit(new ListDataSetIterator<>(ds.asList(), 12), 2);

        assertArrayEquals(plain.params().toFloatVector(), captured.params().toFloatVector(), "graph parameters");
        assertEquals(plain.getIterationCount(), captured.getIterationCount()); // plain SGD: no updater state
        assertEquals(List.of(2L, 5L), w.store().checkpoints().stream().map(Checkpoint::step).toList());
        assertEquals(0.05, w.store().checkpoints().get(0).learningRate());
    }
}
