// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds a BERT encoder (Devlin et al. 2019, section 3; Vaswani et al. 2017, section 3) into a SameDiff
 * graph, op by op, from {@link BertWeights}:
 *
 * <pre>
 *   e   = W_word[ids] + W_type[types] + W_pos[0..L-1]            [B, L, H]; the first term is the input embedding
 *   h0  = LN(e)
 *   per layer l:
 *     q, k, v = h W_q + b_q, h W_k + b_k, h W_v + b_v             split into 12 heads of 32
 *     a   = softmax(q k^T / sqrt(32) + (mask - 1) * 1e9) v        masked self-attention, per head
 *     h'  = LN(h + a W_o + b_o)                                    add and norm
 *     h   = LN(h' + gelu(h' W_i + b_i) W_o2 + b_o2)                feed-forward, add and norm; gelu(x) = x/2 (1 + erf(x/sqrt 2))
 *   last_hidden_state = h                                          [B, L, H]
 * </pre>
 *
 * @implNote The hidden states are kept {@code [B*L, H]} so every dense layer is one 2-d matrix product;
 *     the heads are a reshape to {@code [B, L, heads, d]} and a permutation to {@code [B, heads, L, d]}
 *     (keys to {@code [B, heads, d, L]}, so both attention products are plain batched products with
 *     no transpose flags). LayerNorm is composed of means over the last axis (population variance,
 *     epsilon from the model, 1e-12 for MiniLM); the GELU is the exact erf form the model was trained
 *     with (the ONNX export computes {@code Erf}), not the tanh approximation. The three embedding
 *     tables are SameDiff constants (backprop through {@code gather} on a trainable variable is
 *     broken in ND4J 1.0.0-M2.1, docs/DESIGN.md section 6.3): the word-embedding lookup's output
 *     {@value #WORD_EMBEDDINGS} is what input gradients are taken with respect to, and training the
 *     word embeddings means applying its gradient outside the graph (as the CNN's
 *     {@code EmbeddingAdam} does). Every other parameter is a trainable variable named as in
 *     HuggingFace. Padded keys get a bias of -1e9 (the export uses the float minimum; both give
 *     weight exactly 0 after the softmax). No dropout: the graph is the eval-mode encoder.
 */
public final class BertEncoder {
    /** Token ids placeholder, int {@code [B, L]}. */
    public static final String INPUT_IDS = "input_ids";
    /** Token types placeholder, int {@code [B, L]}. */
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** Positions placeholder, int {@code [1, L]}: {@code 0 .. L-1}. */
    public static final String POSITION_IDS = "position_ids";
    /** Attention mask placeholder, float {@code [B, L]}: 1 at real tokens, 0 at padding. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Shape placeholder, int {@code [4]}: {@code B, L, heads, headSize}. */
    public static final String HEAD_SHAPE = "head_shape";
    /** Shape placeholder, int {@code [3]}: {@code B, L, H}. */
    public static final String HIDDEN_SHAPE = "hidden_shape";
    /** The word-embedding table constant, {@code [V, H]}. */
    public static final String WORD_TABLE = "embeddings.word_embeddings.weight";
    /** The word-embedding lookup output {@code [B, L, H]}: the input embeddings. */
    public static final String WORD_EMBEDDINGS = "word_embeddings";
    /** Cached lower-layer hidden states placeholder of {@link #buildTop}, float {@code [B*L, H]}. */
    public static final String HIDDEN_INPUT = "hidden_input";
    /** {@value #HIDDEN_INPUT} as {@code [B, L, H]} in {@link #buildTop}: input gradients are taken here. */
    public static final String CACHED_HIDDEN = "cached_hidden";
    /** The encoder output, {@code [B, L, H]}. */
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private BertEncoder() {
    }

    /**
     * Adds the encoder's placeholders, constants, variables and ops to a graph.
     *
     * @param sd the graph
     * @param w the pretrained weights
     * @param frozenLayers the lowest layers whose parameters (and the embedding LayerNorm's) are
     *     constants rather than trainable variables, 0 to train all
     * @return the trainable variables' names
     */
    public static List<String> build(SameDiff sd, BertWeights w, int frozenLayers) {
        BertConfig c = w.config();
        if (frozenLayers < 0 || frozenLayers > c.layers()) {
            throw new IllegalArgumentException("frozenLayers must be in [0, " + c.layers() + "], got " + frozenLayers);
        }
        List<String> trainable = new ArrayList<>();
        SDVariable ids = sd.placeHolder(INPUT_IDS, DataType.INT, -1, -1);
        SDVariable types = sd.placeHolder(TOKEN_TYPE_IDS, DataType.INT, -1, -1);
        SDVariable positions = sd.placeHolder(POSITION_IDS, DataType.INT, 1, -1);
        SDVariable mask = sd.placeHolder(ATTENTION_MASK, DataType.FLOAT, -1, -1);
        SDVariable headShape = sd.placeHolder(HEAD_SHAPE, DataType.INT, 4);
        SDVariable hiddenShape = sd.placeHolder(HIDDEN_SHAPE, DataType.INT, 3);
        SDVariable word = sd.gather(WORD_EMBEDDINGS, sd.constant(WORD_TABLE, w.array(WORD_TABLE)), ids, 0);
        SDVariable type = sd.gather(sd.constant("embeddings.token_type_embeddings.weight",
                w.array("embeddings.token_type_embeddings.weight")), types, 0);
        SDVariable pos = sd.gather(sd.constant("embeddings.position_embeddings.weight",
                w.array("embeddings.position_embeddings.weight")), positions, 0);
        SDVariable e = word.add(type).add("embeddings_sum", pos);
        Params p = new Params(sd, w, trainable);
        SDVariable h = layerNorm(sd, sd.reshape(e, -1, c.hidden()), p, "embeddings.LayerNorm", frozenLayers > 0,
                c.layerNormEpsilon());
        layers(sd, h, mask, headShape, hiddenShape, p, c, 0, frozenLayers);
        return trainable;
    }

    /**
     * Adds the encoder's upper layers only, from {@code startLayer} up, reading the hidden states
     * that the frozen lower layers produce from the placeholder {@value #HIDDEN_INPUT}, so that a
     * fine-tuning run over cached lower-layer activations ({@link HiddenStateCache}) costs only the
     * upper layers. Every built layer is trainable.
     *
     * @param sd the graph
     * @param w the pretrained weights
     * @param startLayer the first layer built, in {@code [1, layers]}; the input is the output of
     *     layer {@code startLayer - 1} ({@link #layerOutput})
     * @return the trainable variables' names
     */
    public static List<String> buildTop(SameDiff sd, BertWeights w, int startLayer) {
        BertConfig c = w.config();
        if (startLayer < 1 || startLayer > c.layers()) {
            throw new IllegalArgumentException("startLayer must be in [1, " + c.layers() + "], got " + startLayer);
        }
        List<String> trainable = new ArrayList<>();
        SDVariable input = sd.placeHolder(HIDDEN_INPUT, DataType.FLOAT, -1, c.hidden());
        SDVariable mask = sd.placeHolder(ATTENTION_MASK, DataType.FLOAT, -1, -1);
        SDVariable headShape = sd.placeHolder(HEAD_SHAPE, DataType.INT, 4);
        SDVariable hiddenShape = sd.placeHolder(HIDDEN_SHAPE, DataType.INT, 3);
        // [B, L, H]: the tensor input gradients are taken with respect to (per token, as capture expects)
        SDVariable cached = sd.reshape(CACHED_HIDDEN, input, hiddenShape);
        Params p = new Params(sd, w, trainable);
        layers(sd, sd.reshape(cached, -1, c.hidden()), mask, headShape, hiddenShape, p, c, startLayer, 0);
        return trainable;
    }

    /**
     * @param layer an encoder layer, {@code 0 .. layers-1}
     * @return the name of its output ({@code [B*L, H]}) in a graph built by {@link #build}: the input of
     *     layer {@code layer + 1}
     */
    public static String layerOutput(int layer) {
        return "encoder.layer." + layer + ".output.LayerNorm.out";
    }

    private static void layers(SameDiff sd, SDVariable input, SDVariable mask, SDVariable headShape,
            SDVariable hiddenShape, Params p, BertConfig c, int from, int frozenLayers) {
        SDVariable h = input;
        // [B, L] -> [B, 1, 1, L]: an additive bias on the keys
        SDVariable bias = sd.expandDims(sd.expandDims(mask.sub(1.0).mul(1e9), 1), 1);
        double scale = 1.0 / Math.sqrt(c.headSize());
        for (int l = from; l < c.layers(); l++) {
            String n = "encoder.layer." + l + ".";
            boolean frozen = l < frozenLayers;
            SDVariable q = heads(sd, dense(h, p, n + "attention.self.query", frozen), headShape, 0, 2, 1, 3);
            SDVariable k = heads(sd, dense(h, p, n + "attention.self.key", frozen), headShape, 0, 2, 3, 1);
            SDVariable v = heads(sd, dense(h, p, n + "attention.self.value", frozen), headShape, 0, 2, 1, 3);
            SDVariable scores = sd.mmul(q, k).mul(scale).add(bias);
            SDVariable probs = sd.nn().softmax(n + "attention_probs", scores, 3);
            SDVariable context = sd.reshape(sd.permute(sd.mmul(probs, v), 0, 2, 1, 3), -1, c.hidden());
            SDVariable att = dense(context, p, n + "attention.output.dense", frozen).add(h);
            SDVariable h1 = layerNorm(sd, att, p, n + "attention.output.LayerNorm", frozen, c.layerNormEpsilon());
            SDVariable inter = gelu(sd, dense(h1, p, n + "intermediate.dense", frozen));
            SDVariable out = dense(inter, p, n + "output.dense", frozen).add(h1);
            h = layerNorm(sd, out, p, n + "output.LayerNorm", frozen, c.layerNormEpsilon());
        }
        sd.reshape(LAST_HIDDEN_STATE, h, hiddenShape);
    }

    private static SDVariable heads(SameDiff sd, SDVariable x, SDVariable headShape, int... perm) {
        return sd.permute(sd.reshape(x, headShape), perm);
    }

    private static SDVariable dense(SDVariable x, Params p, String name, boolean frozen) {
        return x.mmul(p.get(name + ".weight", frozen)).add(p.get(name + ".bias", frozen));
    }

    /** LayerNorm over the last axis of {@code [N, H]} (Ba et al. 2016), population variance. */
    static SDVariable layerNorm(SameDiff sd, SDVariable x, Params p, String name, boolean frozen, double eps) {
        SDVariable centred = x.sub(x.mean(true, 1));
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable normed = centred.div(sd.math().sqrt(variance.add(eps)));
        return normed.mul(p.get(name + ".weight", frozen)).add(name + ".out", p.get(name + ".bias", frozen));
    }

    /** The exact GELU (Hendrycks and Gimpel 2016): {@code x/2 (1 + erf(x / sqrt 2))}. */
    static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(sd.math().erf(x.mul(1.0 / Math.sqrt(2.0))).add(1.0)).mul(0.5);
    }

    /** Creates each parameter once, as a variable (trainable) or a constant (frozen). */
    static final class Params {
        private final SameDiff sd;
        private final BertWeights w;
        private final List<String> trainable;

        Params(SameDiff sd, BertWeights w, List<String> trainable) {
            this.sd = sd;
            this.w = w;
            this.trainable = trainable;
        }

        SDVariable get(String name, boolean frozen) {
            if (sd.hasVariable(name)) {
                return sd.getVariable(name);
            }
            if (frozen) {
                return sd.constant(name, w.array(name));
            }
            trainable.add(name);
            return sd.var(name, w.array(name));
        }
    }
}
