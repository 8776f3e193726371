// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

/** The pretrained model files, read once per test JVM (from the test class path). */
final class MiniLmFixture {
    private static MiniLmArtifacts artifacts;
    private static BertWeights weights;
    private static WordPieceTokenizer tokenizer;

    private MiniLmFixture() {
    }

    static synchronized MiniLmArtifacts artifacts() {
        if (artifacts == null) {
            artifacts = MiniLmArtifacts.locate();
        }
        return artifacts;
    }

    static synchronized BertWeights weights() {
        if (weights == null) {
            weights = BertWeights.readOnnx(artifacts().onnxModel());
        }
        return weights;
    }

    static synchronized WordPieceTokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = WordPieceTokenizer.fromJson(artifacts().tokenizerJson());
        }
        return tokenizer;
    }
}
