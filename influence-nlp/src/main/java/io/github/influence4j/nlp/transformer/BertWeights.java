// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of a BERT encoder by their HuggingFace names ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.3.attention.self.query.weight}, ...), float32.
 *
 * @implNote Every dense weight ({@code *.query.weight}, {@code *.key.weight}, {@code *.value.weight},
 *     {@code *.attention.output.dense.weight}, {@code *.intermediate.dense.weight},
 *     {@code *.output.dense.weight}) is held {@code [in, out]}, so that a layer is {@code x W + b}: the
 *     transpose of PyTorch's {@code nn.Linear.weight}, and the layout the ONNX export stores.
 */
public final class BertWeights {
    private final BertConfig config;
    private final Map<String, float[]> values;
    private final Map<String, long[]> shapes;

    BertWeights(BertConfig config, Map<String, float[]> values, Map<String, long[]> shapes) {
        this.config = config;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        for (String name : expectedNames(config)) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("BERT weights lack '" + name + "' (have " + values.keySet().size()
                        + " tensors)");
            }
        }
    }

    /**
     * Reads the weights of a BERT ONNX export (as produced by {@code torch.onnx.export} of a
     * HuggingFace {@code BertModel}, e.g. all-MiniLM-L6-v2).
     *
     * @param onnxModel the bytes of the {@code .onnx} file
     * @return the weights, their shapes checked against the configuration read from the graph
     * @throws IllegalArgumentException where the file is not such a model (named: what is missing)
     */
    public static BertWeights readOnnx(byte[] onnxModel) {
        return OnnxBertReader.read(onnxModel);
    }

    /** @return the configuration the weights were read with */
    public BertConfig config() {
        return config;
    }

    /** @return every parameter name, in the file's order */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * @param name a HuggingFace parameter name
     * @return a fresh float array of that parameter, C order
     * @throws IllegalArgumentException for an unknown name
     */
    public INDArray array(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no BERT parameter '" + name + "'; known: " + values.keySet());
        }
        return Nd4j.createFromArray(v.clone()).reshape('c', shapes.get(name));
    }

    /**
     * @param name a HuggingFace parameter name
     * @return its shape
     */
    public long[] shape(String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no BERT parameter '" + name + "'");
        }
        return s.clone();
    }

    /**
     * @param name a HuggingFace parameter name
     * @return its values, row-major (shared: do not modify)
     */
    float[] raw(String name) {
        return values.get(name);
    }

    /**
     * @param config a configuration
     * @return the names a BERT encoder of that configuration needs
     */
    static List<String> expectedNames(BertConfig config) {
        List<String> names = new java.util.ArrayList<>(List.of("embeddings.word_embeddings.weight",
                "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            for (String s : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "intermediate.dense", "output.dense")) {
                names.add(p + s + ".weight");
                names.add(p + s + ".bias");
            }
            for (String s : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                names.add(p + s + ".weight");
                names.add(p + s + ".bias");
            }
        }
        return names;
    }
}
