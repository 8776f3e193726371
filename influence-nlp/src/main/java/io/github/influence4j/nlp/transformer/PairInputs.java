// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link BertClassifier} reads for a batch of sentence pairs: token ids for a classifier built
 * by {@link BertClassifier#create}, cached lower-layer states ({@link HiddenStateCache}) for one built
 * by {@link BertClassifier#createTop}.
 */
public interface PairInputs {
    /** @return the number of pairs */
    int size();

    /**
     * @param i a pair
     * @return its number of tokens, special tokens included
     */
    int length(int i);

    /**
     * @param batch pair indices
     * @param config the encoder
     * @return the graph's input placeholders for those pairs, padded to the longest
     */
    Map<String, INDArray> placeholders(int[] batch, BertConfig config);

    /**
     * @param pairs encoded pairs
     * @return inputs that feed the token ids (a classifier over the whole encoder)
     */
    static PairInputs ofTokens(List<PairEncoding> pairs) {
        List<PairEncoding> copy = List.copyOf(pairs);
        return new PairInputs() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public int length(int i) {
                return copy.get(i).length();
            }

            @Override
            public Map<String, INDArray> placeholders(int[] batch, BertConfig config) {
                List<PairEncoding> bp = new ArrayList<>(batch.length);
                for (int i : batch) {
                    bp.add(copy.get(i));
                }
                return BertClassifier.placeholders(bp, config);
            }
        };
    }
}
