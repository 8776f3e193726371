// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The SNLI 1.0 corpus (Bowman, Angeli, Potts and Manning, EMNLP 2015): labels, sentence pairs and
 * readers for the bundled TSV files and the official {@code snli_1.0_*.jsonl} / {@code .txt}
 * releases.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp.snli;
