// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A synthetic text-classification data set with planted label errors.
 *
 * <p>The vocabulary has {@code TOPIC_WORDS} topic words per class plus {@code NEUTRAL_WORDS}
 * neutral ones. Each example has a gold class y, a length T in [4, 12] and a clarity q drawn
 * uniformly from [0.3, 0.9]: each token is a topic word of y with probability q, otherwise a word
 * drawn uniformly from the whole vocabulary. Low-clarity examples are genuinely ambiguous. The
 * planted errors are chosen among clear examples (q above 0.7) and get a different class as their
 * training label, so a good difficulty score should rank them among the hardest.
 *
 * @param tokens token ids per training example
 * @param gold the gold labels
 * @param labels the training labels (gold except at the planted ids)
 * @param planted the ids whose training label was flipped, sorted
 * @param testTokens token ids of a clean test set
 * @param testLabels its labels
 * @param embeddings the fixed word embeddings, {@code [vocab][dim]}
 * @param numClasses K
 */
public record SyntheticData(int[][] tokens, int[] gold, int[] labels, int[] planted, int[][] testTokens,
        int[] testLabels, double[][] embeddings, int numClasses) {
    /** Topic words per class. */
    public static final int TOPIC_WORDS = 12;
    /** Words shared by every class. */
    public static final int NEUTRAL_WORDS = 24;
    private static final double MIN_CLARITY = 0.3;
    private static final double MAX_CLARITY = 0.9;
    private static final double PLANT_CLARITY = 0.7;

    /**
     * @param n training examples, {@code >= 10}
     * @param numClasses classes, {@code >= 2}
     * @param dim embedding dimension, {@code >= 1}
     * @param planted training labels to flip, {@code 0 <= planted <= n / 4}
     * @param testSize clean test examples
     * @param seed the seed (the same seed gives the same data)
     * @return the data
     */
    public static SyntheticData generate(int n, int numClasses, int dim, int planted, int testSize, long seed) {
        if (n < 10 || numClasses < 2 || dim < 1 || planted < 0 || planted > n / 4 || testSize < 1) {
            throw new IllegalArgumentException("need n >= 10, classes >= 2, dim >= 1, 0 <= planted <= n/4, test >= 1;"
                    + " got n=" + n + " classes=" + numClasses + " dim=" + dim + " planted=" + planted + " test="
                    + testSize);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int vocab = numClasses * TOPIC_WORDS + NEUTRAL_WORDS;
        double[][] emb = new double[vocab][dim];
        for (double[] row : emb) {
            for (int d = 0; d < dim; d++) {
                row[d] = gaussian(rnd);
            }
        }
        int[][] tokens = new int[n][];
        int[] gold = new int[n];
        double[] clarity = new double[n];
        for (int i = 0; i < n; i++) {
            gold[i] = rnd.nextInt(numClasses);
            clarity[i] = MIN_CLARITY + (MAX_CLARITY - MIN_CLARITY) * rnd.nextDouble();
            tokens[i] = sentence(rnd, gold[i], clarity[i], vocab);
        }
        int[] labels = gold.clone();
        int[] chosen = rnd.ints(0, n).filter(i -> clarity[i] > PLANT_CLARITY).distinct().limit(planted).sorted().toArray();
        if (chosen.length < planted) {
            throw new IllegalStateException("could not find " + planted + " clear examples among " + n);
        }
        for (int i : chosen) {
            labels[i] = (gold[i] + 1 + rnd.nextInt(numClasses - 1)) % numClasses;
        }
        int[][] testTokens = new int[testSize][];
        int[] testLabels = new int[testSize];
        for (int i = 0; i < testSize; i++) {
            testLabels[i] = rnd.nextInt(numClasses);
            testTokens[i] = sentence(rnd, testLabels[i], MIN_CLARITY + (MAX_CLARITY - MIN_CLARITY) * rnd.nextDouble(), vocab);
        }
        return new SyntheticData(tokens, gold, labels, chosen, testTokens, testLabels, emb, numClasses);
    }

    private static int[] sentence(SplittableRandom rnd, int y, double clarity, int vocab) {
        int[] t = new int[4 + rnd.nextInt(9)];
        for (int j = 0; j < t.length; j++) {
            t[j] = rnd.nextDouble() < clarity ? y * TOPIC_WORDS + rnd.nextInt(TOPIC_WORDS) : rnd.nextInt(vocab);
        }
        return t;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** @return N, the number of training examples */
    public int size() {
        return tokens.length;
    }

    /** @return the embedding dimension D */
    public int dim() {
        return embeddings[0].length;
    }

    /**
     * @param id an example id
     * @return true if its training label was flipped on purpose
     */
    public boolean isPlanted(int id) {
        return Arrays.binarySearch(planted, id) >= 0;
    }

    @Override
    public String toString() {
        return "SyntheticData[n=" + tokens.length + ", classes=" + numClasses + ", dim=" + dim() + ", planted="
                + planted.length + ", test=" + testTokens.length + "]";
    }
}
