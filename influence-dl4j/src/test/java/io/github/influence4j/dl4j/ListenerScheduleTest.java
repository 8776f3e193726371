// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.store.memory.MemoryStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The DL4J listener follows the shared core.capture.CaptureSchedule. */
class ListenerScheduleTest {
    private static final DataSet DATA = new DataSet(TestNets.features(5), TestNets.oneHot(TestNets.labels(5)));

    @Test
    void evenlySpacedCheckpointsFollowTheRunLength() {
        MultiLayerNetwork net = TestNets.mlp(4, 1.0);
        ArtifactWriter w = MemoryStores.create(StoreSpec.of("even", TestNets.N, TestNets.K));
        Dl4jCaptureListener l = Dl4jCaptureListener.builder(Dl4jCapture.builder().denseLayers("out").build(), net,
                        CaptureData.of(DATA), w)
                .schedule(CaptureSchedule.evenlySpaced(2))
                .runLength(8, 4) // 37 examples in batches of 10, 2 epochs
                .build();
        net.addListeners(l);
        net.fit(new ListDataSetIterator<>(DATA.asList(), 10), 2);
        assertEquals(List.of("step-0000004", "step-0000008"), w.store().checkpoints().stream().map(Checkpoint::id)
                .toList());
        assertEquals(l.checkpoints(), w.store().checkpoints());
        assertEquals(List.of(TestNets.N, TestNets.N), l.results().stream().map(CaptureResult::computedExamples).toList());
        assertEquals(Set.of(ArtifactKind.LOGITS, ArtifactKind.LOSS, ArtifactKind.LAYER_INPUTS,
                ArtifactKind.LAYER_OUTPUT_GRADS), Dl4jCapture.builder().denseLayers("out").build().spec().kinds());
    }

    @Test
    void schedulesItCannotFollowAreRefusedWhenBuilt() {
        MultiLayerNetwork net = TestNets.mlp(4, 1.0);
        ArtifactWriter w = MemoryStores.create(StoreSpec.of("bad", TestNets.N, TestNets.K));
        Dl4jCapture capture = Dl4jCapture.builder().build();
        ConfigurationException noLength = assertThrows(ConfigurationException.class,
                () -> Dl4jCaptureListener.builder(capture, net, CaptureData.of(DATA), w)
                        .schedule(CaptureSchedule.evenlySpaced(10)).build());
        assertTrue(noLength.getMessage().contains("runLength"), noLength.getMessage());
        ConfigurationException logits = assertThrows(ConfigurationException.class,
                () -> Dl4jCaptureListener.builder(capture, net, CaptureData.of(DATA), w)
                        .schedule(CaptureSchedule.everyEpochs(1).withLogitsCadence(5, 1)).build());
        assertTrue(logits.getMessage().contains("logits-only"), logits.getMessage());
    }
}
