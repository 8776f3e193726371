// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.spi.ArtifactReads;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-token embedding gradients of a range of examples at one checkpoint (Yeh et al. 2022,
 * Sec. 3): for example x and each distinct token w in it, {@code g_w(x) = sum of the
 * EMBEDDING_GRADS rows at the positions holding w}, which is the row w of {@code dL(x)/dE} (all
 * other rows of the embedding-matrix gradient are zero). Stored sparsely: memory and the cost of
 * every product grow with the number of distinct tokens, never with the vocabulary size.
 *
 * <pre>{@code
 * EmbeddingGradients g = EmbeddingGradients.of(tokenIdsChunk, embeddingGradsChunk, 0);
 * double selfInfluence = g.squaredNorm(0);     // ||dL/dE||_F^2 of the chunk's first example
 * }</pre>
 *
 * @implNote TracIn-WE-Top-k (Yeh et al. 2022, Sec. 4; the official notebook) keeps, per example
 *     and checkpoint, the k positions with the largest gradient-row L2 norm before summing;
 *     positions are ranked by squared norm, ties go to the lower position. Rows are summed in
 *     position order, in double precision.
 */
final class EmbeddingGradients {
    private final int firstId;
    private final int dim;
    private final int[] starts;
    private final int[] tokens;
    private final double[] vectors;

    private EmbeddingGradients(int firstId, int dim, int[] starts, int[] tokens, double[] vectors) {
        this.firstId = firstId;
        this.dim = dim;
        this.starts = starts;
        this.tokens = tokens;
        this.vectors = vectors;
    }

    /**
     * @param tokenIds a TOKEN_IDS chunk (ragged int {@code [T_i]})
     * @param grads an EMBEDDING_GRADS chunk of the same examples (ragged {@code [T_i, D]})
     * @param topK positions kept per example (TracIn-WE-Top-k), or 0 for all
     * @return the sparse per-token gradients
     * @throws CorruptStoreException if the two chunks disagree on the examples or their lengths
     */
    public static EmbeddingGradients of(ArtifactChunk tokenIds, ArtifactChunk grads, int topK) {
        if (!tokenIds.range().equals(grads.range())) {
            throw new IllegalArgumentException("TOKEN_IDS chunk " + tokenIds.range() + " and EMBEDDING_GRADS chunk "
                    + grads.range() + " cover different examples");
        }
        long[] off = tokenIds.offsets();
        long[] goff = grads.offsets();
        if (!Arrays.equals(off, goff)) {
            for (int i = 0; i < tokenIds.size(); i++) {
                if (tokenIds.length(i) != grads.length(i)) {
                    throw new CorruptStoreException("example " + (tokenIds.range().from() + i) + " has "
                            + tokenIds.length(i) + " TOKEN_IDS but " + grads.length(i) + " EMBEDDING_GRADS rows ("
                            + grads.info().key() + "); both must list the same real positions. Re-capture the "
                            + "embedding gradients for this store");
                }
            }
        }
        long[] shape = grads.info().shape();
        if (shape.length != 1) {
            throw new CorruptStoreException(grads.info().key() + " must have per-position shape [D], has "
                    + Arrays.toString(shape));
        }
        int d = (int) shape[0];
        int[] ids = flatInts(tokenIds.values());
        double[] rows = flatDoubles(grads.values());
        return of(tokenIds.range().from(), ids, off, rows, d, topK);
    }

    /**
     * @param firstId the example id of the first example
     * @param tokenIds all examples' token ids, concatenated
     * @param offsets {@code n + 1} offsets into {@code tokenIds}; example i holds positions
     *     {@code [offsets[i], offsets[i+1])}
     * @param rows the gradient rows, {@code [sum T_i x D]} row-major
     * @param dim D
     * @param topK positions kept per example, or 0 for all
     * @return the sparse per-token gradients
     */
    public static EmbeddingGradients of(int firstId, int[] tokenIds, long[] offsets, double[] rows, int dim, int topK) {
        if (dim < 1 || topK < 0) {
            throw new IllegalArgumentException("dim must be >= 1 and topK >= 0, were " + dim + ", " + topK);
        }
        int n = offsets.length - 1;
        if (n < 0 || offsets[n] != tokenIds.length || (long) tokenIds.length * dim != rows.length) {
            throw new IllegalArgumentException("offsets " + (n < 0 ? "[]" : "end at " + offsets[n]) + " for "
                    + tokenIds.length + " token ids and " + rows.length + " gradient values of width " + dim);
        }
        int[] starts = new int[n + 1];
        int[] outTokens = new int[tokenIds.length];
        double[] outVectors = new double[rows.length];
        long[] keys = new long[0];
        int u = 0;
        for (int i = 0; i < n; i++) {
            int from = (int) offsets[i];
            int len = (int) (offsets[i + 1] - from);
            int[] pos = keptPositions(rows, dim, from, len, topK);
            // (token, position) ascending as before, by one primitive sort of the keys token << 32 | position
            // (a signed long sorts negative ids first, as Integer.compare did)
            if (keys.length < pos.length) {
                keys = new long[Math.max(pos.length, 2 * keys.length)];
            }
            for (int j = 0; j < pos.length; j++) {
                keys[j] = ((long) tokenIds[from + pos[j]] << 32) | pos[j];
            }
            Arrays.sort(keys, 0, pos.length);
            for (int j = 0; j < pos.length; j++) {
                int t = (int) (keys[j] >>> 32);
                int src = (from + (int) keys[j]) * dim;
                if (j == 0 || t != outTokens[u - 1]) {
                    outTokens[u++] = t;
                    System.arraycopy(rows, src, outVectors, (u - 1) * dim, dim);
                } else {
                    int dst = (u - 1) * dim;
                    for (int k = 0; k < dim; k++) {
                        outVectors[dst + k] += rows[src + k];
                    }
                }
            }
            starts[i + 1] = u;
        }
        return new EmbeddingGradients(firstId, dim, starts, u == outTokens.length ? outTokens : Arrays.copyOf(outTokens, u),
                u * dim == outVectors.length ? outVectors : Arrays.copyOf(outVectors, u * dim));
    }

    private static int[] keptPositions(double[] rows, int dim, int from, int len, int topK) {
        if (topK == 0 || topK >= len) {
            int[] all = new int[len];
            for (int j = 0; j < len; j++) {
                all[j] = j;
            }
            return all;
        }
        Integer[] pos = new Integer[len];
        for (int j = 0; j < len; j++) {
            pos[j] = j;
        }
        double[] sq = new double[len];
        for (int j = 0; j < len; j++) {
            int s = (from + j) * dim;
            double acc = 0;
            for (int k = 0; k < dim; k++) {
                acc += rows[s + k] * rows[s + k];
            }
            sq[j] = acc;
        }
        Arrays.sort(pos, (a, b) -> sq[a] != sq[b] ? Double.compare(sq[b], sq[a]) : Integer.compare(a, b));
        int[] kept = new int[topK];
        for (int j = 0; j < topK; j++) {
            kept[j] = pos[j];
        }
        return kept;
    }

    /** Token ids as int; the cast (when the ids are int64) is closed here, not left to the GC. */
    static int[] flatInts(INDArray a) {
        if (a.isEmpty() || a.length() == 0) {
            return new int[0];
        }
        INDArray cast = a.castTo(DataType.INT);
        try {
            return cast.reshape(a.length()).toIntVector();
        } finally {
            if (cast != a) {
                cast.close();
            }
        }
    }

    static double[] flatDoubles(INDArray a) {
        if (a.isEmpty() || a.length() == 0) {
            return new double[0];
        }
        return ArtifactReads.flatDoubles(a);
    }

    /** @return the number of examples */
    public int size() {
        return starts.length - 1;
    }

    /** @return the id of the first example */
    public int firstId() {
        return firstId;
    }

    /** @return D, the embedding width */
    public int dim() {
        return dim;
    }

    /**
     * @param local an example index in {@code [0, size())}
     * @return the distinct tokens of that example (after top-k), sorted ascending
     */
    public int[] tokens(int local) {
        Objects.checkIndex(local, size());
        return Arrays.copyOfRange(tokens, starts[local], starts[local + 1]);
    }

    /**
     * @param local an example index
     * @param token a token id
     * @return a copy of {@code g_w}, or an empty array if the example does not hold the token
     */
    public double[] gradient(int local, int token) {
        int s = find(local, token);
        return s < 0 ? new double[0] : Arrays.copyOfRange(vectors, s * dim, (s + 1) * dim);
    }

    /**
     * @param local an example index
     * @return {@code ||dL/dE||_F^2 = sum_w ||g_w||^2}, the TracIn-WE self-influence at this checkpoint
     */
    public double squaredNorm(int local) {
        Objects.checkIndex(local, size());
        int from = starts[local] * dim;
        return TracInAccumulator.dot(vectors, from, vectors, from, starts[local + 1] * dim - from);
    }

    /**
     * @param local an example index here
     * @param other per-token gradients of other examples at the same checkpoint
     * @param otherLocal an example index there
     * @return {@code <dL(x)/dE, dL(x')/dE> = sum over shared tokens w of g_w(x) . g_w(x')}, by a
     *     merge over the two sorted token lists
     */
    public double dot(int local, EmbeddingGradients other, int otherLocal) {
        checkDim(other);
        Objects.checkIndex(local, size());
        Objects.checkIndex(otherLocal, other.size());
        double acc = 0;
        int a = starts[local];
        int b = other.starts[otherLocal];
        while (a < starts[local + 1] && b < other.starts[otherLocal + 1]) {
            int c = Integer.compare(tokens[a], other.tokens[b]);
            if (c == 0) {
                acc += slotDot(a, other, b);
                a++;
                b++;
            } else if (c < 0) {
                a++;
            } else {
                b++;
            }
        }
        return acc;
    }

    double slotDot(int slot, EmbeddingGradients other, int otherSlot) {
        double acc = 0;
        int p = slot * dim;
        int q = otherSlot * dim;
        for (int k = 0; k < dim; k++) {
            acc += vectors[p + k] * other.vectors[q + k];
        }
        return acc;
    }

    int find(int local, int token) {
        Objects.checkIndex(local, size());
        int i = Arrays.binarySearch(tokens, starts[local], starts[local + 1], token);
        return i < 0 ? -1 : i;
    }

    int start(int local) {
        return starts[local];
    }

    int tokenAt(int slot) {
        return tokens[slot];
    }

    void checkDim(EmbeddingGradients other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("embedding gradients of width " + dim + " and " + other.dim
                    + " cannot be multiplied: the two stores come from different models");
        }
    }
}
