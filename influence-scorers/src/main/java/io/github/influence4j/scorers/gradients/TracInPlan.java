// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a TracIn run reads: the parameter groups (resolved from {@link TracInOptions#layers()}
 * against the store, see there) and the checkpoints with their factors eta_c.
 *
 * @param groups the groups, in the order their products are summed
 * @param checkpoints the checkpoints, in store order
 * @param etas eta_c per checkpoint (the learning rate, or 1 when learning rates are ignored)
 */
record TracInPlan(List<GradientGroup> groups, List<Checkpoint> checkpoints, double[] etas) {
    private static final Set<ArtifactKind> GRADIENT_KINDS = EnumSet.of(ArtifactKind.LAYER_INPUTS,
            ArtifactKind.LAYER_OUTPUT_GRADS, ArtifactKind.PARAM_GRADS, ArtifactKind.EMBEDDING_GRADS,
            ArtifactKind.PROJECTED_GRADS);

    /** @return the kinds the plan reads */
    Set<ArtifactKind> kinds() {
        Set<ArtifactKind> s = EnumSet.noneOf(ArtifactKind.class);
        for (GradientGroup g : groups) {
            g.keys().forEach(k -> s.add(k.kind()));
            if (g instanceof GradientGroup.Embedding) {
                s.add(ArtifactKind.TOKEN_IDS);
            }
        }
        return s;
    }

    /** @return the group labels, comma-separated, for provenance */
    String labels() {
        return String.join(",", groups.stream().map(GradientGroup::label).toList());
    }

    /** @return the checkpoint ids */
    List<String> checkpointIds() {
        return checkpoints.stream().map(Checkpoint::id).toList();
    }

    static TracInPlan resolve(String scorer, TrainingArtifactStore store, TracInOptions options) {
        List<Checkpoint> candidates = candidates(scorer, store, options);
        Map<ArtifactKey, ArtifactInfo> common = new TreeMap<>(store.artifacts(candidates.get(0).id()));
        Set<ArtifactKey> union = new TreeSet<>(common.keySet());
        for (Checkpoint c : candidates) {
            common.keySet().retainAll(store.artifacts(c.id()).keySet());
            union.addAll(store.artifacts(c.id()).keySet());
        }
        List<GradientGroup> groups = new LayerResolver(scorer, store, options, common, union).resolve();
        for (GradientGroup g : groups) {
            if (g instanceof GradientGroup.Embedding && !store.hasStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS))) {
                throw new MissingArtifactException(scorer + ": the embedding group needs the static TOKEN_IDS next to "
                        + "EMBEDDING_GRADS; store '" + store.id() + "' has static " + store.staticArtifacts().keySet()
                        + ". Capture the token ids of the real positions");
            }
            if (g instanceof GradientGroup.Projected) {
                for (Checkpoint c : candidates) {
                    GradientProjection.fromAttributes(store.artifacts(c.id()).get(g.keys().get(0)).attributes(),
                            "PROJECTED_GRADS of checkpoint '" + c.id() + "' in store '" + store.id() + "'");
                }
            }
        }
        double[] etas = candidates.stream().mapToDouble(c -> options.useLearningRate() ? c.learningRate() : 1.0)
                .toArray();
        return new TracInPlan(List.copyOf(groups), List.copyOf(candidates), etas);
    }

    private static List<Checkpoint> candidates(String scorer, TrainingArtifactStore store, TracInOptions options) {
        List<Checkpoint> out = new ArrayList<>();
        if (!options.checkpoints().isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>(options.checkpoints());
            for (Checkpoint c : store.checkpoints()) {
                if (wanted.remove(c.id())) {
                    out.add(c);
                }
            }
            if (!wanted.isEmpty()) {
                throw new ConfigurationException(scorer + ": checkpoints " + wanted + " are not in store '" + store.id()
                        + "'; it has " + store.checkpoints().stream().map(Checkpoint::id).toList());
            }
            return out;
        }
        for (Checkpoint c : store.checkpoints()) {
            if (store.artifacts(c.id()).keySet().stream().anyMatch(k -> GRADIENT_KINDS.contains(k.kind()))) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            Set<ArtifactKey> have = new TreeSet<>();
            store.checkpoints().forEach(c -> have.addAll(store.artifacts(c.id()).keySet()));
            throw new MissingArtifactException(scorer + " needs per-example gradients (LAYER_INPUTS + LAYER_OUTPUT_GRADS, "
                    + "PARAM_GRADS, EMBEDDING_GRADS or PROJECTED_GRADS); store '" + store.id() + "' has "
                    + store.checkpoints().size() + " checkpoints holding " + have
                    + ". Capture per-example gradients at the checkpoints to use");
        }
        return out;
    }

    /**
     * Checks that a test store can be scored against the training store with this plan: the same
     * checkpoint ids with the same learning rates, every artifact present with the same shape, and
     * the same projection.
     *
     * @throws IncompatibleStoreException naming the checkpoint and the difference
     */
    void checkCompatible(String scorer, TrainingArtifactStore train, TrainingArtifactStore test) {
        for (Checkpoint c : checkpoints) {
            Checkpoint t = test.checkpoint(c.id()).orElseThrow(() -> new IncompatibleStoreException(scorer
                    + ": checkpoint '" + c.id() + "' of training store '" + train.id() + "' is not in test store '"
                    + test.id() + "', which has " + test.checkpoints().stream().map(Checkpoint::id).toList()
                    + ". Capture the test set at the same checkpoints, or select common ones with the checkpoints option"));
            if (Double.compare(t.learningRate(), c.learningRate()) != 0) {
                throw new IncompatibleStoreException(scorer + ": checkpoint '" + c.id() + "' has learning rate "
                        + c.learningRate() + " in training store '" + train.id() + "' but " + t.learningRate()
                        + " in test store '" + test.id() + "'; both must come from the same training run");
            }
            Map<ArtifactKey, ArtifactInfo> tr = train.artifacts(c.id());
            Map<ArtifactKey, ArtifactInfo> te = test.artifacts(c.id());
            for (GradientGroup g : groups) {
                for (ArtifactKey k : g.keys()) {
                    ArtifactInfo a = tr.get(k);
                    ArtifactInfo b = te.get(k);
                    if (b == null) {
                        throw new MissingArtifactException(scorer + ": test store '" + test.id() + "' lacks " + k
                                + " at checkpoint '" + c.id() + "' (it has " + te.keySet() + ")");
                    }
                    if (!Objects.equals(a.exampleShape(), b.exampleShape())) {
                        throw new IncompatibleStoreException(scorer + ": " + k + " at checkpoint '" + c.id()
                                + "' has shape " + a.exampleShape() + " in training store '" + train.id() + "' but "
                                + b.exampleShape() + " in test store '" + test.id() + "'; they come from different models");
                    }
                    if (g instanceof GradientGroup.Projected) {
                        checkSameProjection(scorer, c.id(), train, a, test, b);
                    }
                }
                if (g instanceof GradientGroup.Embedding && !test.hasStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS))) {
                    throw new MissingArtifactException(scorer + ": test store '" + test.id()
                            + "' lacks the static TOKEN_IDS needed by the embedding group");
                }
            }
        }
    }

    private static void checkSameProjection(String scorer, String ckpt, TrainingArtifactStore train, ArtifactInfo a,
            TrainingArtifactStore test, ArtifactInfo b) {
        Map<String, String> pa = projectionAttributes(a.attributes());
        Map<String, String> pb = projectionAttributes(b.attributes());
        if (!pa.equals(pb)) {
            Set<String> keys = new HashSet<>(pa.keySet());
            keys.addAll(pb.keySet());
            StringBuilder diff = new StringBuilder();
            for (String k : new TreeSet<>(keys)) {
                if (!Objects.equals(pa.get(k), pb.get(k))) {
                    diff.append(' ').append(k).append(": ").append(pa.get(k)).append(" vs ").append(pb.get(k)).append(';');
                }
            }
            throw new IncompatibleStoreException(scorer + ": PROJECTED_GRADS at checkpoint '" + ckpt
                    + "' were projected differently in training store '" + train.id() + "' and test store '" + test.id()
                    + "' (" + diff.toString().strip() + "); project both with the same GradientProjection");
        }
    }

    private static Map<String, String> projectionAttributes(Map<String, String> attributes) {
        Map<String, String> m = new TreeMap<>();
        attributes.forEach((k, v) -> {
            if (k.startsWith(GradientProjection.ATTRIBUTE_PREFIX)) {
                m.put(k, v);
            }
        });
        return m;
    }
}
