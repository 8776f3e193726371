// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import java.util.List;
import io.github.influence4j.core.store.CheckpointWriter;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The artifacts of one batch of examples, as a SameDiff or DL4J capture computed them, rows in the
 * batch's order (docs/DESIGN.md sections 2.2 and 5.1).
 *
 * <pre>{@code
 * CapturedBatch b = session.computeBatch(data, ExampleRange.of(0, 256));
 * INDArray z = b.logits();                                   // [B, K]
 * INDArray delta = b.layerOutputGrads().get("fc2");          // [B, O]
 * b.writeTo(writer);                                         // a checkpoint must be open
 * }</pre>
 *
 * @param ids the store example id of each row
 * @param dense dense artifacts, {@code [n, ...]} each
 * @param ragged ragged artifacts, real positions only, {@code [sum lengths, D]} each
 * @param lengths real positions per example ({@code T_i}), shared by every ragged artifact; one
 *     entry per row, or none when the batch holds no ragged artifact and the capture did not
 *     compute them
 */
public record CapturedBatch(int[] ids, Map<ArtifactKey, INDArray> dense, Map<ArtifactKey, INDArray> ragged,
        int[] lengths) {
    /**
     * Copies the maps into key order and checks the row counts.
     *
     * @param ids the store example id of each row
     * @param dense dense artifacts, {@code [n, ...]} each
     * @param ragged ragged artifacts, real positions only, {@code [sum lengths, D]} each
     * @param lengths real positions per example ({@code T_i}), shared by every ragged artifact; one
     *     entry per row, or none when the batch holds no ragged artifact and the capture did not
     *     compute them
     */
    public CapturedBatch {
        ids = ids.clone();
        dense = java.util.Collections.unmodifiableMap(new TreeMap<>(dense));
        ragged = java.util.Collections.unmodifiableMap(new TreeMap<>(ragged));
        lengths = lengths.clone();
        if (lengths.length != ids.length && !(lengths.length == 0 && ragged.isEmpty())) {
            throw new IllegalArgumentException("batch of " + ids.length + " examples has " + lengths.length
                    + " lengths; expected one per example");
        }
    }

    /** @return the number of examples (rows) */
    public int size() {
        return ids.length;
    }

    /**
     * @param key an artifact key
     * @return its values, dense or ragged, if the batch holds it
     */
    public Optional<INDArray> find(ArtifactKey key) {
        INDArray a = dense.get(key);
        return Optional.ofNullable(a != null ? a : ragged.get(key));
    }

    /**
     * @param key an artifact key
     * @return its values, dense or ragged
     * @throws NoSuchElementException naming the keys the batch holds, if it lacks this one
     */
    public INDArray get(ArtifactKey key) {
        return find(key).orElseThrow(() -> new NoSuchElementException("captured batch holds no " + key + "; it holds "
                + dense.keySet() + " and ragged " + ragged.keySet()));
    }

    /** @return {@code LOGITS}, {@code [B, K]}: pre-softmax outputs in eval mode */
    public INDArray logits() {
        return get(ArtifactKey.of(ArtifactKind.LOGITS));
    }

    /** @return {@code LOSS}, {@code [B]}: per-example cross-entropy, natural log */
    public INDArray loss() {
        return get(ArtifactKey.of(ArtifactKind.LOSS));
    }

    /** @return {@code LAYER_INPUTS} per dense layer name, {@code [B, I]} each (empty if not captured) */
    public Map<String, INDArray> layerInputs() {
        return layered(ArtifactKind.LAYER_INPUTS);
    }

    /**
     * @return {@code LAYER_OUTPUT_GRADS} per dense layer name, {@code [B, O]} each: {@code delta =
     *     dL_i / dz_i} of the per-example loss (empty if not captured)
     */
    public Map<String, INDArray> layerOutputGrads() {
        return layered(ArtifactKind.LAYER_OUTPUT_GRADS);
    }

    /** @return {@code INPUT_GRADS}, the real rows of all examples concatenated {@code [sum T_i, D]}, if captured */
    public Optional<INDArray> inputGrads() {
        return Optional.ofNullable(ragged.get(ArtifactKey.of(ArtifactKind.INPUT_GRADS)));
    }

    /** @return a copy of {@link #lengths()} if the batch holds {@code INPUT_GRADS}, else an empty array */
    public int[] inputGradLengths() {
        return inputGrads().isPresent() ? lengths.clone() : new int[0];
    }

    /** @return a copy of the example ids */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** @return a copy of the per-example lengths */
    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    private Map<String, INDArray> layered(ArtifactKind kind) {
        Map<String, INDArray> m = new TreeMap<>();
        dense.forEach((k, v) -> {
            if (k.kind() == kind) {
                m.put(k.layer(), v);
            }
        });
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Writes every artifact of the batch (the writer copies the values).
     *
     * @param checkpoint the writer of the open checkpoint
     * @throws IllegalStateException unless the ids are consecutive and ascending (see
     *     {@link #inIdOrder})
     */
    public void writeTo(CheckpointWriter checkpoint) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] != ids[0] + i) {
                throw new IllegalStateException("rows must hold consecutive ascending ids to be written; row " + i
                        + " holds " + ids[i] + " after " + ids[i - 1] + ". Reorder with CapturedBatch.inIdOrder");
            }
        }
        int from = ids.length == 0 ? 0 : ids[0];
        dense.forEach((k, v) -> checkpoint.write(k, from, v));
        ragged.forEach((k, v) -> checkpoint.writeRagged(k, from, v, lengths));
    }

    /**
     * Concatenates batches and puts their rows in ascending id order, ready for {@link #writeTo}
     * (a capture source may group examples of similar length into a batch to save padding).
     *
     * @param parts batches of the same artifact keys whose ids together form a consecutive range
     * @return one batch in id order
     * @throws IllegalArgumentException if there are no batches
     * @throws io.github.influence4j.core.exception.ConfigurationException if an id is repeated or
     *     outside the range
     */
    public static CapturedBatch inIdOrder(List<CapturedBatch> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no batches to merge");
        }
        return IdOrder.merge(parts);
    }
}
