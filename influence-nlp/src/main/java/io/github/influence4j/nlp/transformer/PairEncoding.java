// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

/**
 * One sentence pair as BERT reads it: {@code [CLS] premise [SEP] hypothesis [SEP]}.
 *
 * @param ids WordPiece ids, unpadded
 * @param typeIds token types: 0 for {@code [CLS]}, the premise and its {@code [SEP]}; 1 for the
 *     hypothesis and the last {@code [SEP]}
 * @param truncated how many sub-word tokens truncation removed (0 for a pair that fits)
 */
public record PairEncoding(int[] ids, int[] typeIds, int truncated) {
    /**
     * Checks the fields.
     *
     * @param ids see the record
     * @param typeIds see the record
     * @param truncated see the record
     */
    public PairEncoding {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException("ids and typeIds differ in length: " + ids.length + " vs " + typeIds.length);
        }
        if (truncated < 0) {
            throw new IllegalArgumentException("truncated must be >= 0, got " + truncated);
        }
    }

    /** @return the number of tokens, special tokens included */
    public int length() {
        return ids.length;
    }
}
