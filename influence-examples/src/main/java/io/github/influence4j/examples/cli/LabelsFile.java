// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** Reads labels for {@code select}: from a store's LABELS, or a CSV of {@code example_id,label}. */
final class LabelsFile {
    private LabelsFile() {
    }

    /**
     * @param source a store directory or a CSV file
     * @param ids the example ids to return labels for
     * @return labels aligned with {@code ids}
     */
    static int[] read(Path source, int[] ids) {
        Map<Integer, Integer> byId = Files.isDirectory(source) ? fromStore(source) : fromCsv(source);
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Integer y = byId.get(ids[i]);
            if (y == null) {
                throw new CliException("--labels " + source + " has no label for example " + ids[i]);
            }
            out[i] = y;
        }
        return out;
    }

    private static Map<Integer, Integer> fromStore(Path dir) {
        try (TrainingArtifactStore s = StoreArgs.open(dir);
                ArtifactChunk c = s.readStatic(ArtifactKey.of(ArtifactKind.LABELS), ExampleRange.of(0, s.numExamples()))) {
            int[] y = c.values().castTo(DataType.INT32).reshape(-1).toIntVector();
            Map<Integer, Integer> m = new HashMap<>();
            for (int i = 0; i < y.length; i++) {
                m.put(i, y[i]);
            }
            return m;
        }
    }

    private static Map<Integer, Integer> fromCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("--labels " + file + " does not exist; pass a store directory or a CSV of"
                    + " example_id,label");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<Integer, Integer> m = new HashMap<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("example_id")) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length < 2) {
                    throw new NumberFormatException("one field");
                }
                m.put(Integer.parseInt(f[0].strip()), Integer.parseInt(f[1].strip()));
            } catch (NumberFormatException e) {
                throw new CliException(file + " line " + (ln + 1) + ": expected 'example_id,label', found '" + line + "'",
                        e);
            }
        }
        return m;
    }
}
