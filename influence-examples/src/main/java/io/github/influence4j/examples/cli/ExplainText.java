// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What {@code explain} shows of an example: its label and token ids from the store, HTML-escaped. */
final class ExplainText {
    private ExplainText() {
    }

    static String tokens(TrainingArtifactStore s, int id) {
        StringBuilder b = new StringBuilder();
        ExampleRange r = ExampleRange.of(id, id + 1);
        ArtifactKey labels = ArtifactKey.of(ArtifactKind.LABELS);
        if (s.hasStatic(labels)) {
            try (ArtifactChunk c = s.readStatic(labels, r)) {
                b.append("label ").append((long) ArtifactReads.flatDoubles(c.values())[0]).append("; ");
            }
        }
        ArtifactKey tok = ArtifactKey.of(ArtifactKind.TOKEN_IDS);
        if (s.hasStatic(tok)) {
            try (ArtifactChunk c = s.readStatic(tok, r)) {
                b.append("tokens ").append(Arrays.stream(ArtifactReads.flatDoubles(c.values()))
                        .mapToObj(v -> Long.toString((long) v)).collect(Collectors.joining(" ")));
            }
        }
        return b.isEmpty() ? "(no labels or tokens in the store)" : b.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
