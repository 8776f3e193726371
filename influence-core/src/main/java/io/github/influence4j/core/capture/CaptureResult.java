// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.Checkpoint;

/**
 * What one checkpoint capture did.
 *
 * @param checkpoint the committed checkpoint
 * @param computedExamples examples computed in this call
 * @param skippedExamples examples skipped because the writer already held them (a resumed capture)
 * @param seconds wall time
 */
public record CaptureResult(Checkpoint checkpoint, int computedExamples, int skippedExamples, double seconds) {
}
