// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the checkpoints a scorer uses (its {@link #CHECKPOINTS} option): every committed checkpoint holding the artifacts it
 * needs, or a subset named by id. Selected checkpoints are always returned in the store's order
 * (training order), whatever order the ids were given in.
 */
public final class CheckpointSelection {
    /**
     * The option every built-in scorer takes: comma-separated checkpoint ids (kept in training
     * order), or empty for every checkpoint holding what the scorer reads.
     */
    public static final Option<List<String>> CHECKPOINTS = Option.list("checkpoints",
            "comma-separated checkpoint ids (default: every checkpoint holding what the score reads)");

    private CheckpointSelection() {
    }

    /**
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @param requested checkpoint ids, or empty for every checkpoint holding {@code needed}
     * @param needed artifacts every selected checkpoint must hold
     * @param hint how to capture the artifacts, appended to the error message
     * @return the checkpoints, in store order, never empty
     * @throws ConfigurationException for an unknown or repeated id
     * @throws MissingArtifactException if a named checkpoint lacks an artifact, or none holds them all
     */
    public static List<Checkpoint> select(TrainingArtifactStore store, String scorer, List<String> requested,
            Collection<ArtifactKey> needed, String hint) {
        List<Checkpoint> all = store.checkpoints();
        if (requested.isEmpty()) {
            List<Checkpoint> out = all.stream().filter(c -> holdsAll(store, c, needed)).toList();
            if (out.isEmpty()) {
                throw new MissingArtifactException(scorer + " needs " + needed + " at one checkpoint at least; store '"
                        + store.id() + "' has " + all.size() + " committed checkpoints" + describe(store, all)
                        + ". " + hint);
            }
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (String id : requested) {
            if (!seen.add(id)) {
                throw new ConfigurationException(scorer + ": checkpoint '" + id + "' is named twice in " + requested);
            }
            Checkpoint c = store.checkpoint(id).orElseThrow(() -> new ConfigurationException(scorer + ": store '"
                    + store.id() + "' has no committed checkpoint '" + id + "'; committed: "
                    + ArtifactReads.ids(all)));
            Set<ArtifactKey> missing = new LinkedHashSet<>(needed);
            missing.removeAll(store.artifacts(c.id()).keySet());
            if (!missing.isEmpty()) {
                throw new MissingArtifactException(scorer + ": checkpoint '" + id + "' of store '" + store.id()
                        + "' lacks " + missing + "; it holds " + store.artifacts(c.id()).keySet() + ". " + hint);
            }
        }
        List<Checkpoint> out = new ArrayList<>();
        for (Checkpoint c : all) {
            if (seen.contains(c.id())) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static boolean holdsAll(TrainingArtifactStore store, Checkpoint c, Collection<ArtifactKey> needed) {
        return store.artifacts(c.id()).keySet().containsAll(needed);
    }

    private static String describe(TrainingArtifactStore store, List<Checkpoint> all) {
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        int shown = 0;
        for (Checkpoint c : all) {
            if (shown++ == 3) {
                sb.append(", ...");
                break;
            }
            sb.append(shown > 1 ? ", " : "").append(c.id()).append(": ").append(store.artifacts(c.id()).keySet());
        }
        return sb.append(')').toString();
    }

    /**
     * Validates checkpoint ids given in options.
     *
     * @param scorer the scorer's name, for messages
     * @param ids the ids
     * @return an unmodifiable copy
     * @throws IllegalArgumentException for a blank or repeated id
     */
    public static List<String> checkIds(String scorer, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id.isBlank()) {
                throw new IllegalArgumentException(scorer + ": blank checkpoint id in " + ids);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(scorer + ": checkpoint '" + id + "' is named twice in " + ids);
            }
        }
        return List.copyOf(ids);
    }
}
