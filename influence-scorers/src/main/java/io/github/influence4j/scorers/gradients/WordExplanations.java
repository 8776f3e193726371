// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Word-level explanations of TracIn-WE (Yeh et al. 2022, Sec. 3.2): the influence of a training
 * example x' on a test example x decomposes over the tokens they share,
 * {@code TracInWE(x, x') = sum_w sum_c eta_c g_w^c(x) . g_w^c(x')}; the per-token terms say which
 * words carry the influence. Pure math on per-checkpoint {@link EmbeddingGradients}.
 */
final class WordExplanations {
    private WordExplanations() {
    }

    /**
     * @param test per-checkpoint gradients holding the test example, in checkpoint order
     * @param testLocal its index in each of them
     * @param train per-checkpoint gradients holding the training example, same checkpoints
     * @param trainLocal its index in each of them
     * @param etas the factor of each checkpoint (its learning rate, or 1)
     * @return the shared tokens, largest contribution first (ties: lower token id first)
     */
    public static List<WordContribution> explain(List<EmbeddingGradients> test, int testLocal,
            List<EmbeddingGradients> train, int trainLocal, double[] etas) {
        if (test.size() != train.size() || test.size() != etas.length) {
            throw new IllegalArgumentException(test.size() + " test and " + train.size() + " train checkpoints for "
                    + etas.length + " learning rates");
        }
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        for (int c = 0; c < etas.length; c++) {
            EmbeddingGradients a = test.get(c);
            EmbeddingGradients b = train.get(c);
            a.checkDim(b);
            for (int s = a.start(testLocal); s < a.start(testLocal + 1); s++) {
                int t = a.tokenAt(s);
                int o = b.find(trainLocal, t);
                if (o >= 0) {
                    sums.computeIfAbsent(t, k -> new double[1])[0] += etas[c] * a.slotDot(s, b, o);
                }
            }
        }
        List<WordContribution> out = new ArrayList<>(sums.size());
        sums.forEach((t, v) -> out.add(new WordContribution(t, v[0])));
        out.sort(Comparator.comparingDouble(WordContribution::contribution).reversed()
                .thenComparingInt(WordContribution::tokenId));
        return List.copyOf(out);
    }
}
