// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/** Tokenization, vocabularies and GloVe vectors (Pennington, Socher and Manning, EMNLP 2014). */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp.text;
