package io.github.influence4j.core.store;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes artifacts into a store, one checkpoint at a time, and makes each checkpoint visible
 * atomically with {@link #commit()}.
 *
 * <pre>{@code
 * try (ArtifactWriter w = ArtifactStores.create(dir, StoreSpec.of("run1", n, 3))) {
 *     w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels);          // static: visible at the next commit
 *     w.beginCheckpoint(new Checkpoint("c0", 100, 0, 1e-3, 42));
 *     for (...) w.write(ArtifactKey.of(ArtifactKind.LOGITS), from, batchLogits);
 *     w.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), from, rows, lengths);
 *     w.commit();                                                     // all of c0 appears at once
 * }
 * }</pre>
 *
 * <p>Rules, checked with errors that name the artifact, the range and what to do:
 * <ul>
 *   <li>Static kinds may be written at any time; per-checkpoint kinds only between
 *       {@link #beginCheckpoint} and {@link #commit()}.</li>
 *   <li>The first write of an artifact fixes its dtype and per-example shape; later writes must
 *       agree. Writes to one artifact go in ascending example order; a write may restart at any
 *       chunk boundary (a resumed capture), which discards the incomplete chunk it overlaps.</li>
 *   <li>{@code commit()} requires every artifact written since the last commit to cover all N
 *       examples. A checkpoint id can be committed once.</li>
 *   <li>Resume: {@link #beginCheckpoint} with the id of an uncommitted checkpoint found in the store
 *       keeps its durable chunks; {@link #isComplete} tells which ranges can be skipped.</li>
 * </ul>
 * Closing a writer with an uncommitted checkpoint leaves it invisible (and resumable in the file
 * store); nothing committed is ever lost.
 */
public interface ArtifactWriter extends AutoCloseable {

    /** @return the spec the store was created with */
    StoreSpec spec();

    /** @return the ids of committed checkpoints, in order */
    List<Checkpoint> committedCheckpoints();

    /**
     * Starts (or resumes) a checkpoint.
     *
     * @param checkpoint the checkpoint's metadata
     * @throws IllegalStateException if another checkpoint is open
     * @throws io.github.influence4j.core.exception.ConfigurationException if the id is already committed, or
     *     an uncommitted checkpoint with that id exists with different metadata
     */
    void beginCheckpoint(Checkpoint checkpoint);

    /**
     * Sets free-form attributes of an artifact (for example the projection of
     * {@link ArtifactKind#PROJECTED_GRADS}); recorded in its {@link ArtifactInfo}.
     *
     * @param key the artifact (static, or in the open checkpoint)
     * @param attributes string metadata
     */
    void setAttributes(ArtifactKey key, Map<String, String> attributes);

    /**
     * Writes dense values for examples {@code [from, from + values.size(0))}.
     *
     * @param key a dense artifact
     * @param from first example id
     * @param values {@code [n, ...exampleShape]}; FLOAT, DOUBLE, INT or LONG; copied before return
     */
    void write(ArtifactKey key, int from, INDArray values);

    /**
     * Writes ragged values for examples {@code [from, from + lengths.length)}: example i owns the
     * next {@code lengths[i]} rows of {@code values}. Only real positions: never padding.
     *
     * @param key a ragged artifact
     * @param from first example id
     * @param values {@code [sum lengths, ...exampleShape]}; copied before return
     * @param lengths real positions per example, each {@code >= 0}
     */
    void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths);

    /**
     * @param key an artifact of the open checkpoint (or a static one)
     * @param range examples
     * @return true if every example of the range is already written (durably, in the file store)
     */
    boolean isComplete(ArtifactKey key, ExampleRange range);

    /**
     * Makes pending static artifacts and the open checkpoint (if any) visible, atomically.
     *
     * @throws io.github.influence4j.core.exception.ConfigurationException if an artifact does not cover all N
     *     examples
     */
    void commit();

    /** @return a read view of what is committed */
    TrainingArtifactStore store();

    /** Closes the writer; an open checkpoint stays uncommitted. */
    @Override
    void close();
}
