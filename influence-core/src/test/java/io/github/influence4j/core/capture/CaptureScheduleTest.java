// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The merged schedule: step and epoch rules as the DL4J listener asks them, resolution as SameDiff's. */
class CaptureScheduleTest {
    private static final Set<ArtifactKind> FULL = Set.of(ArtifactKind.LOGITS, ArtifactKind.LOSS);

    @Test
    void stepAndEpochRulesNeedNoRunLength() {
        CaptureSchedule s = CaptureSchedule.everyIterations(3).and(CaptureSchedule.atIterations(2, 5))
                .and(CaptureSchedule.everyEpochs(2)).and(CaptureSchedule.atEpochEnds(0));
        assertEquals(List.of(2L, 3L, 5L, 6L, 9L), LongStream.rangeClosed(1, 10).filter(s::afterStep).boxed().toList());
        assertTrue(s.atEpochEnd(0));
        assertTrue(s.atEpochEnd(1));
        assertFalse(s.atEpochEnd(2));
        assertTrue(s.atEpochEnd(3));
        assertFalse(s.needsRunLength());
        assertTrue(CaptureSchedule.evenlySpaced(4).needsRunLength());
        assertTrue(CaptureSchedule.evenlySpaced(0).withLogitsCadence(5, 1).needsRunLength());
    }

    @Test
    void resolutionMapsEpochEndsAndExplicitStepsIntoTheRun() {
        CaptureSchedule s = CaptureSchedule.builder().atIterations(2, 99).everyEpochs(1).build();
        NavigableMap<Long, Set<ArtifactKind>> r = s.resolve(10, 4, FULL);
        // epochs 0 and 1 end at steps 4 and 8; epoch 2 would end at 12, beyond the run; step 99 too
        assertEquals(List.of(2L, 4L, 8L), List.copyOf(r.keySet()));
        assertTrue(r.values().stream().allMatch(FULL::equals));
    }

    @Test
    void fullCheckpointsWinOverTheLogitsCadence() {
        NavigableMap<Long, Set<ArtifactKind>> r = CaptureSchedule.everyIterations(4).withLogitsCadence(2, 1)
                .resolve(12, 6, FULL);
        assertEquals(List.of(2L, 4L, 6L, 8L, 12L), List.copyOf(r.keySet()));
        assertEquals(Set.of(ArtifactKind.LOGITS), r.get(2L));
        assertEquals(FULL, r.get(4L));
        assertEquals(Set.of(ArtifactKind.LOGITS), r.get(6L));
        assertEquals(FULL, r.get(12L));
        // a logits cadence alone
        assertEquals(List.of(5L, 10L), List.copyOf(CaptureSchedule.evenlySpaced(0).withLogitsCadence(5, 2)
                .resolve(30, 5, FULL).keySet()));
    }

    @Test
    void andKeepsThisScheduleCadencesWhereSet() {
        CaptureSchedule a = CaptureSchedule.builder().evenlySpaced(10).everyIterations(3).logitsCadence(50, 2).build();
        CaptureSchedule b = CaptureSchedule.builder().evenlySpaced(4).everyEpochs(2).logitsCadence(7, 1)
                .atIterations(11).build();
        CaptureSchedule ab = a.and(b);
        assertEquals(new CaptureSchedule(10, 3, Set.of(11L), 2, Set.of(), 50, 2), ab);
        assertEquals(new CaptureSchedule(4, 3, Set.of(11L), 2, Set.of(), 7, 1), b.and(a));
    }

    @Test
    void invalidCadencesAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptureSchedule.everyIterations(0));
        assertTrue(e.getMessage().contains("was 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CaptureSchedule.everyEpochs(-1));
        assertThrows(IllegalArgumentException.class, () -> CaptureSchedule.evenlySpaced(-1));
        assertThrows(IllegalArgumentException.class, () -> CaptureSchedule.atIterations(0));
        assertThrows(IllegalArgumentException.class, () -> CaptureSchedule.atEpochEnds(-2));
        assertThrows(IllegalArgumentException.class, () -> CaptureSchedule.builder().logitsCadence(0, 1));
        assertThrows(IllegalArgumentException.class, () -> CaptureSchedule.evenlySpaced(2).resolve(0, 1, FULL));
    }
}
