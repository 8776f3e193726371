// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The bundled SNLI protocol data (docs/DESIGN.md section 6.1) as all-MiniLM-L6-v2 reads it: the dev
 * split as training pool and the test split for evaluation, WordPiece-encoded as
 * {@code [CLS] premise [SEP] hypothesis [SEP]}, in the same order as the CNN's
 * {@link io.github.influence4j.nlp.encoder.SnliData} (store example id = position in SNLI dev), with
 * the frozen lower layers' states cached ({@link HiddenStateCache}).
 *
 * @param weights the pretrained encoder
 * @param tokenizer its WordPiece tokenizer
 * @param train the training pool's encodings
 * @param trainLabels the pool's gold classes
 * @param test the test split's encodings
 * @param testLabels the test split's gold classes
 * @param trainStates the pool's cached states
 * @param testStates the test split's cached states
 * @param truncatedPairs pairs (both splits) longer than the maximum length, truncated
 */
public record MiniLmSnli(BertWeights weights, WordPieceTokenizer tokenizer, List<PairEncoding> train,
        int[] trainLabels, List<PairEncoding> test, int[] testLabels, HiddenStateCache trainStates,
        HiddenStateCache testStates, int truncatedPairs) {
    /** The longest pair kept, special tokens included; SNLI's longest dev/test pair is 95 sub-words. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    /**
     * Reads the model, encodes both splits and loads or computes their caches.
     *
     * @param files the model files
     * @param cacheDir where the caches live ({@code train-L<k>.hsc}, {@code test-L<k>.hsc})
     * @param startLayer the first layer that will be trained
     * @param maxLength the most tokens per pair
     * @param limit keep only the first {@code limit} pairs of each split, 0 for all
     * @param progress told the pairs done so far, both splits together
     * @return the data
     */
    public static MiniLmSnli load(MiniLmArtifacts files, Path cacheDir, int startLayer, int maxLength, int limit,
            IntConsumer progress) {
        BertWeights w = BertWeights.readOnnx(files.onnxModel());
        WordPieceTokenizer tok = WordPieceTokenizer.fromJson(files.tokenizerJson());
        if (tok.vocabularySize() != w.config().vocabularySize()) {
            throw new IllegalArgumentException("tokenizer vocabulary has " + tok.vocabularySize()
                    + " entries, the model's word embeddings " + w.config().vocabularySize() + ": tokenizer and model"
                    + " do not match (read both from " + MiniLmArtifacts.COORDINATES + ")");
        }
        List<SnliPair> dev = cut(SnliReader.bundled(SnliSplit.DEV), limit);
        List<SnliPair> tst = cut(SnliReader.bundled(SnliSplit.TEST), limit);
        List<PairEncoding> train = encode(tok, dev, maxLength);
        List<PairEncoding> test = encode(tok, tst, maxLength);
        int truncated = (int) (train.stream().filter(p -> p.truncated() > 0).count()
                + test.stream().filter(p -> p.truncated() > 0).count());
        HiddenStateCache trainStates = HiddenStateCache.loadOrCompute(cacheDir.resolve("train-L" + startLayer + ".hsc"),
                w, train, startLayer, 64, progress);
        int n = train.size();
        HiddenStateCache testStates = HiddenStateCache.loadOrCompute(cacheDir.resolve("test-L" + startLayer + ".hsc"),
                w, test, startLayer, 64, k -> progress.accept(n + k));
        return new MiniLmSnli(w, tok, train, labels(dev), test, labels(tst), trainStates, testStates, truncated);
    }

    private static List<SnliPair> cut(List<SnliPair> pairs, int limit) {
        return limit > 0 && limit < pairs.size() ? pairs.subList(0, limit) : pairs;
    }

    private static List<PairEncoding> encode(WordPieceTokenizer tok, List<SnliPair> pairs, int maxLength) {
        List<PairEncoding> out = new ArrayList<>(pairs.size());
        for (SnliPair p : pairs) {
            out.add(tok.encodePair(p.premise(), p.hypothesis(), maxLength));
        }
        return out;
    }

    private static int[] labels(List<SnliPair> pairs) {
        return pairs.stream().mapToInt(p -> p.label().index()).toArray();
    }

    /**
     * @param labels replacement training labels (a label-noise variant), one per pool pair
     * @return this data with those training labels
     */
    public MiniLmSnli withTrainLabels(int[] labels) {
        if (labels.length != train.size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + train.size() + " training pairs");
        }
        return new MiniLmSnli(weights, tokenizer, train, labels.clone(), test, testLabels, trainStates, testStates,
                truncatedPairs);
    }
}
