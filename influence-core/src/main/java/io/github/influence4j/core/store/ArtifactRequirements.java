// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import io.github.influence4j.core.exception.MissingArtifactException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, before any chunk is read, that a store holds the artifact kinds a scorer needs, and
 * says precisely what is missing.
 *
 * <pre>{@code
 * ArtifactRequirements.require(store, "vog", Set.of(ArtifactKind.INPUT_GRADS, ArtifactKind.LABELS));
 * }</pre>
 */
public final class ArtifactRequirements {
    private ArtifactRequirements() {
    }

    /**
     * A static kind is present when the store holds a static artifact of that kind; a
     * per-checkpoint kind when at least one committed checkpoint holds it.
     *
     * @param store the store
     * @param scorer the scorer's name, for the message
     * @param kinds the kinds it needs
     * @throws MissingArtifactException naming every missing kind, what the store holds and what to do
     */
    public static void require(TrainingArtifactStore store, String scorer, Collection<ArtifactKind> kinds) {
        Set<ArtifactKind> missing = new TreeSet<>();
        for (ArtifactKind k : kinds) {
            boolean present = k.isStatic() ? store.staticArtifacts().keySet().stream().anyMatch(a -> a.kind() == k)
                    : !store.checkpointsWith(k).isEmpty();
            if (!present) {
                missing.add(k);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Set<ArtifactKey> perCheckpoint = new TreeSet<>();
        List<Checkpoint> cps = store.checkpoints();
        cps.forEach(c -> perCheckpoint.addAll(store.artifacts(c.id()).keySet()));
        throw new MissingArtifactException(scorer + " needs " + missing + "; store '" + store.id() + "' has "
                + perCheckpoint + " (" + cps.size() + " checkpoint" + (cps.size() == 1 ? "" : "s") + ") and static "
                + store.staticArtifacts().keySet() + ". Capture " + missing + " into the store, or choose a scorer"
                + " whose required artifacts it holds.");
    }
}
