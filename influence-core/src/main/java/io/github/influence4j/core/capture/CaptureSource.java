package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ExampleRange;

/**
 * Supplies eval-mode batches of the examples being captured (ids {@code 0..N-1} of the store).
 * Capture asks for ranges that never straddle a store chunk, so that a resumed capture can skip
 * whole chunks.
 */
public interface CaptureSource {
    /** @return N, the number of examples */
    int numExamples();

    /**
     * @param range consecutive example ids
     * @return their batch, dropout off
     */
    CaptureBatch batch(ExampleRange range);
}
