// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import io.github.influence4j.samediff.EvalBatch;
import io.github.influence4j.samediff.GraphTaps;
import io.github.influence4j.samediff.SameDiffCapture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A cross-encoder sentence-pair classifier: the pretrained {@link BertEncoder} over
 * {@code [CLS] premise [SEP] hypothesis [SEP]}, mean pooling over the real tokens (as
 * all-MiniLM-L6-v2 was trained), and the 3-layer head of Tan et al. (2023):
 *
 * <pre>
 *   u = sum_t mask_t h_t / sum_t mask_t                       [B, 384]
 *   z = fc3(relu(fc2(relu(fc1(u)))))                          64, 64, K = 3
 *   loss_i = -log softmax(z_i)[y_i]
 * </pre>
 *
 * <p>The capture objective of {@link SameDiffCapture} is attached ({@link #graphTaps()}), so
 * {@code INPUT_GRADS} are {@code d z_y / d e} for the word-embedding lookup output {@code e}, one
 * 384-vector per sub-word token (Agarwal et al. 2022, Eq. 1), and the head's dense layers are
 * TracIn's layers.
 *
 * @implNote Head parameters are initialised as PyTorch's {@code nn.Linear} defaults, U(-1/sqrt(fan_in),
 *     1/sqrt(fan_in)), from the given seed. The graph's loss variable is the capture objective.
 *     Not thread-safe (SameDiff graphs are not).
 */
public final class BertClassifier {
    /** One-hot labels placeholder, float {@code [B, K]}. */
    public static final String LABELS = "labels";
    /** The pooled sentence-pair vector, {@code [B, H]}: the head's input. */
    public static final String POOLED = "pooled";
    /** Logits, {@code [B, K]}. */
    public static final String LOGITS = "logits";
    /** Per-example cross-entropy, {@code [B]}. */
    public static final String LOSS = "loss";
    /** Classes (SNLI: entailment, neutral, contradiction). */
    public static final int CLASSES = 3;
    /** Width of the head's hidden layers (Tan et al. 2023). */
    public static final int HEAD_WIDTH = 64;

    private final SameDiff sd;
    private final BertConfig config;
    private final SameDiffCapture capture;
    private final List<String> trainable;
    private final int startLayer;

    private BertClassifier(SameDiff sd, BertConfig config, SameDiffCapture capture, List<String> trainable,
            int startLayer) {
        this.sd = sd;
        this.config = config;
        this.capture = capture;
        this.trainable = List.copyOf(trainable);
        this.startLayer = startLayer;
    }

    /**
     * Builds the classifier.
     *
     * @param weights the pretrained encoder
     * @param frozenLayers lowest encoder layers held constant (0: fine-tune all; the word, position
     *     and type tables are always constants)
     * @param seed seeds the head's initialisation
     * @return the classifier
     */
    public static BertClassifier create(BertWeights weights, int frozenLayers, long seed) {
        SameDiff sd = SameDiff.create();
        List<String> trainable = new ArrayList<>(BertEncoder.build(sd, weights, frozenLayers));
        return withHead(sd, weights, trainable, seed, graphTaps(), BertEncoder.WORD_TABLE, 0);
    }

    /**
     * Builds the classifier over the encoder's upper layers only, fed with the cached output of the
     * frozen lower layers ({@link HiddenStateCache}): the same function as
     * {@code create(weights, startLayer, seed)} at a fraction of the cost per step, since the frozen
     * layers never run again. Input gradients ({@code INPUT_GRADS}) are then taken with respect to
     * the cached states {@value BertEncoder#CACHED_HIDDEN} (the input of layer {@code startLayer}),
     * not the word embeddings, and there are no word-embedding gradients ({@code EMBEDDING_GRADS}).
     *
     * @param weights the pretrained encoder
     * @param startLayer the lowest trained layer, in {@code [1, layers]}; {@code layers} trains the head only
     * @param seed seeds the head's initialisation
     * @return the classifier; feed it {@link HiddenStateCache}s computed for the same {@code startLayer}
     */
    public static BertClassifier createTop(BertWeights weights, int startLayer, long seed) {
        SameDiff sd = SameDiff.create();
        List<String> trainable = new ArrayList<>(BertEncoder.buildTop(sd, weights, startLayer));
        return withHead(sd, weights, trainable, seed, topGraphTaps(), BertEncoder.HIDDEN_INPUT, startLayer);
    }

    private static BertClassifier withHead(SameDiff sd, BertWeights weights, List<String> trainable, long seed,
            GraphTaps taps, String gradientRoot, int startLayer) {
        int h = weights.config().hidden();
        SDVariable last = sd.getVariable(BertEncoder.LAST_HIDDEN_STATE);
        SDVariable mask3 = sd.expandDims(sd.getVariable(BertEncoder.ATTENTION_MASK), 2);
        SDVariable pooled = last.mul(mask3).sum(1).div(POOLED, mask3.sum(1));
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, CLASSES);
        Random rnd = new Random(seed);
        SDVariable z1 = pooled.mmul(var(sd, trainable, "fc1_w", rnd, h, h, HEAD_WIDTH))
                .add("fc1_z", var(sd, trainable, "fc1_b", rnd, h, HEAD_WIDTH));
        SDVariable a1 = sd.nn().relu("fc2_in", z1, 0);
        SDVariable z2 = a1.mmul(var(sd, trainable, "fc2_w", rnd, HEAD_WIDTH, HEAD_WIDTH, HEAD_WIDTH))
                .add("fc2_z", var(sd, trainable, "fc2_b", rnd, HEAD_WIDTH, HEAD_WIDTH));
        SDVariable a2 = sd.nn().relu("fc3_in", z2, 0);
        SDVariable logits = a2.mmul(var(sd, trainable, "fc3_w", rnd, HEAD_WIDTH, HEAD_WIDTH, CLASSES))
                .add(LOGITS, var(sd, trainable, "fc3_b", rnd, HEAD_WIDTH, CLASSES));
        sd.nn().logSoftmax(logits).mul(labels).sum(1).neg(LOSS);
        SameDiffCapture capture = SameDiffCapture.attach(sd, taps);
        sd.setLossVariables(SameDiffCapture.OBJECTIVE);
        sd.createGradFunction(gradientRoot);
        return new BertClassifier(sd, weights.config(), capture, trainable, startLayer);
    }

    /**
     * @return the names capture reads in a {@link #createTop} graph: input gradients at the cached
     *     states, logits, loss, head layers fc1-fc3
     */
    public static GraphTaps topGraphTaps() {
        return taps(BertEncoder.CACHED_HIDDEN, BertEncoder.HIDDEN_INPUT);
    }

    /** The head's taps with input gradients taken at {@code inputs}, whose gradient needs {@code root}. */
    private static GraphTaps taps(String inputs, String root) {
        return GraphTaps.builder()
                .embeddingOutput(inputs).lookupOutput(inputs)
                .gradientRoots(root)
                .logits(LOGITS).perExampleLoss(LOSS).labelPlaceholder(LABELS)
                .denseLayer("fc1", POOLED, "fc1_z")
                .denseLayer("fc2", "fc2_in", "fc2_z")
                .denseLayer("fc3", "fc3_in", LOGITS)
                .numClasses(CLASSES)
                .build();
    }

    /** @return the names capture reads: input embeddings, logits, loss, head layers fc1-fc3 */
    public static GraphTaps graphTaps() {
        return taps(BertEncoder.WORD_EMBEDDINGS, BertEncoder.WORD_TABLE);
    }

    private static SDVariable var(SameDiff sd, List<String> trainable, String name, Random rnd, long fanIn,
            long... shape) {
        double bound = 1.0 / Math.sqrt(fanIn);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        trainable.add(name);
        return sd.var(name, Nd4j.createFromArray(v).reshape('c', shape));
    }

    /**
     * The encoder's placeholders for a batch, padded to its longest pair (dynamic padding).
     *
     * @param pairs the encoded pairs
     * @param config the encoder (checks ids and length)
     * @return {@code input_ids}, {@code token_type_ids}, {@code position_ids}, {@code attention_mask}
     *     and the two shape placeholders
     * @throws IllegalArgumentException for an empty batch, a pair longer than the model's positions,
     *     or an id outside the vocabulary (a tokenizer/model mismatch)
     */
    public static Map<String, INDArray> placeholders(List<PairEncoding> pairs, BertConfig config) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int b = pairs.size();
        int len = 0;
        for (PairEncoding p : pairs) {
            len = Math.max(len, p.length());
        }
        if (len > config.maxPositions()) {
            throw new IllegalArgumentException("a pair has " + len + " tokens, over the model's " + config.maxPositions()
                    + " positions; encode with maxLength <= " + config.maxPositions());
        }
        int[][] ids = new int[b][len];
        int[][] types = new int[b][len];
        float[][] mask = new float[b][len];
        for (int i = 0; i < b; i++) {
            PairEncoding p = pairs.get(i);
            for (int t = 0; t < p.length(); t++) {
                int id = p.ids()[t];
                if (id < 0 || id >= config.vocabularySize()) {
                    throw new IllegalArgumentException("pair " + i + " of the batch has token id " + id + " at position "
                            + t + ", outside the model's vocabulary of " + config.vocabularySize()
                            + ": tokenizer and model do not match");
                }
                ids[i][t] = id;
                types[i][t] = p.typeIds()[t];
                mask[i][t] = 1f;
            }
        }
        int[] pos = new int[len];
        for (int t = 0; t < len; t++) {
            pos[t] = t;
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(BertEncoder.INPUT_IDS, Nd4j.createFromArray(ids));
        ph.put(BertEncoder.TOKEN_TYPE_IDS, Nd4j.createFromArray(types));
        ph.put(BertEncoder.POSITION_IDS, Nd4j.createFromArray(new int[][] {pos}));
        ph.put(BertEncoder.ATTENTION_MASK, Nd4j.createFromArray(mask));
        ph.put(BertEncoder.HEAD_SHAPE, Nd4j.createFromArray(b, len, config.heads(), config.headSize()));
        ph.put(BertEncoder.HIDDEN_SHAPE, Nd4j.createFromArray(b, len, config.hidden()));
        return ph;
    }

    /**
     * An eval-mode batch for {@link SameDiffCapture}: ragged kinds keep each pair's real tokens.
     *
     * @param ids the examples' store ids
     * @param pairs their encodings
     * @param labels their classes
     * @return the batch
     */
    public EvalBatch evalBatch(int[] ids, List<PairEncoding> pairs, int[] labels) {
        Map<String, INDArray> ph = placeholders(pairs, config);
        int[] lengths = pairs.stream().mapToInt(PairEncoding::length).toArray();
        int padded = (int) ph.get(BertEncoder.INPUT_IDS).size(1);
        return new EvalBatch(ids, ph, labels, EvalBatch.leadingPositions(lengths, padded));
    }

    /**
     * An eval-mode batch for {@link SameDiffCapture} from any inputs: ragged kinds keep each pair's
     * real tokens.
     *
     * @param ids the examples' store ids
     * @param inputs the inputs, indexed like {@code ids} is by {@code batch}
     * @param batch indices into {@code inputs}
     * @param labels the examples' classes
     * @return the batch
     * @throws IllegalArgumentException where the inputs do not suit this classifier (token ids for a
     *     {@link #createTop} graph, or cached states for another layer)
     */
    public EvalBatch evalBatch(int[] ids, PairInputs inputs, int[] batch, int[] labels) {
        checkInputs(inputs);
        Map<String, INDArray> ph = inputs.placeholders(batch, config);
        int[] lengths = new int[batch.length];
        int padded = 0;
        for (int k = 0; k < batch.length; k++) {
            lengths[k] = inputs.length(batch[k]);
            padded = Math.max(padded, lengths[k]);
        }
        return new EvalBatch(ids, ph, labels, EvalBatch.leadingPositions(lengths, padded));
    }

    /**
     * @param inputs inputs about to be fed
     * @throws IllegalArgumentException where they do not suit this classifier
     */
    public void checkInputs(PairInputs inputs) {
        if (inputs.startLayer() > 0) {
            if (inputs.startLayer() != startLayer) {
                throw new IllegalArgumentException("hidden states cached for layer " + inputs.startLayer()
                        + (startLayer == 0 ? ", but this classifier reads token ids" : ", but this classifier starts at layer "
                                + startLayer) + "; build it with createTop(weights, " + inputs.startLayer() + ", seed)");
            }
        } else if (startLayer > 0) {
            throw new IllegalArgumentException("this classifier starts at layer " + startLayer
                    + " and reads cached hidden states (HiddenStateCache), not token ids");
        }
    }

    /** @return the first encoder layer in the graph: 0 for {@link #create}, else {@link #createTop}'s start layer */
    public int startLayer() {
        return startLayer;
    }

    /**
     * Runs the encoder.
     *
     * @param placeholders from {@link #placeholders}
     * @return {@code last_hidden_state}, {@code [B, L, H]}
     */
    public INDArray lastHiddenState(Map<String, INDArray> placeholders) {
        return sd.output(placeholders, BertEncoder.LAST_HIDDEN_STATE).get(BertEncoder.LAST_HIDDEN_STATE);
    }

    /** @return the SameDiff graph (its loss variable is the capture objective) */
    public SameDiff graph() {
        return sd;
    }

    /** @return the capture attached to the graph */
    public SameDiffCapture capture() {
        return capture;
    }

    /** @return the encoder's configuration */
    public BertConfig config() {
        return config;
    }

    /** @return the trainable variables' names: the unfrozen encoder layers, then the head */
    public List<String> trainableParameters() {
        return trainable;
    }

    /**
     * Checks that a tokenizer belongs to this model.
     *
     * @param tokenizer the tokenizer
     * @throws IllegalArgumentException where the vocabulary sizes differ
     */
    public void checkTokenizer(WordPieceTokenizer tokenizer) {
        if (tokenizer.vocabularySize() != config.vocabularySize()) {
            throw new IllegalArgumentException("tokenizer vocabulary has " + tokenizer.vocabularySize()
                    + " entries, the model's word embeddings " + config.vocabularySize()
                    + ": tokenizer and model do not match (read both from " + MiniLmArtifacts.COORDINATES + ")");
        }
    }
}
