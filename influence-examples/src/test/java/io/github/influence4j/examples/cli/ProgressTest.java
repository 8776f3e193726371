// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.ScoringListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void scoringListenerDrawsABarAndPrintsWarnings() {
        ByteArrayOutputStream bars = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Progress p = Progress.drawingTo(new PrintWriter(err, true), new PrintStream(bars, true, StandardCharsets.UTF_8));
        ScoringListener l = p.scoringListener();
        l.onStart("vog", 1000);
        l.onProgress("vog", 500, 1000);
        l.onWarning("vog", "class 2 has one example");
        l.onProgress("vog", 1000, 1000);
        l.onComplete("vog", null);
        String drawn = bars.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("vog") && drawn.contains("100%") && drawn.contains("1000/1000"), drawn);
        assertEquals("influence4j: warning: vog: class 2 has one example", err.toString().strip());
    }

    @Test
    void withoutATerminalNothingIsDrawn() {
        StringWriter err = new StringWriter();
        Progress p = Progress.of(new PrintWriter(err, true), new GlobalOptions());
        // surefire's forked JVM has no console
        assertTrue(!p.enabled());
        try (Progress.Bar b = p.bar("x", 10, "ex")) {
            b.step();
            b.stepTo(10);
        }
        assertEquals("", err.toString());
    }
}
