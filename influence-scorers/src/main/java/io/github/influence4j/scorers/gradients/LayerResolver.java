// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Maps {@link TracInOptions#layers()} onto the artifacts of a store (rules in TracInOptions). */
final class LayerResolver {
    private final String scorer;
    private final TrainingArtifactStore store;
    private final TracInOptions options;
    private final Map<ArtifactKey, ArtifactInfo> common;
    private final Set<ArtifactKey> union;

    LayerResolver(String scorer, TrainingArtifactStore store, TracInOptions options, Map<ArtifactKey, ArtifactInfo> common,
            Set<ArtifactKey> union) {
        this.scorer = scorer;
        this.store = store;
        this.options = options;
        this.common = common;
        this.union = union;
    }

    List<GradientGroup> resolve() {
        List<String> layers = options.layers();
        if (layers.isEmpty()) {
            return options.defaults() == TracInOptions.DefaultGroups.EVERY_DENSE_GROUP ? everyDenseGroup()
                    : List.of(new GradientGroup.Factored(lastDenseBeforeHead(), options.bias()));
        }
        if (layers.equals(List.of(TracInOptions.ALL))) {
            return all();
        }
        List<GradientGroup> out = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(layers)) {
            out.add(named(name));
        }
        return out;
    }

    private GradientGroup named(String name) {
        if (name.equals(TracInOptions.EMBEDDINGS)) {
            require(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), name);
            return new GradientGroup.Embedding(options.embeddingTopK());
        }
        if (name.equals(TracInOptions.PROJECTED)) {
            require(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), name);
            return new GradientGroup.Projected();
        }
        if (name.startsWith(TracInOptions.PARAM_GRADS_PREFIX)) {
            String group = name.substring(TracInOptions.PARAM_GRADS_PREFIX.length());
            require(ArtifactKey.of(ArtifactKind.PARAM_GRADS, group), name);
            return new GradientGroup.Dense(group);
        }
        if (factored().contains(name)) {
            return new GradientGroup.Factored(name, options.bias());
        }
        ArtifactKey pg = ArtifactKey.of(ArtifactKind.PARAM_GRADS, name);
        if (common.containsKey(pg)) {
            return new GradientGroup.Dense(name);
        }
        ArtifactKey in = ArtifactKey.of(ArtifactKind.LAYER_INPUTS, name);
        ArtifactKey og = ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, name);
        if (union.contains(in) || union.contains(og) || union.contains(pg)) {
            throw new MissingArtifactException(scorer + ": layer '" + name + "' is not captured completely at every "
                    + "checkpoint used: need " + in + " and " + og + " (or " + pg + ") at each; store '" + store.id()
                    + "' holds " + union.stream().filter(k -> k.layer().equals(name)).toList()
                    + " at some. Select checkpoints with the checkpoints option");
        }
        throw new MissingArtifactException(scorer + ": store '" + store.id() + "' has no parameter group '" + name
                + "' (looked for " + in + " with " + og + ", or " + pg + "); available: " + available()
                + ". Capture it as LAYER_INPUTS/LAYER_OUTPUT_GRADS or PARAM_GRADS");
    }

    private void require(ArtifactKey key, String name) {
        if (!common.containsKey(key)) {
            throw new MissingArtifactException(scorer + ": group '" + name + "' needs " + key
                    + " at every checkpoint used; store '" + store.id() + "' has " + (union.contains(key)
                            ? "it at only some of them (select checkpoints with the checkpoints option)"
                            : "none; available groups: " + available()));
        }
    }

    private List<GradientGroup> everyDenseGroup() {
        List<GradientGroup> out = new ArrayList<>();
        Set<String> fac = factored();
        fac.forEach(l -> out.add(new GradientGroup.Factored(l, options.bias())));
        common.keySet().stream().filter(k -> k.kind() == ArtifactKind.PARAM_GRADS && !fac.contains(k.layer()))
                .forEach(k -> out.add(new GradientGroup.Dense(k.layer())));
        if (out.isEmpty()) {
            throw new MissingArtifactException(scorer + ": no checkpoint used of store '" + store.id() + "' holds a"
                    + " factored dense layer (LAYER_INPUTS + LAYER_OUTPUT_GRADS) or PARAM_GRADS at every checkpoint"
                    + " (it has " + common.keySet() + "). Capture LAYER_INPUTS and LAYER_OUTPUT_GRADS of dense layers,"
                    + " PARAM_GRADS, or EMBEDDING_GRADS (with TOKEN_IDS) at the checkpoints to score, or name the"
                    + " groups with the layers option.");
        }
        return out;
    }

    private List<GradientGroup> all() {
        List<GradientGroup> out = new ArrayList<>();
        Set<String> fac = factored();
        fac.forEach(l -> out.add(new GradientGroup.Factored(l, options.bias())));
        List<String> dense = common.keySet().stream()
                .filter(k -> k.kind() == ArtifactKind.PARAM_GRADS && !fac.contains(k.layer()))
                .map(ArtifactKey::layer).toList();
        dense.forEach(l -> out.add(new GradientGroup.Dense(l)));
        if (common.containsKey(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS))) {
            if (!dense.isEmpty()) {
                throw new ConfigurationException(scorer + ": layers=all is ambiguous in store '" + store.id()
                        + "': EMBEDDING_GRADS and PARAM_GRADS " + dense + " may describe the same parameters. "
                        + "List the groups instead, e.g. layers=" + String.join(",", fac) + (fac.isEmpty() ? "" : ",")
                        + TracInOptions.EMBEDDINGS);
            }
            out.add(new GradientGroup.Embedding(options.embeddingTopK()));
        }
        if (out.isEmpty()) {
            throw new MissingArtifactException(scorer + ": layers=all found no exact per-example gradients in store '"
                    + store.id() + "' (it has " + common.keySet() + "); for PROJECTED_GRADS use layers="
                    + TracInOptions.PROJECTED);
        }
        return out;
    }

    private String lastDenseBeforeHead() {
        List<String> fac = new ArrayList<>(factored());
        String hint = " Name the layers to use with the layers option (available: " + available() + ")";
        if (fac.isEmpty()) {
            throw new MissingArtifactException(scorer + ": the default parameter group is the last dense layer before "
                    + "the head, read from LAYER_INPUTS and LAYER_OUTPUT_GRADS; store '" + store.id()
                    + "' has no factored dense layer." + hint);
        }
        if (fac.stream().allMatch(l -> outInfo(l).attributes().containsKey(TracInOptions.LAYER_INDEX_ATTRIBUTE))) {
            fac.sort(Comparator.comparingInt(this::layerIndex));
            if (fac.size() < 2) {
                throw new ConfigurationException(scorer + ": store '" + store.id() + "' holds only the head layer '"
                        + fac.get(0) + "', not the dense layer before it." + hint);
            }
            return fac.get(fac.size() - 2);
        }
        int k = store.numClasses();
        List<String> heads = fac.stream().filter(l -> outWidth(l) == k).toList();
        if (heads.size() != 1) {
            throw new ConfigurationException(scorer + ": cannot tell the head of store '" + store.id() + "': "
                    + heads.size() + " factored layers have output width K=" + k + " (" + widths(fac) + ") and no '"
                    + TracInOptions.LAYER_INDEX_ATTRIBUTE + "' attributes give their order." + hint);
        }
        String head = heads.get(0);
        long in = inWidth(head);
        List<String> before = fac.stream().filter(l -> !l.equals(head) && outWidth(l) == in).toList();
        if (before.size() != 1) {
            throw new ConfigurationException(scorer + ": cannot tell the dense layer before the head '" + head
                    + "' (input width " + in + ") in store '" + store.id() + "': candidates " + before + " among "
                    + widths(fac) + (fac.size() == 1 ? "; only the head was captured." : ".") + hint);
        }
        return before.get(0);
    }

    private int layerIndex(String layer) {
        String v = outInfo(layer).attributes().get(TracInOptions.LAYER_INDEX_ATTRIBUTE);
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(scorer + ": attribute " + TracInOptions.LAYER_INDEX_ATTRIBUTE + "='" + v
                    + "' of LAYER_OUTPUT_GRADS." + layer + " in store '" + store.id() + "' is not an integer", e);
        }
    }

    private String widths(List<String> layers) {
        return String.join(", ", layers.stream().map(l -> l + ": " + inWidth(l) + " -> " + outWidth(l)).toList());
    }

    private ArtifactInfo outInfo(String layer) {
        return common.get(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer));
    }

    private long outWidth(String layer) {
        return outInfo(layer).elementsPerRow();
    }

    private long inWidth(String layer) {
        return common.get(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layer)).elementsPerRow();
    }

    private Set<String> factored() {
        Set<String> out = new TreeSet<>();
        for (ArtifactKey k : common.keySet()) {
            if (k.kind() == ArtifactKind.LAYER_INPUTS
                    && common.containsKey(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, k.layer()))) {
                out.add(k.layer());
            }
        }
        return out;
    }

    private List<String> available() {
        Set<String> names = new TreeSet<>(factored());
        common.keySet().stream().filter(k -> k.kind() == ArtifactKind.PARAM_GRADS).forEach(k -> names.add(k.layer()));
        List<String> out = new ArrayList<>(names);
        if (common.containsKey(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS))) {
            out.add(TracInOptions.EMBEDDINGS);
        }
        if (common.containsKey(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS))) {
            out.add(TracInOptions.PROJECTED);
        }
        return out;
    }
}
