// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one artifact in a store: a kind plus, for {@linkplain ArtifactKind#isLayered() layered}
 * kinds, the dense layer or parameter group it belongs to (for example {@code LAYER_INPUTS.fc2}).
 *
 * @param kind the artifact kind
 * @param layer the layer or parameter-group name; empty exactly when the kind is not layered
 */
public record ArtifactKey(ArtifactKind kind, String layer) implements Comparable<ArtifactKey> {
    private static final Pattern LAYER_NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

    /**
     * Validates the key.
     *
     * @param kind the artifact kind
     * @param layer the layer or parameter-group name; empty exactly when the kind is not layered
     * @throws IllegalArgumentException if a layered kind lacks a layer, an unlayered one has one, or
     *     the layer name holds characters other than letters, digits, {@code _} and {@code -}
     */
    public ArtifactKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(layer, "layer");
        if (kind.isLayered() && layer.isEmpty()) {
            throw new IllegalArgumentException(kind + " is per layer: name the layer, e.g. ArtifactKey.of("
                    + kind + ", \"fc2\")");
        }
        if (!kind.isLayered() && !layer.isEmpty()) {
            throw new IllegalArgumentException(kind + " is not per layer but layer '" + layer + "' was given");
        }
        if (!layer.isEmpty() && !LAYER_NAME.matcher(layer).matches()) {
            throw new IllegalArgumentException("layer name '" + layer
                    + "' may hold only letters, digits, '_' and '-' (it becomes a directory name)");
        }
    }

    /**
     * @param kind an unlayered kind
     * @return its key
     */
    public static ArtifactKey of(ArtifactKind kind) {
        return new ArtifactKey(kind, "");
    }

    /**
     * @param kind a layered kind
     * @param layer the layer or parameter-group name
     * @return its key
     */
    public static ArtifactKey of(ArtifactKind kind, String layer) {
        return new ArtifactKey(kind, layer);
    }

    /**
     * Parses the form {@link #toString()} writes: {@code KIND} or {@code KIND.layer}.
     *
     * @param text the key as text
     * @return the key
     * @throws IllegalArgumentException if the kind is unknown or the layer is invalid
     */
    public static ArtifactKey parse(String text) {
        int dot = text.indexOf('.');
        String kindName = dot < 0 ? text : text.substring(0, dot);
        ArtifactKind kind;
        try {
            kind = ArtifactKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown artifact kind '" + kindName + "' in '" + text
                    + "'; known kinds: " + java.util.Arrays.toString(ArtifactKind.values()), e);
        }
        return new ArtifactKey(kind, dot < 0 ? "" : text.substring(dot + 1));
    }

    /** @return {@code KIND} or {@code KIND.layer}; also the directory name in the file store */
    @Override
    public String toString() {
        return layer.isEmpty() ? kind.name() : kind.name() + "." + layer;
    }

    @Override
    public int compareTo(ArtifactKey o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : layer.compareTo(o.layer);
    }
}
