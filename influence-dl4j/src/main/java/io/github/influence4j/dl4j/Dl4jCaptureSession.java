// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Dl4jCapture} bound to one network: the validated layer choices and the network's
 * private working copy. Not thread-safe; one session per network and thread.
 */
public final class Dl4jCaptureSession {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jCaptureSession.class);
    private final Dl4jCapture capture;
    private final NetworkGraph graph;
    private final Map<String, Integer> dense = new java.util.LinkedHashMap<>();
    private final int inputTarget;

    Dl4jCaptureSession(Dl4jCapture capture, NetworkGraph graph) {
        this.capture = capture;
        this.graph = graph;
        for (String name : capture.denseLayers()) {
            dense.put(name, graph.denseIndex(name));
        }
        this.inputTarget = capture.inputGradientTarget().map(this::resolveInputTarget).orElse(-1);
    }

    private int resolveInputTarget(String name) {
        if (!name.equals(Dl4jCapture.NETWORK_INPUT)) {
            return graph.nodeIndex(name, "INPUT_GRADS");
        }
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof InputNode in && in.inputIndex() == 0) {
                return i;
            }
        }
        throw new IllegalStateException("network has no input node");
    }

    /** @return the capture configuration */
    public Dl4jCapture capture() {
        return capture;
    }

    /**
     * The learning rate in force for the next optimizer step, from the updater of the first chosen
     * dense layer (else the layer nearest the output that has one).
     *
     * @param stepsDone optimizer steps completed (DL4J's iteration count)
     * @param epoch the epoch in progress
     * @return the learning rate, if the updater has one
     */
    public Optional<Double> learningRate(int stepsDone, int epoch) {
        List<String> candidates = dense.isEmpty() ? graph.layersWithLearningRate() : List.copyOf(dense.keySet());
        Optional<Double> first = Optional.empty();
        for (String name : candidates) {
            Optional<Double> lr = graph.learningRate(name, stepsDone, epoch);
            if (first.isEmpty()) {
                first = lr;
            } else if (lr.isPresent() && !lr.equals(first)) {
                LOG.warn("DL4J capture: layers {} have different learning rates ({} for '{}' vs {}); checkpoints record"
                        + " the first", candidates, lr.get(), name, first.get());
                break;
            }
        }
        return first;
    }

    /**
     * Computes the artifacts of some examples with the bound network's current parameters.
     *
     * @param data the examples
     * @param range which of them
     * @return the batch's artifacts
     */
    public CapturedBatch computeBatch(CaptureData data, ExampleRange range) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            graph.sync();
            return compute(data, range);
        }
    }

    /**
     * Captures every example into one checkpoint (see {@link Dl4jCapture#capture}).
     *
     * @param data all N examples of the store, in store order
     * @param writer the store
     * @param checkpoint the checkpoint's metadata
     * @return what was done (every example computed: a DL4J capture does not resume a checkpoint)
     */
    public CaptureResult capture(CaptureData data, ArtifactWriter writer, Checkpoint checkpoint) {
        int n = writer.spec().numExamples();
        if (data.numExamples() != n) {
            throw new ConfigurationException("DL4J capture: store '" + writer.spec().storeId() + "' holds " + n
                    + " examples but the capture data has " + data.numExamples() + "; pass all examples, in store order");
        }
        if (data.numInputs() != graph.numInputs()) {
            throw new ConfigurationException("DL4J capture: the " + graph.kind() + " takes " + graph.numInputs()
                    + " input(s) but the capture data has " + data.numInputs());
        }
        long start = System.nanoTime();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            graph.sync();
            ArtifactKey labelsKey = ArtifactKey.of(ArtifactKind.LABELS);
            if (!writer.isComplete(labelsKey, ExampleRange.of(0, n))) {
                writer.write(labelsKey, 0, Nd4j.createFromArray(data.labels()));
            }
            try (CheckpointWriter c = writer.beginCheckpoint(checkpoint)) {
                setAttributes(c);
                for (int from = 0; from < n; from += capture.batchSize()) {
                    ExampleRange r = ExampleRange.of(from, Math.min(n, from + capture.batchSize()));
                    write(c, r.from(), compute(data, r));
                }
                c.commit();
            }
        }
        long nanos = System.nanoTime() - start;
        LOG.debug("DL4J capture: checkpoint {} ({} examples, {}) in {} ms", checkpoint.id(), n, capture.artifactKeys(),
                nanos / 1_000_000);
        return new CaptureResult(checkpoint, n, 0, nanos / 1e9);
    }

    private void setAttributes(CheckpointWriter w) {
        for (Map.Entry<String, Integer> e : dense.entrySet()) {
            Map<String, String> attrs = new java.util.TreeMap<>(graph.denseAttributes(e.getValue()));
            w.setAttributes(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, e.getKey()), attrs);
            w.setAttributes(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, e.getKey()), attrs);
        }
        if (inputTarget >= 0) {
            w.setAttributes(ArtifactKey.of(ArtifactKind.INPUT_GRADS), Map.of("source", "dl4j",
                    "with-respect-to", graph.nodes().get(inputTarget) instanceof InputNode ? "network-input:"
                            + graph.nodes().get(inputTarget).name() : "output-of:" + graph.nodes().get(inputTarget).name(),
                    "objective", "true-class logit"));
        }
    }

    private void write(CheckpointWriter w, int from, CapturedBatch b) {
        w.write(ArtifactKey.of(ArtifactKind.LOGITS), from, b.logits());
        w.write(ArtifactKey.of(ArtifactKind.LOSS), from, b.loss());
        for (String name : dense.keySet()) {
            w.write(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, name), from, b.layerInputs().get(name));
            w.write(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, name), from, b.layerOutputGrads().get(name));
        }
        if (b.inputGrads().isPresent()) {
            w.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), from, b.inputGrads().get(), b.inputGradLengths());
        }
    }

    private CapturedBatch compute(CaptureData data, ExampleRange range) {
        DataType dt = graph.dataType();
        INDArray[] inputs = data.inputs(range);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dataType() != dt && inputs[i].dataType().isFPType()) {
                inputs[i] = inputs[i].castTo(dt);
            }
        }
        @Nullable INDArray mask = data.mask(range);
        if (mask != null && !graph.kind().equals("MultiLayerNetwork")) {
            throw new ConfigurationException("DL4J capture: features masks are supported for MultiLayerNetwork only; the "
                    + graph.kind() + " capture got one. Capture unmasked inputs, or use a MultiLayerNetwork");
        }
        int[] labels = data.labels(range);
        List<Node> nodes = graph.nodes();
        graph.prepare(inputs, mask);
        try {
            INDArray[] out = Backprop.forward(nodes, inputs);
            INDArray logits = out[nodes.size() - 1];
            SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(logits, labels, graph.outputName());
            Map<String, INDArray> layerInputs = new HashMap<>();
            Map<String, INDArray> deltas = new HashMap<>();
            if (!dense.isEmpty()) {
                Set<Integer> targets = new LinkedHashSet<>(dense.values());
                Backprop.backward(nodes, ce.lossGradient(dt), Backprop.needed(nodes, targets, true));
                for (Map.Entry<String, Integer> e : dense.entrySet()) {
                    DenseNode d = (DenseNode) nodes.get(e.getValue());
                    layerInputs.put(e.getKey(), d.layerInput().castTo(DataType.FLOAT));
                    deltas.put(e.getKey(), d.delta().castTo(DataType.FLOAT));
                }
            }
            Map<ArtifactKey, INDArray> ragged = new HashMap<>();
            int[] lengths = new int[0];
            if (inputTarget >= 0) {
                INDArray[] eps = Backprop.backward(nodes, ce.trueClassIndicator(dt),
                        Backprop.needed(nodes, Set.of(inputTarget), false));
                INDArray g = eps[inputTarget];
                if (g == null) {
                    throw new ConfigurationException("DL4J capture: layer '" + nodes.get(inputTarget).name()
                            + "' does not lie on a path to the output '" + graph.outputName() + "'; INPUT_GRADS need one");
                }
                RaggedRows rows = RaggedRows.of(g, mask);
                ragged.put(ArtifactKey.of(ArtifactKind.INPUT_GRADS), rows.values());
                lengths = rows.lengths();
            }
            Map<ArtifactKey, INDArray> denseArtifacts = new HashMap<>();
            denseArtifacts.put(ArtifactKey.of(ArtifactKind.LOGITS), logits.castTo(DataType.FLOAT));
            denseArtifacts.put(ArtifactKey.of(ArtifactKind.LOSS), ce.loss());
            layerInputs.forEach((name, a) -> denseArtifacts.put(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, name), a));
            deltas.forEach((name, d) -> denseArtifacts.put(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, name), d));
            return new CapturedBatch(IntStream.range(range.from(), range.to()).toArray(), denseArtifacts, ragged,
                    lengths);
        } finally {
            graph.release();
        }
    }
}
