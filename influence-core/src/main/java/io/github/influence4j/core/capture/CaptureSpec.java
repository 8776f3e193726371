// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a checkpoint captures: which per-checkpoint artifact kinds (docs/DESIGN.md section 2.2), computed
 * in batches of how many examples. Where layers come from (which dense layers, which input) is
 * framework-specific and configured in the SameDiff or DL4J capture itself.
 *
 * <pre>{@code
 * CaptureSpec all = CaptureSpec.of(SameDiffCapture.ALL_KINDS);                  // batches of 256
 * CaptureSpec cheap = CaptureSpec.of(ArtifactKind.LOGITS, ArtifactKind.LOSS).withBatchSize(1024);
 * }</pre>
 *
 * @param kinds per-checkpoint kinds, at least one; static kinds ({@code LABELS}, {@code TOKEN_IDS},
 *     {@code SEGMENT_IDS}) are written once per store, never per checkpoint
 * @param batchSize the most examples per batched pass, {@code >= 1}
 */
public record CaptureSpec(Set<ArtifactKind> kinds, int batchSize) {
    /** Examples per batched pass unless set otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    /**
     * Validates the fields and copies the kinds.
     *
     * @param kinds per-checkpoint kinds, at least one; static kinds ({@code LABELS}, {@code TOKEN_IDS},
     *     {@code SEGMENT_IDS}) are written once per store, never per checkpoint
     * @param batchSize the most examples per batched pass, {@code >= 1}
     */
    public CaptureSpec {
        kinds = Set.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a capture needs at least one artifact kind");
        }
        for (ArtifactKind k : kinds) {
            if (k.isStatic()) {
                throw new IllegalArgumentException(k + " is a static kind, written once per store, not per checkpoint;"
                        + " capture per-checkpoint kinds only, got " + EnumSet.copyOf(kinds));
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
    }

    /**
     * @param kinds per-checkpoint kinds
     * @return a spec with batches of {@value #DEFAULT_BATCH_SIZE}
     */
    public static CaptureSpec of(Set<ArtifactKind> kinds) {
        return new CaptureSpec(kinds, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param first a per-checkpoint kind
     * @param more further kinds
     * @return a spec with batches of {@value #DEFAULT_BATCH_SIZE}
     */
    public static CaptureSpec of(ArtifactKind first, ArtifactKind... more) {
        return of(EnumSet.of(first, more));
    }

    /**
     * @param b the most examples per batched pass
     * @return a copy
     */
    public CaptureSpec withBatchSize(int b) {
        return new CaptureSpec(kinds, b);
    }

    /**
     * @param k the kinds
     * @return a copy
     */
    public CaptureSpec withKinds(Set<ArtifactKind> k) {
        return new CaptureSpec(k, batchSize);
    }

    /**
     * @param kind a kind
     * @return whether this spec captures it
     */
    public boolean includes(ArtifactKind kind) {
        return kinds.contains(kind);
    }
}
