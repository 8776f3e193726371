package io.github.influence4j.core.store;

import io.github.influence4j.core.NumericalException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finds NaN or infinity in a chunk read from a store and reports the first one precisely. */
final class NonFiniteCheck {
    private static final int BLOCK = 1 << 14;

    private NonFiniteCheck() {
    }

    /**
     * @param storeId the store, for the message
     * @param checkpointId the checkpoint ({@code ""} for static artifacts)
     * @param chunk a freshly read chunk
     * @throws NumericalException naming checkpoint, example and kind of the first non-finite value
     */
    static void check(String storeId, String checkpointId, ArtifactChunk chunk) {
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
                        + " of store '" + storeId + "' is " + flat[i] + " (element " + (i % perRow)
                        + "); scores need finite values. Re-capture that checkpoint (lower the learning rate"
                        + " or check the model), or open the store with NonFinitePolicy.ALLOW to read it as is.");
            }
        }
    }

    /**
     * @param values FLOAT or DOUBLE values
     * @return true if none is NaN or infinite
     * @implNote Scans the raw bits (all exponent bits set means NaN or infinity) in blocks copied
     *     in bulk from the off-heap buffer: one pass at memory speed, no ND4J op.
     */
    static boolean allFinite(INDArray values) {
        INDArray c = Npy.contiguous(values);
        int n = Math.toIntExact(c.length());
        ByteBuffer bb = c.data().asNio().order(ByteOrder.nativeOrder());
        if (c.dataType() == DataType.FLOAT) {
            IntBuffer ib = bb.asIntBuffer();
            int[] block = new int[Math.min(n, BLOCK)];
            for (int start = 0; start < n; start += block.length) {
                int len = Math.min(block.length, n - start);
                ib.get(block, 0, len);
                int bad = 0;
                for (int i = 0; i < len; i++) {
                    bad |= ((block[i] & 0x7f800000) + 0x00800000) & 0x80000000; // exponent 0xff overflows into the sign bit
                }
                if (bad != 0) {
                    return false;
                }
            }
            return true;
        }
        LongBuffer lb = bb.asLongBuffer();
        long[] block = new long[Math.min(n, BLOCK)];
        for (int start = 0; start < n; start += block.length) {
            int len = Math.min(block.length, n - start);
            lb.get(block, 0, len);
            long bad = 0;
            for (int i = 0; i < len; i++) {
                bad |= ((block[i] & 0x7ff0000000000000L) + 0x0010000000000000L) & 0x8000000000000000L;
            }
            if (bad != 0) {
                return false;
            }
        }
        return true;
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
