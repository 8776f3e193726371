// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Asserts a failure reported as exactly one stderr line, no stack trace. */
    CliRun assertOneLineError(int expectedCode, String... fragments) {
        assertEquals(expectedCode, exitCode, () -> "exit code; stderr: " + err + "\nstdout: " + out);
        String[] lines = err.strip().split("\\R");
        assertEquals(1, lines.length, () -> "expected one stderr line, got:\n" + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception:"), () -> "stack trace on stderr:\n" + err);
        for (String f : fragments) {
            org.junit.jupiter.api.Assertions.assertTrue(err.contains(f), () -> "stderr lacks '" + f + "':\n" + err);
        }
        return this;
    }

    CliRun assertOk() {
        assertEquals(ExitCodes.OK, exitCode, () -> "exit code; stderr: " + err + "\nstdout: " + out);
        return this;
    }
}
