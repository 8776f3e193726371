// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs the DL4J example end to end (about a minute): loss-based scores must find the shuffled labels. */
@Tag("slow")
class DigitsMislabelDetectionTest {
    @Test
    void scoresDetectShuffledLabels() {
        List<DigitsMislabelDetection.Row> rows = DigitsMislabelDetection.run(42, 0.2, 10, System.out);
        assertEquals(10, rows.size());
        Map<String, Double> auroc = rows.stream().collect(Collectors.toMap(DigitsMislabelDetection.Row::score,
                DigitsMislabelDetection.Row::auroc));
        for (String s : List.of("el2n", "aum", "data-map confidence", "grand (all layers)", "tracin-self (hidden2)")) {
            assertTrue(auroc.get(s) > 0.8, s + " should detect shuffled labels, AUROC " + auroc.get(s));
        }
    }
}
