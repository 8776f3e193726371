// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

/**
 * The shape of a synthetic training-artifact store: N examples with T_i real token positions
 * (uniform in {@code [minTokens, maxTokens]}), embedding width D, K classes, C checkpoints, a
 * vocabulary of V token ids (Zipf-like frequencies) and a head of three factored dense layers
 * {@code d1: 4D -> H, d2: H -> H, fc: H -> K} (the [u; v; |u-v|; u*v] head of docs/DESIGN.md section 6.2).
 *
 * @param numExamples N, {@code >= 1}
 * @param minTokens smallest T_i, {@code >= 1}
 * @param maxTokens largest T_i, {@code >= minTokens}
 * @param dim D, the width of one gradient row, {@code >= 1}
 * @param numClasses K, {@code >= 2}
 * @param numCheckpoints C, {@code >= 2}
 * @param vocabulary V, {@code >= 1}
 * @param hidden H, the width of the dense head, {@code >= 1}
 * @param chunkSize examples per stored chunk, {@code >= 1}
 * @param withGradients whether to write the ragged gradient kinds (INPUT_GRADS, EMBEDDING_GRADS)
 * @param withDense whether to write LOGITS, NULL_LOGITS, LOSS and the dense-layer factors
 */
public record SyntheticShape(int numExamples, int minTokens, int maxTokens, int dim, int numClasses,
        int numCheckpoints, int vocabulary, int hidden, int chunkSize, boolean withGradients, boolean withDense) {

    /**
     * @throws IllegalArgumentException naming the bad field and value
     */
    public SyntheticShape {
        check("numExamples", numExamples, 1);
        check("minTokens", minTokens, 1);
        check("maxTokens", maxTokens, minTokens);
        check("dim", dim, 1);
        check("numClasses", numClasses, 2);
        check("numCheckpoints", numCheckpoints, 2);
        check("vocabulary", vocabulary, 1);
        check("hidden", hidden, 1);
        check("chunkSize", chunkSize, 1);
    }

    private static void check(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
        }
    }

    /**
     * SNLI-like rows (issue 9): T_i in [12, 32] (mean 22), D = 100, K = 3, C = 10, V = 30,000,
     * H = 64, chunks of 1,024 examples, every kind.
     *
     * @param n N
     * @return the shape
     */
    public static SyntheticShape snliLike(int n) {
        return new SyntheticShape(n, 12, 32, 100, 3, 10, 30_000, 64, 1024, true, true);
    }

    /**
     * The smaller rows used up to N = 10^6: T_i in [2, 6], D = 4, K = 3, C = 10, V = 30,000, H = 8,
     * chunks of 4,096 examples, every kind.
     *
     * @param n N
     * @return the shape
     */
    public static SyntheticShape smallRows(int n) {
        return new SyntheticShape(n, 2, 6, 4, 3, 10, 30_000, 8, 4096, true, true);
    }

    /**
     * @param n another N
     * @return a copy with that N
     */
    public SyntheticShape withExamples(int n) {
        return new SyntheticShape(n, minTokens, maxTokens, dim, numClasses, numCheckpoints, vocabulary, hidden,
                chunkSize, withGradients, withDense);
    }

    /**
     * @param v another vocabulary size
     * @return a copy with that V
     */
    public SyntheticShape withVocabulary(int v) {
        return new SyntheticShape(numExamples, minTokens, maxTokens, dim, numClasses, numCheckpoints, v, hidden,
                chunkSize, withGradients, withDense);
    }

    /**
     * @param c another number of checkpoints
     * @return a copy with that C
     */
    public SyntheticShape withCheckpoints(int c) {
        return new SyntheticShape(numExamples, minTokens, maxTokens, dim, numClasses, c, vocabulary, hidden,
                chunkSize, withGradients, withDense);
    }

    /**
     * @param gradients write the ragged gradient kinds
     * @param dense write the dense kinds
     * @return a copy with those kinds
     */
    public SyntheticShape withKinds(boolean gradients, boolean dense) {
        return new SyntheticShape(numExamples, minTokens, maxTokens, dim, numClasses, numCheckpoints, vocabulary,
                hidden, chunkSize, gradients, dense);
    }

    /** @return the input width of the first dense layer, 4D */
    public int headInput() {
        return 4 * dim;
    }

    /** @return the expected payload bytes of one checkpoint (float32), ignoring headers */
    public long bytesPerCheckpoint() {
        double meanTokens = (minTokens + maxTokens) / 2.0;
        double perExample = 0;
        if (withGradients) {
            perExample += 2 * meanTokens * dim * 4;
        }
        if (withDense) {
            perExample += (3L * numClasses + 1 + headInput() + 4L * hidden + numClasses) * 4;
        }
        return (long) (perExample * numExamples);
    }

    /** @return a one-line description for tables */
    public String describe() {
        return String.format("N=%,d T=%d..%d D=%d K=%d C=%d V=%,d H=%d chunk=%d", numExamples, minTokens, maxTokens,
                dim, numClasses, numCheckpoints, vocabulary, hidden, chunkSize);
    }
}
