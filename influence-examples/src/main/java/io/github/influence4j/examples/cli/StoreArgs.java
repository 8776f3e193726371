// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the store a command names, with a one-line error for the common mistakes. */
final class StoreArgs {
    private StoreArgs() {
    }

    /**
     * @param dir the {@code --store} directory
     * @return the open store (close it)
     * @throws CliException if the directory is missing or not a directory
     */
    static TrainingArtifactStore open(Path dir) {
        if (!Files.exists(dir)) {
            throw new CliException("store directory " + dir + " does not exist; pass the directory that holds"
                    + " manifest.json (e.g. one written by 'influence4j demo')");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("--store " + dir + " is a file; pass the store's directory, which holds manifest.json");
        }
        return ArtifactStores.open(dir);
    }
}
