package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.CheckpointWriter;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The artifacts of one batch, as computed by {@link SameDiffCapture#compute}, rows in the batch's
 * order.
 *
 * @param ids the store example id of each row
 * @param dense dense artifacts, {@code [n, ...]} each
 * @param ragged ragged artifacts, real positions only, {@code [sum lengths, D]} each
 * @param lengths real positions per example (shared by every ragged artifact)
 */
public record CapturedBatch(int[] ids, Map<ArtifactKey, INDArray> dense, Map<ArtifactKey, INDArray> ragged,
        int[] lengths) {
    /** Copies the maps into key order. */
    public CapturedBatch {
        ids = ids.clone();
        dense = java.util.Collections.unmodifiableMap(new TreeMap<>(dense));
        ragged = java.util.Collections.unmodifiableMap(new TreeMap<>(ragged));
        lengths = lengths.clone();
    }

    /**
     * Writes every artifact of the batch (the writer copies the values).
     *
     * @param checkpoint the writer of the open checkpoint
     * @throws IllegalStateException unless the ids are consecutive and ascending (see
     *     {@link SameDiffCapture#inIdOrder})
     */
    public void writeTo(CheckpointWriter checkpoint) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] != ids[0] + i) {
                throw new IllegalStateException("rows must hold consecutive ascending ids to be written; row " + i
                        + " holds " + ids[i] + " after " + ids[i - 1] + ". Reorder with SameDiffCapture.inIdOrder");
            }
        }
        int from = ids.length == 0 ? 0 : ids[0];
        dense.forEach((k, v) -> checkpoint.write(k, from, v));
        ragged.forEach((k, v) -> checkpoint.writeRagged(k, from, v, lengths));
    }
}
