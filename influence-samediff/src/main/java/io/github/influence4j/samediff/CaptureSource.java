// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.store.ExampleRange;

/**
 * Supplies eval-mode batches (graph placeholders) of the examples a {@link SameDiffCapture}
 * captures (ids {@code 0..N-1} of the store). Capture asks for ranges that never straddle a store
 * chunk, so that a resumed capture can skip whole chunks, and puts the rows back in id order itself: a source may split a range into
 * batches of examples of similar length, so that little padding is computed.
 */
public interface CaptureSource {
    /** @return N, the number of examples */
    int numExamples();

    /**
     * @param range consecutive example ids
     * @param maxBatchSize the most examples per batch
     * @return batches, dropout off, that together hold every id of the range exactly once
     */
    java.util.List<EvalBatch> batches(ExampleRange range, int maxBatchSize);
}
