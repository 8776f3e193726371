// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.samediff.CaptureSource;
import io.github.influence4j.samediff.EvalBatch;
import io.github.influence4j.samediff.GraphTaps;
import io.github.influence4j.samediff.SameDiffCapture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.github.influence4j.nlp.text.Vocabulary;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SNLI sentence-pair classifier of docs/DESIGN.md section 6.2 as a SameDiff graph.
 *
 * <pre>
 *   e   = E[ids]                                  row i: premise i, one padding position, hypothesis i, [B, L, D]
 *   c   = relu(conv1d_width3(e) + b)              same padding, [B, L, H]
 *   u   = max_t (c * mask_premise), v = max_t (c * mask_hypothesis)      max over each sentence's tokens, [B, H]
 *   f   = [u; v; |u-v|; u*v]                      u = s[premise], v = s[hypothesis] (Conneau et al. 2017)
 *   h1  = drop(relu(f W1 + b1)); h2 = drop(relu(h1 W2 + b2)); z = h2 W3 + b3     head of Tan et al. 2023
 * </pre>
 *
 * @implNote The embedding matrix E is a SameDiff <em>constant</em> updated outside the graph
 *     ({@link EmbeddingAdam}): backprop through {@code gather} on a trainable variable is broken in
 *     SameDiff 1.0.0-M2.1 (docs/DESIGN.md section 6.3). The padding row is zero and never updated, so
 *     padded positions act as the zero padding of the convolution. Dropout is a multiplication by
 *     keep-mask placeholders ({@code 0} or {@code 1/(1-p)}, drawn by the trainer's seeded RNG, all
 *     ones in eval mode), which makes training reproducible and capture deterministic. Batches are
 *     packed (premise, one zero position, hypothesis: the padding of a width-3 convolution, so the
 *     two sentences never mix) and padded only to the longest pair. The masks are full width
 *     ({@code [B, L, H]}): a
 *     broadcast multiply would make SameDiff reduce a gradient for it on every step. Masked
 *     outputs are 0 and ReLU outputs are {@code >= 0}, so padding never changes a max.
 *     The width-k convolution is computed as one matrix product over k shifted slices of the
 *     lookup (ids padded by (k-1)/2 on both sides): in SameDiff 1.0.0-M2.1 {@code conv1d}'s
 *     backward pass was 4x slower, and {@code tensorMmul}'s backward pass fails on 3-d input.
 *     Parameters are initialised as PyTorch's
 *     {@code nn.Linear}/{@code nn.Conv1d} defaults: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 */
public final class SnliEncoder {
    /**
     * Token ids placeholder, int [B, L + 2h] (h = (width-1)/2): row i holds h padding ids, the
     * premise of example i, one padding id, its hypothesis, then {@link Vocabulary#PAD} up to L + 2h,
     * where L is the longest premise + 1 + hypothesis of the batch.
     */
    public static final String IDS = "ids";
    /** Premise mask placeholder, float [B, L, H]: 1 at the premise's convolution outputs. */
    public static final String PREMISE_MASK = "premise_mask";
    /** Hypothesis mask placeholder, float [B, L, H]: 1 at the hypothesis' convolution outputs. */
    public static final String HYPOTHESIS_MASK = "hypothesis_mask";
    /** {@code [B, L, H]}, int [3]: the shape of the convolution output. */
    public static final String CONV_SHAPE = "conv_shape";
    /** One-hot labels placeholder, float [B, 3]. */
    public static final String LABELS = "labels";
    /** Dropout keep-mask placeholders, float [B, hidden]. */
    public static final String DROP1 = "drop1";
    /** Second dropout keep-mask placeholder. */
    public static final String DROP2 = "drop2";
    /** The embedding matrix constant, [V, D]. */
    public static final String EMBEDDING = "embedding";
    /** The lookup output, [B, L + 2, D]: embedding output and lookup output for capture. */
    public static final String LOOKUP = "lookup";
    /** Logits, [B, 3]. */
    public static final String LOGITS = "logits";
    /** Per-example cross-entropy, [B]. */
    public static final String LOSS = "loss";
    /** Number of classes. */
    public static final int CLASSES = 3;

    private final SameDiff sd;
    private final INDArray embedding;
    private final EncoderConfig config;
    private final SameDiffCapture capture;
    private final List<String> parameters = new ArrayList<>();

    private SnliEncoder(SameDiff sd, INDArray embedding, EncoderConfig config, SameDiffCapture capture) {
        this.sd = sd;
        this.embedding = embedding;
        this.config = config;
        this.capture = capture;
    }

    /**
     * Builds the graph with freshly initialised parameters.
     *
     * @param initialEmbedding row-major {@code [V, D]} (row 0 padding); copied
     * @param vocabularySize V
     * @param config architecture
     * @param seed seeds the parameter initialisation
     * @return the encoder
     */
    public static SnliEncoder create(float[] initialEmbedding, int vocabularySize, EncoderConfig config, long seed) {
        if (initialEmbedding.length % vocabularySize != 0) {
            throw new IllegalArgumentException("embedding holds " + initialEmbedding.length + " values, not a multiple"
                    + " of the vocabulary size " + vocabularySize);
        }
        int d = initialEmbedding.length / vocabularySize;
        Random rnd = new Random(seed);
        SameDiff sd = SameDiff.create();
        INDArray emb = Nd4j.createFromArray(initialEmbedding.clone()).reshape('c', vocabularySize, d);
        emb.getRow(0).assign(0);
        SDVariable e = sd.constant(EMBEDDING, emb);
        SDVariable ids = sd.placeHolder(IDS, DataType.INT, -1, -1);
        SDVariable maskP = sd.placeHolder(PREMISE_MASK, DataType.FLOAT, -1, -1, config.channels());
        SDVariable maskH = sd.placeHolder(HYPOTHESIS_MASK, DataType.FLOAT, -1, -1, config.channels());
        SDVariable convShape = sd.placeHolder(CONV_SHAPE, DataType.INT, 3);
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, CLASSES);
        SDVariable drop1 = sd.placeHolder(DROP1, DataType.FLOAT, -1, config.hidden());
        SDVariable drop2 = sd.placeHolder(DROP2, DataType.FLOAT, -1, config.hidden());
        SDVariable look = sd.gather(LOOKUP, e, ids, 0);
        int h = config.channels();
        int k = config.width();
        SDVariable cw = sd.var("conv_w", uniform(rnd, (long) k * d, (long) k * d, h));
        SDVariable cb = sd.var("conv_b", uniform(rnd, (long) k * d, h));
        SDVariable[] shifted = new SDVariable[k];
        for (int j = 0; j < k; j++) {
            // window offset j: rows j .. j + L - 1 of the (k-1)/2-padded sequence
            int endMask = j == k - 1 ? 0b111 : 0b101;
            shifted[j] = sd.stridedSlice(look, new long[] {0, j, 0}, new long[] {0, -(k - 1 - j), 0},
                    new long[] {1, 1, 1}, 0b101, endMask, 0, 0, 0);
        }
        SDVariable windows = k == 1 ? shifted[0] : sd.concat("windows", 2, shifted);
        SDVariable flat = sd.reshape(windows, -1, (long) k * d).mmul(cw).add(cb);
        SDVariable conv = sd.nn().relu(sd.reshape("conv", flat, convShape), 0);
        SDVariable u = conv.mul(maskP).max("premise_vec", 1);
        SDVariable v = conv.mul(maskH).max("hypothesis_vec", 1);
        SDVariable feat = sd.concat("features", 1, u, v, sd.math().abs(u.sub(v)), u.mul(v));
        int hid = config.hidden();
        SDVariable w1 = sd.var("fc1_w", uniform(rnd, 4L * h, 4 * h, hid));
        SDVariable b1 = sd.var("fc1_b", uniform(rnd, 4L * h, hid));
        SDVariable z1 = feat.mmul(w1).add("fc1_z", b1);
        SDVariable a2 = sd.nn().relu(z1, 0).mul("fc2_in", drop1);
        SDVariable w2 = sd.var("fc2_w", uniform(rnd, hid, hid, hid));
        SDVariable b2 = sd.var("fc2_b", uniform(rnd, hid, hid));
        SDVariable z2 = a2.mmul(w2).add("fc2_z", b2);
        SDVariable a3 = sd.nn().relu(z2, 0).mul("fc3_in", drop2);
        SDVariable w3 = sd.var("fc3_w", uniform(rnd, hid, hid, CLASSES));
        SDVariable b3 = sd.var("fc3_b", uniform(rnd, hid, CLASSES));
        SDVariable logits = a3.mmul(w3).add(LOGITS, b3);
        SDVariable logp = sd.nn().logSoftmax(logits); // over the last axis; the (x, dim) overload breaks createGradFunction in M2.1
        logp.mul(labels).sum(1).neg(LOSS);
        SameDiffCapture capture = SameDiffCapture.attach(sd, graphTaps());
        sd.setLossVariables(SameDiffCapture.OBJECTIVE);
        sd.createGradFunction(EMBEDDING);
        // SameDiff keeps its own copy of a constant: train the array the graph reads, in place
        SnliEncoder enc = new SnliEncoder(sd, sd.getArrForVarName(EMBEDDING), config, capture);
        for (String p : List.of("conv_w", "conv_b", "fc1_w", "fc1_b", "fc2_w", "fc2_b", "fc3_w", "fc3_b")) {
            enc.parameters.add(p);
        }
        return enc;
    }

    /** @return the names capture reads from this graph; dense layers fc1, fc2, fc3 of the head */
    public static GraphTaps graphTaps() {
        return GraphTaps.builder()
                .embeddingOutput(LOOKUP).lookupOutput(LOOKUP).gradientRoots(EMBEDDING)
                .logits(LOGITS).perExampleLoss(LOSS).labelPlaceholder(LABELS)
                .denseLayer("fc1", "features", "fc1_z")
                .denseLayer("fc2", "fc2_in", "fc2_z")
                .denseLayer("fc3", "fc3_in", LOGITS)
                .numClasses(CLASSES)
                .build();
    }

    private static INDArray uniform(Random rnd, long fanIn, long... shape) {
        double bound = 1.0 / Math.sqrt(fanIn);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    /** @return the SameDiff graph (its loss variable is the capture objective) */
    public SameDiff graph() {
        return sd;
    }

    /** @return the embedding matrix constant {@code [V, D]}; updated in place by training */
    public INDArray embedding() {
        return embedding;
    }

    /** @return the trainable variables' names (the embedding excluded) */
    public List<String> parameters() {
        return List.copyOf(parameters);
    }

    /** @return the architecture */
    public EncoderConfig config() {
        return config;
    }

    /** @return the capture bound to this graph */
    public SameDiffCapture capture() {
        return capture;
    }

    /**
     * Builds the placeholders of a batch.
     *
     * @param data the examples
     * @param ids example ids of the batch, in batch order
     * @param dropoutRng draws dropout keep-masks; {@code null} means eval mode (masks of ones)
     * @return placeholders for {@link #IDS}, {@link #PREMISE_MASK}, {@link #HYPOTHESIS_MASK}, {@link #CONV_SHAPE}, {@link #LABELS}, {@link #DROP1}, {@link #DROP2}
     */
    public Map<String, INDArray> placeholders(EncodedPairs data, int[] ids, @org.jspecify.annotations.Nullable Random dropoutRng) {
        int b = ids.length;
        int len = packedLength(data, ids);
        int h = config.channels();
        int halo = config.width() / 2;
        int row = len + 2 * halo;
        int[] tok = new int[b * row];
        float[] maskP = new float[b * len * h];
        float[] maskH = new float[b * len * h];
        float[] y = new float[b * CLASSES];
        for (int i = 0; i < b; i++) {
            int[] p = data.premise(ids[i]);
            int[] q = data.hypothesis(ids[i]);
            System.arraycopy(p, 0, tok, i * row + halo, p.length);
            System.arraycopy(q, 0, tok, i * row + halo + p.length + 1, q.length);
            java.util.Arrays.fill(maskP, i * len * h, (i * len + p.length) * h, 1f);
            java.util.Arrays.fill(maskH, (i * len + p.length + 1) * h, (i * len + p.length + 1 + q.length) * h, 1f);
            y[i * CLASSES + data.label(ids[i])] = 1f;
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(IDS, Nd4j.createFromArray(tok).reshape('c', b, row));
        ph.put(PREMISE_MASK, Nd4j.createFromArray(maskP).reshape('c', b, len, h));
        ph.put(HYPOTHESIS_MASK, Nd4j.createFromArray(maskH).reshape('c', b, len, h));
        ph.put(CONV_SHAPE, Nd4j.createFromArray(b, len, h));
        ph.put(LABELS, Nd4j.createFromArray(y).reshape('c', b, CLASSES));
        ph.put(DROP1, keepMask(b, dropoutRng));
        ph.put(DROP2, keepMask(b, dropoutRng));
        return ph;
    }

    /** L: the longest premise + 1 + hypothesis of the batch. */
    private static int packedLength(EncodedPairs data, int[] ids) {
        int len = 1;
        for (int id : ids) {
            len = Math.max(len, data.length(id) + 1);
        }
        return len;
    }

    /**
     * Where the real tokens of each example sit in the lookup output {@code [B, L + 2h, D]} of
     * {@link #placeholders} ({@code h = (width - 1) / 2}), viewed as {@code [B * (L + 2h), D]}.
     *
     * @param data the examples
     * @param ids example ids of the batch, in batch order
     * @return per example, the rows of its premise then hypothesis tokens
     */
    public int[][] positions(EncodedPairs data, int[] ids) {
        int b = ids.length;
        int halo = config.width() / 2;
        int row = packedLength(data, ids) + 2 * halo;
        int[][] p = new int[b][];
        for (int i = 0; i < b; i++) {
            int lp = data.premise(ids[i]).length;
            int lh = data.hypothesis(ids[i]).length;
            p[i] = new int[lp + lh];
            for (int t = 0; t < lp; t++) {
                p[i][t] = i * row + halo + t;
            }
            for (int t = 0; t < lh; t++) {
                p[i][lp + t] = i * row + halo + lp + 1 + t;
            }
        }
        return p;
    }

    private INDArray keepMask(int b, @org.jspecify.annotations.Nullable Random rng) {
        int hid = config.hidden();
        float[] m = new float[b * hid];
        if (rng == null || config.dropout() == 0) {
            java.util.Arrays.fill(m, 1f);
        } else {
            float keep = (float) (1.0 / (1.0 - config.dropout()));
            for (int i = 0; i < m.length; i++) {
                m[i] = rng.nextDouble() < config.dropout() ? 0f : keep;
            }
        }
        return Nd4j.createFromArray(m).reshape('c', b, hid);
    }

    /**
     * Eval-mode logits of examples.
     *
     * @param data the examples
     * @param batchSize examples per forward pass
     * @return {@code [n, 3]} logits
     */
    public float[][] logits(EncodedPairs data, int batchSize) {
        float[][] out = new float[data.size()][];
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            int[] ids = java.util.stream.IntStream.range(from, to).toArray();
            Map<String, INDArray> ph = placeholders(data, ids, null);
            INDArray z = sd.output(ph, LOGITS).get(LOGITS);
            for (int i = 0; i < ids.length; i++) {
                out[from + i] = z.getRow(i).toFloatVector();
            }
        }
        return out;
    }

    /**
     * @param data labelled examples
     * @return the fraction whose arg-max logit (ties to the lower class) is the gold class
     */
    public double accuracy(EncodedPairs data) {
        float[][] z = logits(data, 512);
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            int best = 0;
            for (int c = 1; c < z[i].length; c++) {
                if (z[i][c] > z[i][best]) {
                    best = c;
                }
            }
            correct += best == data.label(i) ? 1 : 0;
        }
        return correct / (double) z.length;
    }

    /**
     * A capture source over all examples of a data set, in id order, dropout off. Real positions
     * of example i: its premise tokens, then its hypothesis tokens (the order of {@code TOKEN_IDS}).
     *
     * @param data the examples (store ids = positions in {@code data})
     * @return the source
     */
    public CaptureSource captureSource(EncodedPairs data) {
        return new CaptureSource() {
            @Override
            public int numExamples() {
                return data.size();
            }

            @Override
            public List<EvalBatch> batches(ExampleRange range, int maxBatchSize) {
                // sort by length so that each batch pads little; capture restores the id order
                Integer[] order = java.util.stream.IntStream.range(range.from(), range.to()).boxed()
                        .toArray(Integer[]::new);
                java.util.Arrays.sort(order, java.util.Comparator.comparingInt(data::length));
                List<EvalBatch> out = new ArrayList<>();
                for (int s = 0; s < order.length; s += maxBatchSize) {
                    int[] ids = java.util.Arrays.stream(order, s, Math.min(order.length, s + maxBatchSize))
                            .mapToInt(Integer::intValue).toArray();
                    out.add(batch(ids));
                }
                return out;
            }

            private EvalBatch batch(int[] ids) {
                Map<String, INDArray> ph = placeholders(data, ids, null);
                int[] labels = new int[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    labels[i] = data.label(ids[i]);
                }
                int[][] positions = positions(data, ids);
                ph.remove(LABELS);
                return new EvalBatch(ids, ph, labels, positions);
            }
        };
    }
}
