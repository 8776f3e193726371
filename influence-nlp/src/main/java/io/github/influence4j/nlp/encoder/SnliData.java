// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import io.github.influence4j.nlp.text.WordVectors;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bundled SNLI protocol data (docs/DESIGN.md section 6.1): GloVe vectors, the dev split as training
 * pool and the test split for evaluation, tokenized with the GloVe vocabulary.
 *
 * @param vectors the bundled GloVe 6B 100d subset
 * @param train the SNLI dev split, 9,842 pairs (store example ids = positions)
 * @param test the SNLI test split, 9,824 pairs
 */
public record SnliData(WordVectors vectors, EncodedPairs train, EncodedPairs test) {
    /**
     * @param maxTokens sentences are cut to this many tokens
     * @return the bundled data
     */
    public static SnliData bundled(int maxTokens) {
        WordVectors v = WordVectors.bundledGlove();
        return new SnliData(v, EncodedPairs.encode(SnliReader.bundled(SnliSplit.DEV), v.vocabulary(), maxTokens),
                EncodedPairs.encode(SnliReader.bundled(SnliSplit.TEST), v.vocabulary(), maxTokens));
    }

    /**
     * Writes the static artifacts of a training set: {@code LABELS} (int), {@code TOKEN_IDS} and
     * {@code SEGMENT_IDS} (premise 0, hypothesis 1), ragged, premise then hypothesis. Visible at the
     * writer's next commit.
     *
     * @param writer a store of {@code data.size()} examples
     * @param data the training examples
     */
    public static void writeStatic(ArtifactWriter writer, EncodedPairs data) {
        int n = data.size();
        writer.write(ArtifactKey.of(ArtifactKind.LABELS), 0, Nd4j.createFromArray(data.labels()));
        int total = 0;
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = data.length(i);
            total += lengths[i];
        }
        int[] tok = new int[total];
        int[] seg = new int[total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int[] t = data.tokenIds(i);
            System.arraycopy(t, 0, tok, at, t.length);
            for (int j = data.premise(i).length; j < t.length; j++) {
                seg[at + j] = 1;
            }
            at += t.length;
        }
        writer.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0, Nd4j.createFromArray(tok), lengths);
        writer.writeRagged(ArtifactKey.of(ArtifactKind.SEGMENT_IDS), 0, Nd4j.createFromArray(seg), lengths);
    }
}
