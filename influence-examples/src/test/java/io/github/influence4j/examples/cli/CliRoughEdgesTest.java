// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rough edges a new user met (issue #15): each is a bad command line (exit 2) or a clear result. */
class CliRoughEdgesTest {
    @TempDir
    Path tmp;

    private Path scores(String body) throws Exception {
        Path f = tmp.resolve("s.csv");
        Files.writeString(f, "# score=x orientation=HIGHER_IS_HARDER store=t\nexample_id,x\n" + body);
        return f;
    }

    @Test
    void malformedOptionSaysOptionOnce() {
        CliRun r = CliRun.of("score", "--store", tmp.toString(), "--scorer", "el2n", "--option", "nonsense")
                .assertOneLineError(ExitCodes.USAGE, "KEY=VALUE", "nonsense");
        assertFalse(r.err().contains("option option"), r.err());
    }

    @Test
    void badOptionValueIsABadCommandLineFoundBeforeTheStoreIsOpened() {
        // the store does not exist: the option is checked first
        CliRun.of("score", "--store", tmp.resolve("absent").toString(), "--scorer", "vog", "--option", "spread=sd")
                .assertOneLineError(ExitCodes.USAGE, "spread='sd'", "VARIANCE");
        CliRun.of("score", "--store", tmp.resolve("absent").toString(), "--scorer", "el2n", "--option", "lyers=fc")
                .assertOneLineError(ExitCodes.USAGE, "lyers", "checkpoints");
    }

    @Test
    void unwritableOutputFailsBeforeAnyWork() {
        CliRun.of("score", "--store", tmp.resolve("absent").toString(), "--scorer", "el2n", "--out", "/proc/x.csv")
                .assertOneLineError(ExitCodes.USAGE, "/proc", "cannot write");
    }

    @Test
    void badSelectOutputExtensionIsABadCommandLine() throws Exception {
        CliRun.of("select", "--scores", scores("0,1.0\n").toString(), "--policy", "prune-easy:0.5", "--out",
                tmp.resolve("k.json").toString()).assertOneLineError(ExitCodes.USAGE, ".csv or .txt");
    }

    @Test
    void scoresSortedByValueAreAcceptedAndSelectedAsInIdOrder() throws Exception {
        Path sorted = scores("3,0.1\n0,0.2\n2,0.7\n1,0.9\n");
        Path out = tmp.resolve("k.csv");
        CliRun.of("select", "--scores", sorted.toString(), "--policy", "prune-easy:0.5", "--out", out.toString())
                .assertOk();
        List<String> kept = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#") && !l.startsWith("e"))
                .toList();
        assertEquals(List.of("1", "2"), kept, "the two hardest (highest) are kept, in id order");
    }

    @Test
    void negativeRepeatedOrNaNRowsAreErrorsNamingTheExample() throws Exception {
        Path out = tmp.resolve("k.csv");
        CliRun.of("select", "--scores", scores("0,1.0\n-4,2.0\n").toString(), "--policy", "prune-easy:0.5", "--out",
                out.toString()).assertOneLineError(ExitCodes.FAILED, "-4", "negative");
        CliRun.of("select", "--scores", scores("0,1.0\n0,2.0\n").toString(), "--policy", "prune-easy:0.5", "--out",
                out.toString()).assertOneLineError(ExitCodes.FAILED, "example 0", "twice");
        CliRun.of("select", "--scores", scores("0,1.0\n1,NaN\n").toString(), "--policy", "prune-easy:0.5", "--out",
                out.toString()).assertOneLineError(ExitCodes.FAILED, "example 1", "NaN");
        assertFalse(Files.exists(out), "nothing written on a bad input");
    }

    @Test
    void infiniteScoresAreSaidNotSilent() throws Exception {
        CliRun r = CliRun.of("select", "--scores", scores("0,1.0\n1,Infinity\n2,0.5\n3,0.7\n").toString(), "--policy",
                "prune-easy:0.5", "--out", tmp.resolve("k.csv").toString()).assertOk();
        assertTrue(r.err().contains("1 of 4 scores") && r.err().contains("infinite"), r.err());
        assertTrue(r.err().contains("not checked against a store") && r.err().contains("--labels"), r.err());
    }

    @Test
    void helpStartsWhereTheReadmeStartsAndSummariesAreWholeSentences() {
        CliRun r = CliRun.of("--help").assertOk();
        assertTrue(r.out().contains("snli-prune --quick"), r.out());
        for (String line : r.out().lines().toList()) {
            if (line.matches("  (snli-prune|demo|report) .*")) {
                assertTrue(line.strip().endsWith("."), "summary cut mid-sentence: " + line);
            }
        }
    }

    @Test
    void damagedStoreHintsNameTheCommandNotTheLibraryCall() {
        String line = ErrorReporter.oneLine(new io.github.influence4j.core.exception.CorruptStoreException(
                "chunk x is damaged; ArtifactStores.verify(dir) lists every damaged file."), ExitCodes.FAILED);
        assertTrue(line.contains("influence4j inspect --store DIR --verify") && !line.contains("ArtifactStores"), line);
        String both = ErrorReporter.oneLine(new io.github.influence4j.core.exception.CorruptStoreException(
                "x; ArtifactStores.verify(dir) (or 'influence4j inspect --store DIR --verify') lists every damaged file."),
                ExitCodes.FAILED);
        assertEquals(1, both.split("inspect", -1).length - 1, both);
    }
}
