// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import java.util.Arrays;
import java.util.BitSet;

/**
 * An inverted index token id -> the examples of an {@link EmbeddingGradients} block that hold it
 * (after top-k), so that the TracIn-WE influence of a query example touches only the indexed
 * examples sharing a token with it (Yeh et al. 2022, Sec. 3: the influence is a sum over shared
 * tokens).
 *
 * <pre>{@code
 * TokenIndex index = TokenIndex.of(trainGradients);
 * double[] acc = new double[trainGradients.size()];
 * BitSet touched = new BitSet();
 * index.accumulate(testGradients, 0, eta, acc, touched);   // acc[j] += eta * <g(test 0), g(train j)>
 * }</pre>
 *
 * @implNote Postings are held in compressed-sparse-row form (sorted distinct tokens, posting
 *     starts, example and slot per posting); a lookup is a binary search over the distinct tokens
 *     of the block, so the cost of a query is O(T log U + shared postings x D), independent of the
 *     vocabulary size.
 */
final class TokenIndex {
    private final EmbeddingGradients block;
    private final int[] tokens;
    private final int[] postingStart;
    private final int[] postingExample;
    private final int[] postingSlot;

    private TokenIndex(EmbeddingGradients block, int[] tokens, int[] postingStart, int[] postingExample,
            int[] postingSlot) {
        this.block = block;
        this.tokens = tokens;
        this.postingStart = postingStart;
        this.postingExample = postingExample;
        this.postingSlot = postingSlot;
    }

    /**
     * @param block the per-token gradients to index
     * @return the index
     */
    public static TokenIndex of(EmbeddingGradients block) {
        int n = block.size();
        int total = block.start(n);
        long[] keys = new long[total];
        for (int i = 0; i < n; i++) {
            for (int s = block.start(i); s < block.start(i + 1); s++) {
                // sort key: token (signed, high bits) then slot (non-negative, low bits)
                keys[s] = (long) block.tokenAt(s) << 32 | s;
            }
        }
        Arrays.sort(keys);
        int[] slotExample = new int[total];
        for (int i = 0; i < n; i++) {
            Arrays.fill(slotExample, block.start(i), block.start(i + 1), i);
        }
        int[] tok = new int[total];
        int[] start = new int[total + 1];
        int[] ex = new int[total];
        int[] slot = new int[total];
        int u = 0;
        for (int p = 0; p < total; p++) {
            int t = (int) (keys[p] >> 32);
            int s = (int) keys[p];
            if (u == 0 || tok[u - 1] != t) {
                tok[u] = t;
                start[u++] = p;
            }
            ex[p] = slotExample[s];
            slot[p] = s;
        }
        start[u] = total;
        return new TokenIndex(block, Arrays.copyOf(tok, u), Arrays.copyOf(start, u + 1), ex, slot);
    }

    /** @return the indexed block */
    public EmbeddingGradients block() {
        return block;
    }

    /** @return the number of distinct tokens indexed */
    public int numTokens() {
        return tokens.length;
    }

    /**
     * @param token a token id
     * @return the local indices of the indexed examples holding it, ascending
     */
    public int[] examplesWith(int token) {
        int r = Arrays.binarySearch(tokens, token);
        return r < 0 ? new int[0] : Arrays.copyOfRange(postingExample, postingStart[r], postingStart[r + 1]);
    }

    /**
     * Adds {@code scale * <dL(query)/dE, dL(x_j)/dE>} to {@code acc[j]} for every indexed example
     * j sharing a token with the query, and marks j in {@code touched}; no other entry is read or
     * written.
     *
     * @param query per-token gradients holding the query example (same checkpoint)
     * @param local the query's index in {@code query}
     * @param scale the factor (eta_c of TracIn)
     * @param acc one accumulator per indexed example
     * @param touched receives the indices of the examples touched
     * @return the number of postings visited
     */
    public long accumulate(EmbeddingGradients query, int local, double scale, double[] acc, BitSet touched) {
        block.checkDim(query);
        if (acc.length < block.size()) {
            throw new IllegalArgumentException("acc has " + acc.length + " entries for " + block.size() + " examples");
        }
        long visited = 0;
        int lo = 0;
        for (int s = query.start(local); s < query.start(local + 1); s++) {
            int r = Arrays.binarySearch(tokens, lo, tokens.length, query.tokenAt(s));
            if (r < 0) {
                lo = -r - 1;
                continue;
            }
            lo = r + 1;
            for (int p = postingStart[r]; p < postingStart[r + 1]; p++) {
                int j = postingExample[p];
                acc[j] += scale * query.slotDot(s, block, postingSlot[p]);
                touched.set(j);
            }
            visited += postingStart[r + 1] - postingStart[r];
        }
        return visited;
    }
}
