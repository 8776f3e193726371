// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes end in one stderr line and a non-zero exit code; --debug adds the trace. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void unknownOptionIsAUsageError() {
        CliRun.of("score", "--bogus").assertOneLineError(ExitCodes.USAGE, "Unknown option", "--bogus", "--help");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun.of("frobnicate").assertOneLineError(ExitCodes.USAGE, "frobnicate");
    }

    @Test
    void noSubcommandNamesTheSubcommands() {
        CliRun.of().assertOneLineError(ExitCodes.USAGE, "demo", "score", "inspect", "select", "report");
    }

    @Test
    void malformedOptionValueIsAUsageError() {
        CliRun.of("score", "--store", tmp.toString(), "--scorer", "x", "--top", "many")
                .assertOneLineError(ExitCodes.USAGE, "--top", "many");
        CliRun.of("score", "--store", tmp.toString(), "--scorer", "x", "--option", "novalue")
                .assertOneLineError(ExitCodes.USAGE, "novalue");
    }

    @Test
    void missingStoreDirectory() {
        Path missing = tmp.resolve("nope");
        CliRun.of("inspect", "--store", missing.toString())
                .assertOneLineError(ExitCodes.FAILED, "does not exist", missing.toString());
    }

    @Test
    void storeDirectoryWithoutManifestIsOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun r = CliRun.of("inspect", "--store", empty.toString());
        assertTrue(r.exitCode() != ExitCodes.OK, r.err());
        assertEquals(1, r.err().strip().split("\\R").length, r.err());
    }

    @Test
    void unknownScorerListsTheAvailableOnes() {
        CliRun.of("score", "--store", tmp.toString(), "--scorer", "no-such-scorer")
                .assertOneLineError(ExitCodes.USAGE, "no scorer named 'no-such-scorer'", "available");
    }

    @Test
    void scoreWithoutStoreOrScorerIsAUsageError() {
        CliRun.of("score").assertOneLineError(ExitCodes.USAGE, "--store", "--scorer", "--list");
    }

    @Test
    void badOutputExtensionFailsBeforeAnyWork() {
        CliRun.of("score", "--store", tmp.toString(), "--scorer", "x", "--out", tmp.resolve("s.json").toString())
                .assertOneLineError(ExitCodes.USAGE, ".csv or .npy");
    }

    @Test
    void reportOnADirectoryWithoutResults() {
        CliRun.of("report", "--run", tmp.toString()).assertOneLineError(ExitCodes.FAILED, "results.json");
        CliRun.of("report", "--run", tmp.resolve("absent").toString()).assertOneLineError(ExitCodes.FAILED, "does not exist");
    }

    @Test
    void corruptResultsFileIsOneLine() throws Exception {
        Files.writeString(tmp.resolve("results.json"), "{\"format\": \"influence4j-run-results\", \"formatVersion\": 1,");
        CliRun.of("report", "--run", tmp.toString()).assertOneLineError(ExitCodes.FAILED, "not valid JSON");
        Files.writeString(tmp.resolve("results.json"), "{\"format\": \"influence4j-run-results\", \"formatVersion\": 9}");
        CliRun.of("report", "--run", tmp.toString()).assertOneLineError(ExitCodes.FAILED, "version 9");
    }

    @Test
    void badSelectionPolicyIsOneLine() throws Exception {
        Path scores = tmp.resolve("s.csv");
        Files.writeString(scores, "# score=x orientation=HIGHER_IS_HARDER store=t\nexample_id,x\n0,1.0\n1,2.0\n");
        CliRun.of("select", "--scores", scores.toString(), "--policy", "prune-sideways:0.3", "--out",
                tmp.resolve("k.csv").toString()).assertOneLineError(ExitCodes.USAGE, "prune-sideways");
    }

    @Test
    void debugPrintsTheStackTrace() {
        CliRun r = CliRun.of("score", "--debug", "--store", tmp.toString(), "--scorer", "no-such-scorer");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
        assertTrue(r.err().startsWith(ErrorReporter.PREFIX + "no scorer named"), r.err());
    }

    @Test
    void helpAndVersionSucceed() {
        CliRun h = CliRun.of("--help").assertOk();
        assertTrue(h.out().contains("demo") && h.out().contains("score") && h.out().contains("report"), h.out());
        assertTrue(CliRun.of("--version").assertOk().out().contains("influence4j"));
        assertTrue(CliRun.of("score", "--help").assertOk().out().contains("--option"));
    }

    @Test
    void internalErrorsAreOneLineWithAHint() {
        assertEquals(ExitCodes.INTERNAL, ErrorReporter.exitCode(new NullPointerException("x")));
        String line = ErrorReporter.oneLine(new IllegalStateException("boom\nsecond line"), ExitCodes.INTERNAL);
        assertEquals("internal error: java.lang.IllegalStateException: boom second line", line);
    }
}
