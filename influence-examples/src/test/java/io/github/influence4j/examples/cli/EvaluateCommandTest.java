// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code influence4j evaluate}: its usage errors and its refusal to resume a directory set up differently (no training). */
class EvaluateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void usageErrors() {
        CliRun.of("evaluate").assertOneLineError(ExitCodes.USAGE, "lds or brittleness");
        CliRun.of("evaluate", "lds", "--subsets", "1").assertOneLineError(ExitCodes.USAGE, "--subsets");
        CliRun.of("evaluate", "brittleness", "--methods", "bogus").assertOneLineError(ExitCodes.USAGE, "bogus", "trak");
        CliRun.of("evaluate", "brittleness", "--test-count", "500").assertOneLineError(ExitCodes.USAGE, "--test-count");
        CliRun.of("evaluate", "lds", "--projection-dim", "2").assertOneLineError(ExitCodes.USAGE, "--projection-dim");
        CliRun.of("evaluate", "brittleness", "--random-draws", "0").assertOneLineError(ExitCodes.USAGE, "--random-draws");
    }

    @Test
    void aDirectorySetUpDifferentlyIsRefusedBeforeAnyWork() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("eval"));
        String other = "{\"epochs\":5,\"models\":1,\"checkpoints\":3,\"tests\":100,\"testSeed\":7,\"projectionDim\":256,"
                + "\"projectionSeed\":0,\"lambda\":0.0,\"fraction\":0.5,\"subsetSeed\":19}";
        Files.writeString(dir.resolve("settings.json"), other);
        CliRun.of("evaluate", "lds", "--dir", dir.toString(), "--subsets", "3")
                .assertOneLineError(ExitCodes.FAILED, "was set up with", "epochs=5");
        org.junit.jupiter.api.Assertions.assertEquals(other, Files.readString(dir.resolve("settings.json")));
    }
}
