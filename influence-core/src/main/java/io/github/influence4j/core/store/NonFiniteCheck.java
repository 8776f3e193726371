package io.github.influence4j.core.store;

import io.github.influence4j.core.NumericalException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finds NaN or infinity in a chunk read from a store and reports the first one precisely. */
final class NonFiniteCheck {
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
        // The sum is finite whenever every value is (barring overflow, which the scan below rules out).
        if (Double.isFinite(chunk.values().sumNumber().doubleValue())) {
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
