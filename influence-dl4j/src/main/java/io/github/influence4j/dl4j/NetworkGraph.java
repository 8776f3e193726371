// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The capture's private working copy of a {@code MultiLayerNetwork} or {@code ComputationGraph}
 * as a list of {@link Node}s in topological order, plus the layer facts the capture validates
 * against.
 *
 * <p>The copy is built from a clone of the configuration with dropout, weight noise and workspaces
 * removed, and receives the source network's parameters before every pass ({@link #sync()}): the
 * source network's parameters, updater, counters, listeners, inputs and labels are never touched.
 */
final class NetworkGraph {
    private final Model source;
    private final Model work;
    private final List<Node> nodes;
    private final Map<String, Integer> byName;
    private final Map<String, org.deeplearning4j.nn.conf.layers.Layer> layerConfs;
    private final int numInputs;
    private final DataType dataType;
    private final String kind;

    private NetworkGraph(Model source, Model work, List<Node> nodes, Map<String, org.deeplearning4j.nn.conf.layers.Layer> confs,
            int numInputs, DataType dataType, String kind) {
        this.source = source;
        this.work = work;
        this.nodes = List.copyOf(nodes);
        this.byName = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            byName.put(nodes.get(i).name(), i);
        }
        this.layerConfs = confs;
        this.numInputs = numInputs;
        this.dataType = dataType;
        this.kind = kind;
    }

    /**
     * @param model a {@code MultiLayerNetwork} or {@code ComputationGraph}, initialised
     * @return its working copy
     * @throws ConfigurationException for another model type or an output layer without logits
     */
    static NetworkGraph of(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return ofMultiLayer(mln);
        }
        if (model instanceof ComputationGraph cg) {
            return ofGraph(cg);
        }
        throw new ConfigurationException("DL4J capture supports MultiLayerNetwork and ComputationGraph, not "
                + model.getClass().getName());
    }

    private static void stripNoise(NeuralNetConfiguration c) {
        c.getLayer().setIDropout(null);
        if (c.getLayer() instanceof BaseLayer bl) {
            bl.setWeightNoise(null);
        }
    }

    private static NetworkGraph ofMultiLayer(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        conf.getConfs().forEach(NetworkGraph::stripNoise);
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        MultiLayerNetwork work = new MultiLayerNetwork(conf);
        work.init(net.params().dup(), false);
        work.initGradientsView();
        List<Node> nodes = new ArrayList<>();
        Map<String, org.deeplearning4j.nn.conf.layers.Layer> confs = new LinkedHashMap<>();
        nodes.add(new InputNode("input", 0));
        int n = work.getnLayers();
        for (int i = 0; i < n; i++) {
            Layer layer = work.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer lc = layer.conf().getLayer();
            String name = lc.getLayerName() != null ? lc.getLayerName() : String.valueOf(i);
            confs.put(name, lc);
            nodes.add(node(name, i, layer, lc, conf.getInputPreProcess(i), i == n - 1));
        }
        return new NetworkGraph(net, work, nodes, confs, 1, conf.getDataType(), "MultiLayerNetwork");
    }

    private static NetworkGraph ofGraph(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        for (org.deeplearning4j.nn.conf.graph.GraphVertex v : conf.getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                stripNoise(lv.getLayerConf());
            }
        }
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        if (conf.getNetworkOutputs().size() != 1) {
            throw new ConfigurationException("DL4J capture: the ComputationGraph has " + conf.getNetworkOutputs().size()
                    + " outputs " + conf.getNetworkOutputs() + "; capture needs exactly one classification output");
        }
        ComputationGraph work = new ComputationGraph(conf);
        work.init(net.params().dup(), false);
        work.initGradientsView();
        GraphVertex[] vertices = work.getVertices();
        int[] order = work.topologicalSortOrder();
        int[] position = new int[vertices.length];
        List<Node> nodes = new ArrayList<>();
        Map<String, org.deeplearning4j.nn.conf.layers.Layer> confs = new LinkedHashMap<>();
        String outputName = conf.getNetworkOutputs().get(0);
        for (int p = 0; p < order.length; p++) {
            GraphVertex v = vertices[order[p]];
            position[v.getVertexIndex()] = p;
            String name = v.getVertexName();
            if (v.isInputVertex()) {
                nodes.add(new InputNode(name, conf.getNetworkInputs().indexOf(name)));
                continue;
            }
            VertexIndices[] ins = v.getInputVertices();
            int[] inputs = new int[ins.length];
            for (int j = 0; j < ins.length; j++) {
                inputs[j] = position[ins[j].getVertexIndex()];
            }
            boolean isOutput = name.equals(outputName);
            if (v instanceof LayerVertex lv) {
                org.deeplearning4j.nn.conf.layers.Layer lc = lv.getLayer().conf().getLayer();
                confs.put(name, lc);
                if (isOutput || denseEligible(lc)) {
                    nodes.add(node(name, inputs[0], lv.getLayer(), lc, lv.getLayerPreProcessor(), isOutput));
                    continue;
                }
            } else if (isOutput) {
                throw new ConfigurationException("DL4J capture: graph output '" + name + "' is a "
                        + v.getClass().getSimpleName() + " vertex, which has no logits; the output must be an OutputLayer or"
                        + " LossLayer");
            }
            nodes.add(new VertexNode(v, inputs));
        }
        return new NetworkGraph(net, work, nodes, confs, conf.getNetworkInputs().size(), conf.getDataType(),
                "ComputationGraph");
    }

    private static boolean denseEligible(org.deeplearning4j.nn.conf.layers.Layer lc) {
        return lc instanceof DenseLayer d && !d.hasLayerNorm();
    }

    private static Node node(String name, int input, Layer layer, org.deeplearning4j.nn.conf.layers.Layer lc,
            InputPreProcessor pre, boolean isOutput) {
        if (isOutput) {
            boolean dense = OutputHead.check(name, lc);
            if (dense) {
                return new DenseNode(name, input, layer, null, pre, ((OutputLayer) lc).hasBias());
            }
            return new LayerNode(name, input, null, pre); // LossLayer: its input is the logits
        }
        if (denseEligible(lc)) {
            DenseLayer d = (DenseLayer) lc;
            return new DenseNode(name, input, layer, d.getActivationFn(), pre, d.hasBias());
        }
        return new LayerNode(name, input, layer, pre);
    }

    /** Copies the source network's current parameters into the working copy. */
    void sync() {
        work.setParams(source.params());
    }

    /** @return the nodes in topological order; the last is the output node, whose output is the logits */
    List<Node> nodes() {
        return nodes;
    }

    /** @return the number of network inputs */
    int numInputs() {
        return numInputs;
    }

    /** @return the network's floating-point data type */
    DataType dataType() {
        return dataType;
    }

    /** @return "MultiLayerNetwork" or "ComputationGraph" */
    String kind() {
        return kind;
    }

    /** @return the layer names, in order, for messages */
    List<String> layerNames() {
        return List.copyOf(layerConfs.keySet());
    }

    /** @return the name of the output layer */
    String outputName() {
        return nodes.get(nodes.size() - 1).name();
    }

    /**
     * Tells the working copy the batch about to pass (minibatch size, masks).
     *
     * @param inputs the network inputs
     * @param featuresMask the features mask ({@code MultiLayerNetwork} only), or null
     */
    void prepare(INDArray[] inputs, INDArray featuresMask) {
        if (work instanceof MultiLayerNetwork mln) {
            mln.setInput(inputs[0]);
            mln.setLayerMaskArrays(featuresMask, null);
        } else {
            ((ComputationGraph) work).setInputs(inputs);
        }
    }

    /** Clears the working copy's per-batch state. */
    void release() {
        if (work instanceof MultiLayerNetwork mln) {
            mln.clearLayerMaskArrays();
        }
        work.clear();
    }

    /**
     * @param name a layer name
     * @return the index of its node
     * @throws ConfigurationException naming the missing layer and the ones that exist
     */
    int nodeIndex(String name, String purpose) {
        Integer i = byName.get(name);
        if (i == null) {
            throw new ConfigurationException("DL4J capture: the " + kind + " has no layer named '" + name + "' (asked for "
                    + purpose + "); its layers are " + layerNames());
        }
        return i;
    }

    /**
     * @param name a layer name for factored gradients
     * @return the index of its dense node
     * @throws ConfigurationException if the layer does not exist or is not dense
     */
    int denseIndex(String name) {
        int i = nodeIndex(name, "LAYER_INPUTS / LAYER_OUTPUT_GRADS");
        if (!(nodes.get(i) instanceof DenseNode)) {
            org.deeplearning4j.nn.conf.layers.Layer lc = layerConfs.get(name);
            String what = lc == null ? "not a layer" : lc.getClass().getSimpleName()
                    + (lc instanceof DenseLayer ? " with layer normalisation" : "");
            throw new ConfigurationException("DL4J capture: layer '" + name + "' is " + what + "; factored per-example"
                    + " gradients (LAYER_INPUTS / LAYER_OUTPUT_GRADS, dL/dW = delta a^T, dL/db = delta) are supported only"
                    + " for DenseLayer (without layer norm) and OutputLayer. Dense layers of this " + kind + ": "
                    + denseNames());
        }
        return i;
    }

    /**
     * @param node the index of a dense node
     * @return artifact attributes of its factored gradient: {@code layer-index} (0-based position
     *     from the input, the order TracIn's default layer choice reads), {@code bias},
     *     {@code layer-type} and {@code source}
     */
    Map<String, String> denseAttributes(int node) {
        String name = nodes.get(node).name();
        org.deeplearning4j.nn.conf.layers.Layer lc = layerConfs.get(name);
        boolean bias = lc instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) lc).hasBias();
        return Map.of("layer-index", String.valueOf(node - numInputs), "bias", String.valueOf(bias),
                "layer-type", lc.getClass().getSimpleName(), "source", "dl4j " + kind);
    }

    private List<String> denseNames() {
        return nodes.stream().filter(n -> n instanceof DenseNode).map(Node::name).toList();
    }

    /**
     * @param name a layer name
     * @param iteration optimizer steps completed
     * @param epoch epoch in progress
     * @return the learning rate of that layer's updater at that point, if it has one
     */
    Optional<Double> learningRate(String name, int iteration, int epoch) {
        org.deeplearning4j.nn.conf.layers.Layer lc = layerConfs.get(name);
        if (lc instanceof BaseLayer bl) {
            IUpdater u = bl.getIUpdater();
            if (u != null && u.hasLearningRate()) {
                double lr = u.getLearningRate(iteration, epoch);
                return Double.isNaN(lr) ? Optional.empty() : Optional.of(lr);
            }
        }
        return Optional.empty();
    }

    /** @return names of layers whose updater has a learning rate, output side first */
    List<String> layersWithLearningRate() {
        List<String> names = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (learningRate(nodes.get(i).name(), 0, 0).isPresent()) {
                names.add(nodes.get(i).name());
            }
        }
        return names;
    }
}
