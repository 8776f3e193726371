// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.text.Tokenizer;
import io.github.influence4j.nlp.text.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SNLI pairs as token ids: per example a premise, a hypothesis and a label, in a fixed order
 * (example id = position). Immutable.
 *
 * @implNote Sentences longer than {@code maxTokens} are cut to their first {@code maxTokens}
 *     tokens (SNLI dev/test: the longest premise has 57 tokens, so the default 64 cuts nothing).
 *     An empty sentence keeps zero positions; its pooled vector is zero.
 */
public final class EncodedPairs {
    private final int[][] premises;
    private final int[][] hypotheses;
    private final int[] labels;

    private EncodedPairs(int[][] premises, int[][] hypotheses, int[] labels) {
        this.premises = premises;
        this.hypotheses = hypotheses;
        this.labels = labels;
    }

    /**
     * @param pairs labelled pairs
     * @param vocabulary the word ids (unknown words go to {@link Vocabulary#OOV})
     * @param maxTokens the longest sentence kept, {@code >= 1}
     * @return the encoded pairs, in the order given
     */
    public static EncodedPairs encode(List<SnliPair> pairs, Vocabulary vocabulary, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
        int n = pairs.size();
        int[][] p = new int[n][];
        int[][] h = new int[n][];
        int[] y = new int[n];
        Tokenizer tok = Tokenizer.ptb();
        for (int i = 0; i < n; i++) {
            SnliPair pair = pairs.get(i);
            p[i] = cut(vocabulary.ids(tok.tokenize(pair.premise())), maxTokens);
            h[i] = cut(vocabulary.ids(tok.tokenize(pair.hypothesis())), maxTokens);
            y[i] = pair.label().index();
        }
        return new EncodedPairs(p, h, y);
    }

    /**
     * @param premises premise token ids per example
     * @param hypotheses hypothesis token ids per example
     * @param labels class per example
     * @return the pairs (arrays copied)
     */
    public static EncodedPairs of(int[][] premises, int[][] hypotheses, int[] labels) {
        if (premises.length != hypotheses.length || premises.length != labels.length) {
            throw new IllegalArgumentException("premises, hypotheses and labels differ in length: " + premises.length
                    + ", " + hypotheses.length + ", " + labels.length);
        }
        int[][] p = new int[premises.length][];
        int[][] h = new int[premises.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = premises[i].clone();
            h[i] = hypotheses[i].clone();
        }
        return new EncodedPairs(p, h, labels.clone());
    }

    private static int[] cut(int[] ids, int max) {
        return ids.length <= max ? ids : Arrays.copyOf(ids, max);
    }

    /** @return the number of examples */
    public int size() {
        return labels.length;
    }

    /**
     * @param i example id
     * @return premise token ids (do not modify)
     */
    int[] premise(int i) {
        return premises[i];
    }

    /**
     * @param i example id
     * @return hypothesis token ids (do not modify)
     */
    int[] hypothesis(int i) {
        return hypotheses[i];
    }

    /**
     * @param i example id
     * @return the gold class
     */
    public int label(int i) {
        return labels[i];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param i example id
     * @return premise then hypothesis token ids, the order of the real positions in every ragged
     *     artifact ({@code TOKEN_IDS}, {@code INPUT_GRADS}, {@code EMBEDDING_GRADS})
     */
    public int[] tokenIds(int i) {
        int[] out = Arrays.copyOf(premises[i], premises[i].length + hypotheses[i].length);
        System.arraycopy(hypotheses[i], 0, out, premises[i].length, hypotheses[i].length);
        return out;
    }

    /**
     * @param i example id
     * @return the number of real positions, premise plus hypothesis
     */
    public int length(int i) {
        return premises[i].length + hypotheses[i].length;
    }

    /**
     * @param ids example ids (any order, no range check beyond the array's)
     * @return a new set holding those examples, in that order
     */
    public EncodedPairs subset(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        int[][] p = new int[ids.length][];
        int[][] h = new int[ids.length][];
        int[] y = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] < 0 || ids[k] >= size()) {
                throw new IndexOutOfBoundsException("example id " + ids[k] + " at position " + k + " is outside [0, "
                        + size() + ")");
            }
            p[k] = premises[ids[k]];
            h[k] = hypotheses[ids[k]];
            y[k] = labels[ids[k]];
        }
        return new EncodedPairs(p, h, y);
    }

    /**
     * The same pairs with other labels, for label-noise experiments (Tan et al. 2023, Table 4).
     *
     * @param newLabels one class per pair, in {@code [0, 3)}
     * @return a new set sharing the token arrays
     * @throws IllegalArgumentException if the length or a class is wrong
     */
    public EncodedPairs withLabels(int[] newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException(newLabels.length + " labels for " + labels.length + " pairs");
        }
        for (int i = 0; i < newLabels.length; i++) {
            if (newLabels[i] < 0 || newLabels[i] >= SnliEncoder.CLASSES) {
                throw new IllegalArgumentException("label " + newLabels[i] + " of pair " + i + " is outside [0, "
                        + SnliEncoder.CLASSES + ")");
            }
        }
        return new EncodedPairs(premises, hypotheses, newLabels.clone());
    }
}
