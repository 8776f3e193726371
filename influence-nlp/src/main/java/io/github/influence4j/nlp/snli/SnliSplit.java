// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.snli;

/**
 * The SNLI 1.0 splits bundled with this module (docs/DESIGN.md section 6.1: the dev split is the
 * training pool, the test split the evaluation set). CC BY-SA 4.0, see {@code NOTICE-SNLI.md}.
 */
public enum SnliSplit {
    /** {@code snli_1.0_dev}: 10,000 rows, 9,842 with a gold label. */
    DEV("snli_1.0_dev.tsv.gz", 9_842),
    /** {@code snli_1.0_test}: 10,000 rows, 9,824 with a gold label. */
    TEST("snli_1.0_test.tsv.gz", 9_824);

    private final String resource;
    private final int labelledPairs;

    SnliSplit(String resource, int labelledPairs) {
        this.resource = resource;
        this.labelledPairs = labelledPairs;
    }

    /** @return the bundled file name under {@code io/github/influence4j/nlp/data/} */
    public String resource() {
        return resource;
    }

    /** @return the number of pairs with a gold label (rows labelled {@code -} dropped) */
    public int labelledPairs() {
        return labelledPairs;
    }
}
