// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptureSpecTest {
    @Test
    void holdsPerCheckpointKindsAndABatchSize() {
        CaptureSpec s = CaptureSpec.of(ArtifactKind.LOGITS, ArtifactKind.LOSS);
        assertEquals(CaptureSpec.DEFAULT_BATCH_SIZE, s.batchSize());
        assertEquals(Set.of(ArtifactKind.LOGITS, ArtifactKind.LOSS), s.kinds());
        assertTrue(s.includes(ArtifactKind.LOSS));
        assertFalse(s.includes(ArtifactKind.INPUT_GRADS));
        assertEquals(new CaptureSpec(Set.of(ArtifactKind.LOGITS, ArtifactKind.LOSS), 24), s.withBatchSize(24));
        assertEquals(Set.of(ArtifactKind.LOGITS), s.withKinds(Set.of(ArtifactKind.LOGITS)).kinds());
    }

    @Test
    void staticKindsAnEmptySetAndBadBatchSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptureSpec.of(ArtifactKind.LOGITS, ArtifactKind.TOKEN_IDS));
        assertTrue(e.getMessage().startsWith("TOKEN_IDS is a static kind"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CaptureSpec.of(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> CaptureSpec.of(ArtifactKind.LOGITS).withBatchSize(0));
    }
}
