// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

/**
 * The shape of a BERT encoder (Devlin et al. 2019, section 3): as read from a model's weights.
 *
 * @param vocabularySize WordPiece vocabulary size V (30,522 for all-MiniLM-L6-v2)
 * @param hidden hidden size H (384)
 * @param layers number of transformer layers (6)
 * @param heads attention heads per layer (12); {@code hidden % heads == 0}
 * @param intermediate feed-forward width (1,536)
 * @param maxPositions position embeddings (512): the longest sequence the model takes
 * @param typeVocabularySize token types (2: premise 0, hypothesis 1)
 * @param layerNormEpsilon the epsilon of every LayerNorm (1e-12)
 */
public record BertConfig(int vocabularySize, int hidden, int layers, int heads, int intermediate, int maxPositions,
        int typeVocabularySize, double layerNormEpsilon) {
    /**
     * Checks the fields.
     *
     * @param vocabularySize see the record
     * @param hidden see the record
     * @param layers see the record
     * @param heads see the record
     * @param intermediate see the record
     * @param maxPositions see the record
     * @param typeVocabularySize see the record
     * @param layerNormEpsilon see the record
     */
    public BertConfig {
        if (vocabularySize < 1 || hidden < 1 || layers < 1 || heads < 1 || intermediate < 1 || maxPositions < 1
                || typeVocabularySize < 1) {
            throw new IllegalArgumentException("BERT sizes must be positive: " + this);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of the " + heads + " heads");
        }
        if (!(layerNormEpsilon > 0)) {
            throw new IllegalArgumentException("layerNormEpsilon must be > 0, got " + layerNormEpsilon);
        }
    }

    /** @return the width of one attention head, {@code hidden / heads} */
    public int headSize() {
        return hidden / heads;
    }
}
