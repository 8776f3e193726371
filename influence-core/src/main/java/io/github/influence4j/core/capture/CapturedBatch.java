package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The artifacts of one batch, as computed by {@link SameDiffCapture#compute}.
 *
 * @param range the examples
 * @param dense dense artifacts, {@code [n, ...]} each
 * @param ragged ragged artifacts, real positions only, {@code [sum lengths, D]} each
 * @param lengths real positions per example (shared by every ragged artifact)
 */
public record CapturedBatch(ExampleRange range, Map<ArtifactKey, INDArray> dense, Map<ArtifactKey, INDArray> ragged,
        int[] lengths) {
    /** Copies the maps into key order. */
    public CapturedBatch {
        dense = java.util.Collections.unmodifiableMap(new TreeMap<>(dense));
        ragged = java.util.Collections.unmodifiableMap(new TreeMap<>(ragged));
        lengths = lengths.clone();
    }

    /**
     * Writes every artifact of the batch (the writer copies the values).
     *
     * @param writer a writer with the checkpoint open
     */
    public void writeTo(ArtifactWriter writer) {
        dense.forEach((k, v) -> writer.write(k, range.from(), v));
        ragged.forEach((k, v) -> writer.writeRagged(k, range.from(), v, lengths));
    }
}
