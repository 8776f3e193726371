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
     * @return the encoder layer these inputs feed: 0 for token ids, else the first layer above the
     *     cached states ({@link BertClassifier#createTop})
     */
    default int startLayer() {
        return 0;
    }

    /**
     * A view of some pairs (a pruned training set).
     *
     * @param indices pairs of this input, in the view's order
     * @return the view
     */
    default PairInputs subset(int[] indices) {
        PairInputs all = this;
        int[] idx = indices.clone();
        for (int i : idx) {
            if (i < 0 || i >= all.size()) {
                throw new IllegalArgumentException("subset index " + i + " outside [0, " + all.size() + ")");
            }
        }
        return new PairInputs() {
            @Override
            public int size() {
                return idx.length;
            }

            @Override
            public int length(int i) {
                return all.length(idx[i]);
            }

            @Override
            public Map<String, INDArray> placeholders(int[] batch, BertConfig config) {
                int[] b = new int[batch.length];
                for (int k = 0; k < b.length; k++) {
                    b[k] = idx[batch[k]];
                }
                return all.placeholders(b, config);
            }

            @Override
            public int startLayer() {
                return all.startLayer();
            }
        };
    }

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
