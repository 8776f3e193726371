package io.github.influence4j.core.capture;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the outputs and gradients SameDiff returned for one batch into store artifacts: dense
 * kinds as they are, ragged kinds reduced to the real positions of {@link CaptureBatch#positions()}.
 */
final class BatchAssembler {
    private BatchAssembler() {
    }

    static CapturedBatch assemble(CaptureSpec spec, CaptureBatch batch, Set<ArtifactKind> kinds, Map<String, INDArray> out,
            Map<String, INDArray> lossGrads, Map<String, INDArray> inputGrads) {
        Map<ArtifactKey, INDArray> dense = new HashMap<>();
        Map<ArtifactKey, INDArray> ragged = new HashMap<>();
        if (kinds.contains(ArtifactKind.LOGITS)) {
            dense.put(ArtifactKey.of(ArtifactKind.LOGITS), require(out, spec.logits(), "LOGITS"));
        }
        if (kinds.contains(ArtifactKind.LOSS)) {
            dense.put(ArtifactKey.of(ArtifactKind.LOSS), require(out, spec.perExampleLoss(), "LOSS").reshape(batch.size()));
        }
        for (DenseLayerTap t : spec.denseLayers()) {
            if (kinds.contains(ArtifactKind.LAYER_INPUTS)) {
                dense.put(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, t.name()), require(out, t.inputVariable(),
                        "LAYER_INPUTS." + t.name()));
            }
            if (kinds.contains(ArtifactKind.LAYER_OUTPUT_GRADS)) {
                dense.put(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, t.name()),
                        require(lossGrads, t.preActivationVariable(), "LAYER_OUTPUT_GRADS." + t.name()));
            }
        }
        int[] lengths = new int[batch.size()];
        int total = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = batch.positions()[i].length;
            total += lengths[i];
        }
        int[] rows = new int[total];
        int at = 0;
        for (int[] p : batch.positions()) {
            System.arraycopy(p, 0, rows, at, p.length);
            at += p.length;
        }
        if (kinds.contains(ArtifactKind.EMBEDDING_GRADS)) {
            ragged.put(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS),
                    realRows(require(lossGrads, spec.lookupOutput(), "EMBEDDING_GRADS"), rows));
        }
        if (kinds.contains(ArtifactKind.INPUT_GRADS)) {
            ragged.put(ArtifactKey.of(ArtifactKind.INPUT_GRADS),
                    realRows(require(inputGrads, spec.embeddingOutput(), "INPUT_GRADS"), rows));
        }
        for (Map.Entry<ArtifactKey, INDArray> e : dense.entrySet()) {
            if (e.getValue().size(0) != batch.size()) {
                throw new ConfigurationException(e.getKey() + ": graph variable has shape "
                        + java.util.Arrays.toString(e.getValue().shape()) + ", expected " + batch.size()
                        + " rows (one per example of the batch)");
            }
        }
        return new CapturedBatch(batch.ids(), dense, ragged, lengths);
    }

    private static INDArray realRows(INDArray activationGrad, int[] rows) {
        long d = activationGrad.size(activationGrad.rank() - 1);
        INDArray flat = activationGrad.reshape(activationGrad.ordering(), -1, d);
        long n = flat.size(0);
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new ConfigurationException("position row " + r + " is outside the " + n
                        + " rows of the embedding output viewed as [-1, " + d + "]; check CaptureBatch.positions()");
            }
        }
        if (rows.length == 0) {
            return Nd4j.create(activationGrad.dataType(), 0, d);
        }
        return Nd4j.pullRows(flat, 1, rows);
    }

    private static INDArray require(Map<String, INDArray> m, String name, String what) {
        INDArray a = m.get(name);
        if (a == null) {
            throw new ConfigurationException("SameDiff returned no value for '" + name + "' (needed for " + what
                    + "); if it is an activation computed only from constants and placeholders, name the constant in"
                    + " CaptureSpec.gradientRoots so that SameDiff keeps its gradient path");
        }
        return a;
    }


    /**
     * Concatenates batches and puts their rows in ascending id order.
     *
     * @param parts batches whose ids together are consecutive
     * @return one batch in id order
     */
    static CapturedBatch inIdOrder(java.util.List<CapturedBatch> parts) {
        if (parts.size() == 1 && isAscending(parts.get(0).ids())) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(p -> p.ids().length).sum();
        int[] ids = new int[n];
        int[] lengths = new int[n];
        int at = 0;
        for (CapturedBatch p : parts) {
            System.arraycopy(p.ids(), 0, ids, at, p.ids().length);
            System.arraycopy(p.lengths(), 0, lengths, at, p.lengths().length);
            at += p.ids().length;
        }
        int min = java.util.Arrays.stream(ids).min().orElse(0);
        int[] order = new int[n]; // order[j] = concatenated row holding id min + j
        java.util.Arrays.fill(order, -1);
        for (int r = 0; r < n; r++) {
            int j = ids[r] - min;
            if (j < 0 || j >= n || order[j] >= 0) {
                throw new ConfigurationException("capture batches must hold each id of a range exactly once; id "
                        + ids[r] + " is repeated or outside the range");
            }
            order[j] = r;
        }
        long[] starts = new long[n + 1];
        for (int r = 0; r < n; r++) {
            starts[r + 1] = starts[r] + lengths[r];
        }
        int[] sortedLengths = new int[n];
        int[] sortedIds = new int[n];
        int total = (int) starts[n];
        int[] posRows = new int[total];
        int w = 0;
        for (int j = 0; j < n; j++) {
            int r = order[j];
            sortedIds[j] = min + j;
            sortedLengths[j] = lengths[r];
            for (long q = starts[r]; q < starts[r + 1]; q++) {
                posRows[w++] = (int) q;
            }
        }
        Map<ArtifactKey, INDArray> dense = new HashMap<>();
        for (ArtifactKey k : parts.get(0).dense().keySet()) {
            INDArray all = concat(parts, k, false);
            dense.put(k, all.rank() == 1 ? Nd4j.pullRows(all.reshape(n, 1), 1, order).reshape(n)
                    : Nd4j.pullRows(all.reshape(n, -1), 1, order).reshape(all.shape()));
        }
        Map<ArtifactKey, INDArray> ragged = new HashMap<>();
        for (ArtifactKey k : parts.get(0).ragged().keySet()) {
            INDArray all = concat(parts, k, true);
            ragged.put(k, total == 0 ? all : Nd4j.pullRows(all, 1, posRows));
        }
        return new CapturedBatch(sortedIds, dense, ragged, sortedLengths);
    }

    private static INDArray concat(java.util.List<CapturedBatch> parts, ArtifactKey k, boolean ragged) {
        java.util.List<INDArray> xs = new java.util.ArrayList<>();
        for (CapturedBatch p : parts) {
            INDArray a = ragged ? p.ragged().get(k) : p.dense().get(k);
            if (a.size(0) > 0) {
                xs.add(a);
            }
        }
        if (xs.isEmpty()) {
            return ragged ? parts.get(0).ragged().get(k) : parts.get(0).dense().get(k);
        }
        return xs.size() == 1 ? xs.get(0) : Nd4j.concat(0, xs.toArray(new INDArray[0]));
    }

    private static boolean isAscending(int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] != ids[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }
}
