// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.internal;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Validation shared by every {@link io.github.influence4j.core.store.ArtifactWriter} and
 * {@link io.github.influence4j.core.store.CheckpointWriter},
 * so that both stores reject the same input with the same message.
 */
public final class WriteChecks {
    private WriteChecks() {
    }

    /**
     * Checks a dense or ragged write and returns the artifact info it implies.
     *
     * @param spec the store spec
     * @param key the artifact, of the scope written (see {@link #checkScope})
     * @param from first example
     * @param count number of examples written
     * @param values the values
     * @param ragged whether the write is ragged
     * @param existing the info fixed by an earlier write, if any
     * @param attributes attributes set for the key
     * @return the info of this write
     */
    public static ArtifactInfo checkWrite(StoreSpec spec, ArtifactKey key, int from, int count, INDArray values,
            boolean ragged, Optional<ArtifactInfo> existing, Map<String, String> attributes) {
        if (key.kind().isRagged() != ragged) {
            throw new ConfigurationException(key + " is " + (key.kind().isRagged() ? "ragged: use writeRagged"
                    : "dense: use write") + " (store '" + spec.storeId() + "')");
        }
        if (from < 0 || (long) from + count > spec.numExamples()) {
            throw new ConfigurationException(key + ": examples [" + from + ", " + ((long) from + count)
                    + ") fall outside [0, " + spec.numExamples() + ") of store '" + spec.storeId() + "'");
        }
        DataType dt = values.dataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE && dt != DataType.INT && dt != DataType.LONG) {
            throw new ConfigurationException(key + ": dtype " + dt + " is not supported in store '" + spec.storeId()
                    + "'; convert to FLOAT, DOUBLE, INT or LONG (castTo) before writing");
        }
        long[] shape = values.shape();
        if (shape.length == 0) {
            throw new ConfigurationException(key + ": expected [n, ...] with the examples first, got a 0-d array"
                    + " (shape []) for store '" + spec.storeId() + "'; reshape a single example to [1, ...]");
        }
        if (!ragged && shape[0] != count) {
            throw new ConfigurationException(key + ": expected [n, ...] with n = " + count + " examples, got shape "
                    + Arrays.toString(shape) + " for store '" + spec.storeId() + "'");
        }
        long[] exampleShape = shape.length == 0 ? new long[0] : Arrays.copyOfRange(shape, 1, shape.length);
        List<Long> es = Arrays.stream(exampleShape).boxed().toList();
        ArtifactInfo info = new ArtifactInfo(key, dt, es, attributes);
        if (existing.isPresent()) {
            ArtifactInfo e = existing.get();
            if (e.dataType() != dt || !e.exampleShape().equals(es)) {
                throw new IncompatibleStoreException(key + " in store '" + spec.storeId() + "': this write has dtype "
                        + dt + " and per-example shape " + es + ", but the artifact was started with " + e.dataType()
                        + " and " + e.exampleShape() + "; every write of an artifact must agree");
            }
        }
        if (key.kind() == ArtifactKind.LOGITS || key.kind() == ArtifactKind.NULL_LOGITS) {
            if (es.size() != 1 || es.get(0) != spec.numClasses()) {
                throw new IncompatibleStoreException(key + " in store '" + spec.storeId() + "': expected [n, K] with K = "
                        + spec.numClasses() + ", got shape " + Arrays.toString(shape));
            }
        }
        if ((key.kind() == ArtifactKind.LABELS || key.kind() == ArtifactKind.LOSS) && !es.isEmpty()) {
            throw new IncompatibleStoreException(key + " in store '" + spec.storeId()
                    + "' holds one scalar per example: expected shape [n], got " + Arrays.toString(shape));
        }
        if ((key.kind() == ArtifactKind.LABELS || key.kind() == ArtifactKind.TOKEN_IDS
                || key.kind() == ArtifactKind.SEGMENT_IDS) && (dt != DataType.INT && dt != DataType.LONG)) {
            throw new IncompatibleStoreException(key + " in store '" + spec.storeId() + "' must be INT or LONG, got "
                    + dt);
        }
        return info;
    }

    /**
     * @param spec the store spec
     * @param key the artifact
     * @param values ragged values
     * @param lengths lengths per example
     * @return the offsets (n + 1)
     */
    public static long[] checkRagged(StoreSpec spec, ArtifactKey key, INDArray values, int[] lengths) {
        long[] offsets = new long[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) {
                throw new ConfigurationException(key + ": length of example " + i + " in this write to store '"
                        + spec.storeId() + "' is " + lengths[i] + "; lengths count real positions and must be >= 0");
            }
            offsets[i + 1] = offsets[i] + lengths[i];
        }
        long rows = values.isEmpty() ? 0 : values.size(0);
        if (values.rank() == 0 || rows != offsets[lengths.length]) { // a 0-d array holds no rows
            throw new ConfigurationException(key + ": lengths sum to " + offsets[lengths.length] + " positions but values"
                    + " have shape " + Arrays.toString(values.shape()) + " in store '" + spec.storeId()
                    + "'; pass only the real positions (no padding), concatenated");
        }
        return offsets;
    }

    /**
     * @param spec the store spec
     * @param key the artifact
     * @param where checkpoint or "static artifacts"
     * @param covered examples written
     */
    public static void checkCoverage(StoreSpec spec, ArtifactKey key, String where, java.util.BitSet covered) {
        int missing = covered.nextClearBit(0);
        if (missing < spec.numExamples()) {
            int end = covered.nextSetBit(missing);
            throw new ConfigurationException(key + " at " + where + " of store '" + spec.storeId() + "' covers "
                    + covered.cardinality() + " of " + spec.numExamples() + " examples (first gap: [" + missing + ", "
                    + (end < 0 ? spec.numExamples() : end) + ")); write every example before commit()");
        }
    }

    /**
     * Writes to one artifact go in ascending example order; a write may restart at a chunk boundary.
     *
     * @param spec the store spec
     * @param key the artifact
     * @param cursor where a continuing write starts ({@code -1}: only a chunk boundary will do)
     * @param from where this write starts
     */
    public static void checkOrder(StoreSpec spec, ArtifactKey key, int cursor, int from) {
        if (from != cursor && from % spec.chunkSize() != 0) {
            throw new ConfigurationException(key + ": a write at example " + from + " in store '" + spec.storeId()
                    + "' neither continues the previous write" + (cursor >= 0 ? " (next example " + cursor + ")" : "")
                    + " nor starts at a chunk boundary (a multiple of the chunk size " + spec.chunkSize()
                    + "); write each artifact in ascending example order, restarting only at a chunk boundary");
        }
    }

    /**
     * Checks that an artifact is written (or queried) where its scope belongs: static kinds on the
     * {@link io.github.influence4j.core.store.ArtifactWriter}, per-checkpoint kinds on the
     * {@link io.github.influence4j.core.store.CheckpointWriter} of the open checkpoint.
     *
     * @param spec the store spec
     * @param key the artifact
     * @param open the open checkpoint, if any
     * @param onCheckpoint true when called on a {@code CheckpointWriter}, false on the {@code ArtifactWriter}
     * @throws ConfigurationException if the key belongs to the other scope
     */
    public static void checkScope(StoreSpec spec, ArtifactKey key, Optional<Checkpoint> open, boolean onCheckpoint) {
        if (key.kind().isStatic() == !onCheckpoint) {
            return;
        }
        if (onCheckpoint) {
            throw new ConfigurationException(key + " is static: write it on the ArtifactWriter, not on the"
                    + " CheckpointWriter of checkpoint '" + open.map(Checkpoint::id).orElse("") + "' (store '"
                    + spec.storeId() + "'); it becomes visible with the next commit");
        }
        if (open.isEmpty()) {
            throw new ConfigurationException(key + " is written per checkpoint but no checkpoint is open in store '"
                    + spec.storeId() + "'; call beginCheckpoint(...) first");
        }
        throw new ConfigurationException(key + " is written per checkpoint: write it through the CheckpointWriter"
                + " that beginCheckpoint(...) returned for checkpoint '" + open.get().id() + "' of store '"
                + spec.storeId() + "'");
    }

    /**
     * @param spec the store spec
     * @param open the open checkpoint
     * @return the exception to throw when the {@code ArtifactWriter} is committed while a checkpoint is open
     */
    public static IllegalStateException commitWhileOpen(StoreSpec spec, Checkpoint open) {
        return new IllegalStateException("checkpoint '" + open.id() + "' is open in store '" + spec.storeId()
                + "'; commit() or close() its CheckpointWriter first (its commit() also makes the pending static"
                + " artifacts visible)");
    }

    /**
     * @param spec the store spec
     * @param checkpoint the checkpoint of a {@code CheckpointWriter}
     * @param committed true if it was committed, false if closed without a commit
     * @return the exception to throw when that writer is used again
     */
    public static IllegalStateException checkpointEnded(StoreSpec spec, Checkpoint checkpoint, boolean committed) {
        return new IllegalStateException(committed
                ? "checkpoint '" + checkpoint.id() + "' of store '" + spec.storeId() + "' is committed; begin the next"
                        + " one with beginCheckpoint(...)"
                : "the CheckpointWriter of checkpoint '" + checkpoint.id() + "' of store '" + spec.storeId()
                        + "' is closed and the checkpoint uncommitted; begin it again with beginCheckpoint(...)");
    }

    /**
     * @param spec the store spec
     * @param key a static artifact that is already committed
     * @return the exception to throw
     */
    public static ConfigurationException staticAlreadyCommitted(StoreSpec spec, ArtifactKey key) {
        return new ConfigurationException("static artifact " + key + " is already committed in store '"
                + spec.storeId() + "'; static artifacts are written once");
    }

    /**
     * @param spec the store spec
     * @param open the checkpoint already open
     * @param next the checkpoint being begun
     * @return the exception to throw
     */
    public static IllegalStateException alreadyOpen(StoreSpec spec, Checkpoint open, Checkpoint next) {
        return new IllegalStateException("checkpoint '" + open.id() + "' is open in store '" + spec.storeId()
                + "'; commit() it before beginning '" + next.id() + "'");
    }

    /**
     * @param spec the store spec
     * @param checkpoint a checkpoint whose id is already committed
     * @return the exception to throw
     */
    public static ConfigurationException duplicateCheckpoint(StoreSpec spec, Checkpoint checkpoint) {
        return new ConfigurationException("checkpoint id '" + checkpoint.id() + "' is already committed in store '"
                + spec.storeId() + "'; checkpoint ids must be unique: choose another id");
    }
}
