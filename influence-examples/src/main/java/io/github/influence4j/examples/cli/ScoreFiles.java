// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes scores to the file a command names, choosing the format by extension. */
final class ScoreFiles {
    private ScoreFiles() {
    }

    /**
     * Fails before any work is done if the output cannot be written.
     *
     * @param out the output file
     * @throws CliException for an extension other than .csv/.npy or a missing parent directory
     */
    static void checkWritable(Path out) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".csv") && !n.endsWith(".npy")) {
            throw new CliException("--out " + out + ": the file name must end in .csv or .npy");
        }
        if (Files.isDirectory(out)) {
            throw new CliException("--out " + out + " is a directory; name a .csv or .npy file");
        }
        Path dir = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(Files.createTempFile(dir, ".influence4j-probe", ".tmp"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new CliException("--out " + out + ": cannot write in " + dir
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; choose a writable directory", e);
        }
    }

    /**
     * @param scores the scores
     * @param out a .csv or .npy file that {@link #checkWritable} accepted before the work began
     */
    static void write(InfluenceScores scores, Path out) {
        if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            scores.writeCsv(out);
        } else {
            scores.writeNpy(out);
        }
    }
}
