// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the training artifacts of docs/DESIGN.md section 2.2 from a SameDiff graph, for any batch, with
 * at most two gradient calls per batch.
 *
 * <pre>{@code
 * SameDiffCapture capture = SameDiffCapture.attach(sd, taps);
 * CaptureResult r = capture.capture(writer, new Checkpoint("step-100", 100, 1, 1e-3, 42), source,
 *         CaptureSpec.of(SameDiffCapture.ALL_KINDS));
 * }</pre>
 *
 * <p>{@link #attach} adds three nodes to the graph: placeholders {@value #LOSS_WEIGHTS} {@code [B]}
 * and {@value #LOGIT_SELECT} {@code [B, K]}, and the scalar objective
 * <pre>  {@value #OBJECTIVE} = sum_i w_i L_i + sum_i sum_k s_ik z_ik</pre>
 * With {@code w = 1, s = 0} its gradient with respect to any activation is, row by row, the
 * per-example loss gradient (examples are independent when no op couples the batch, such as batch
 * norm); with {@code w = 0, s = onehot(y)} it is the gradient of the true-class logit. So one
 * backward pass gives {@code EMBEDDING_GRADS} and every {@code LAYER_OUTPUT_GRADS} (Pruthi et al.
 * 2020, Sec. 3.2) together with {@code LOGITS}, {@code LOSS} and {@code LAYER_INPUTS} as outputs,
 * and a second one gives {@code INPUT_GRADS} (Agarwal et al. 2022, Eq. 1). A training loop may use
 * the same objective with {@code w = 1/B, s = 0} as its mean loss: then capture never has to switch
 * the graph's loss variables.
 *
 * @implNote If the graph's loss variables are something else, capture sets them to the objective,
 *     rebuilds the gradient function with {@link GraphTaps#gradientRoots()} and restores the
 *     previous loss variables (and gradient function) afterwards. Dropout is the caller's job: the
 *     placeholders of an {@link EvalBatch} must switch it off. Capture walks the store's chunks;
 *     the source splits each chunk into batches (grouping examples of similar length saves
 *     padding) and capture restores the id order before writing. The same batches give bitwise
 *     identical artifacts; other batches change float32 rounding, and where the model has a
 *     max-pool, a near tie may then send a gradient to another position. Not thread-safe:
 *     SameDiff graphs are not.
 */
public final class SameDiffCapture {
    /**
     * Attribute of {@code LAYER_OUTPUT_GRADS.<layer>} giving the layer's 0-based position in
     * {@link GraphTaps#denseLayers()} (forward order: input side first, head last).
     */
    public static final String LAYER_INDEX_ATTRIBUTE = "layer-index";

    /** Name of the per-example loss-weight placeholder. */
    public static final String LOSS_WEIGHTS = "capture_loss_weights";
    /** Name of the logit-selection placeholder. */
    public static final String LOGIT_SELECT = "capture_logit_select";
    /** Name of the scalar capture objective. */
    public static final String OBJECTIVE = "capture_objective";
    /** Every per-checkpoint kind this class captures. */
    public static final Set<ArtifactKind> ALL_KINDS = Set.copyOf(EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LOSS,
            ArtifactKind.INPUT_GRADS, ArtifactKind.EMBEDDING_GRADS, ArtifactKind.LAYER_INPUTS,
            ArtifactKind.LAYER_OUTPUT_GRADS));
    private static final Logger LOG = LoggerFactory.getLogger(SameDiffCapture.class);

    private final SameDiff sd;
    private final GraphTaps taps;
    private final int numClasses;
    private final CaptureObjective objective;

    private SameDiffCapture(SameDiff sd, GraphTaps taps, int numClasses, CaptureObjective objective) {
        this.sd = sd;
        this.taps = taps;
        this.numClasses = numClasses;
        this.objective = objective;
    }

    /**
     * Checks the taps against the graph and adds the capture objective (once per graph).
     *
     * @param sd the graph
     * @param taps the names capture reads
     * @return the capture
     * @throws ConfigurationException naming every variable the graph lacks or whose type is wrong
     */
    public static SameDiffCapture attach(SameDiff sd, GraphTaps taps) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(taps, "taps");
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(taps.embeddingOutput(), taps.lookupOutput(), taps.logits(),
                taps.perExampleLoss(), taps.labelPlaceholder()));
        names.addAll(taps.gradientRoots());
        for (DenseLayerTap t : taps.denseLayers()) {
            names.add(t.inputVariable());
            names.add(t.preActivationVariable());
        }
        for (String n : names) {
            if (!sd.hasVariable(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("capture taps name variables the SameDiff graph lacks: " + missing
                    + "; fix the names in GraphTaps (the graph has " + sd.variables().size() + " variables)");
        }
        if (sd.getVariable(taps.labelPlaceholder()).getVariableType() != VariableType.PLACEHOLDER) {
            throw new ConfigurationException("label variable '" + taps.labelPlaceholder() + "' is a "
                    + sd.getVariable(taps.labelPlaceholder()).getVariableType() + ", expected a PLACEHOLDER");
        }
        return new SameDiffCapture(sd, taps, taps.numClasses(), CaptureObjective.addTo(sd, taps));
    }

    /** @return the names capture reads */
    public GraphTaps taps() {
        return taps;
    }

    /** @return the graph this capture is attached to */
    SameDiff graph() {
        return sd;
    }

    /** @return K, the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Placeholders that turn the capture objective into a training loss:
     * {@code w_i = lossWeight, s = 0}; {@code lossWeight = 1/B} gives the mean loss.
     *
     * @param batchSize B
     * @param lossWeight the weight of each example's loss
     * @return the two placeholders
     */
    public Map<String, INDArray> trainingPlaceholders(int batchSize, double lossWeight) {
        return objective.weighted(batchSize, lossWeight);
    }

    /**
     * Placeholders for the label placeholder in the graph's format (int {@code [B]} or one-hot).
     *
     * @param labels classes
     * @return the label placeholder
     */
    public Map<String, INDArray> labelPlaceholder(int[] labels) {
        SDVariable ph = sd.getVariable(taps.labelPlaceholder());
        long[] shape = ph.getShape();
        INDArray value;
        if (shape != null && shape.length == 2) {
            value = objective.oneHot(labels, ph.dataType(), 1.0);
        } else {
            value = Nd4j.createFromArray(labels).castTo(ph.dataType());
        }
        return Map.of(taps.labelPlaceholder(), value);
    }

    /**
     * Computes the requested kinds for one batch.
     *
     * @param batch the batch, dropout off
     * @param kinds per-checkpoint kinds among {@link #ALL_KINDS}
     * @return the artifacts, real positions only for ragged kinds
     */
    public CapturedBatch compute(EvalBatch batch, Set<ArtifactKind> kinds) {
        checkKinds(kinds);
        int b = batch.size();
        DataType dt = sd.getVariable(taps.logits()).dataType();
        Map<String, INDArray> ph = new HashMap<>(batch.placeholders());
        ph.putAll(labelPlaceholder(batch.labels()));
        Set<String> outputs = new LinkedHashSet<>();
        Set<String> grads = new LinkedHashSet<>();
        if (kinds.contains(ArtifactKind.LOGITS)) {
            outputs.add(taps.logits());
        }
        if (kinds.contains(ArtifactKind.LOSS)) {
            outputs.add(taps.perExampleLoss());
        }
        for (DenseLayerTap t : taps.denseLayers()) {
            if (kinds.contains(ArtifactKind.LAYER_INPUTS)) {
                outputs.add(t.inputVariable());
            }
            if (kinds.contains(ArtifactKind.LAYER_OUTPUT_GRADS)) {
                grads.add(t.preActivationVariable());
            }
        }
        if (kinds.contains(ArtifactKind.EMBEDDING_GRADS)) {
            grads.add(taps.lookupOutput());
        }
        Map<String, INDArray> out = new HashMap<>();
        Map<String, INDArray> lossGrads = Map.of();
        Map<String, INDArray> inputGrads = Map.of();
        CaptureObjective.Restore state = grads.isEmpty() && !kinds.contains(ArtifactKind.INPUT_GRADS) ? null
                : objective.use();
        try {
            if (!grads.isEmpty()) {
                ph.put(LOSS_WEIGHTS, Nd4j.valueArrayOf(new long[] {b}, 1.0, dt));
                ph.put(LOGIT_SELECT, Nd4j.zeros(dt, b, numClasses));
                OutAndGrad og = sd.calculateGradientsAndOutputs(ph, outputs, grads);
                out.putAll(og.getOutputs());
                lossGrads = og.getGradients();
            } else if (!outputs.isEmpty()) {
                ph.putIfAbsent(LOSS_WEIGHTS, Nd4j.zeros(dt, b));
                ph.putIfAbsent(LOGIT_SELECT, Nd4j.zeros(dt, b, numClasses));
                out.putAll(sd.output(ph, new ArrayList<>(outputs)));
            }
            if (kinds.contains(ArtifactKind.INPUT_GRADS)) {
                ph.put(LOSS_WEIGHTS, Nd4j.zeros(dt, b));
                ph.put(LOGIT_SELECT, objective.oneHot(batch.labels(), dt, 1.0));
                inputGrads = sd.calculateGradients(ph, taps.embeddingOutput());
            }
        } finally {
            if (state != null) {
                state.restore();
            }
        }
        return BatchAssembler.assemble(taps, batch, kinds, out, lossGrads, inputGrads);
    }

    private static void checkKinds(Set<ArtifactKind> kinds) {
        for (ArtifactKind k : kinds) {
            if (!ALL_KINDS.contains(k)) {
                throw new ConfigurationException("SameDiffCapture cannot capture " + k + "; it captures " + ALL_KINDS);
            }
        }
    }

    /**
     * As {@link #capture(ArtifactWriter, Checkpoint, CaptureSource, CaptureSpec)} with
     * {@code new CaptureSpec(kinds, batchSize)}.
     *
     * @param writer the store writer
     * @param checkpoint the checkpoint's metadata
     * @param source eval-mode batches
     * @param kinds the kinds to capture, among {@link #ALL_KINDS}
     * @param batchSize the most examples per batch
     * @return what was done
     */
    public CaptureResult capture(ArtifactWriter writer, Checkpoint checkpoint, CaptureSource source,
            Set<ArtifactKind> kinds, int batchSize) {
        return capture(writer, checkpoint, source, new CaptureSpec(kinds, batchSize));
    }

    /**
     * Captures one checkpoint over all examples of a source and commits it. Resumable: ranges whose
     * artifacts the writer already holds are skipped, so re-running after a crash (with
     * {@code ArtifactStores.resume}) computes only what is missing.
     *
     * @param writer the store writer
     * @param checkpoint the checkpoint's metadata
     * @param source eval-mode batches
     * @param captureSpec the kinds to capture, among {@link #ALL_KINDS}, and the most examples per
     *     batch: ranges of the store's chunk size (never straddling a chunk) are requested from the
     *     source, which splits them into batches of at most this many
     * @return what was done
     */
    public CaptureResult capture(ArtifactWriter writer, Checkpoint checkpoint, CaptureSource source,
            CaptureSpec captureSpec) {
        Set<ArtifactKind> kinds = captureSpec.kinds();
        int batchSize = captureSpec.batchSize();
        checkKinds(kinds);
        int n = writer.spec().numExamples();
        if (source.numExamples() != n) {
            throw new ConfigurationException("capture source has " + source.numExamples() + " examples but store '"
                    + writer.spec().storeId() + "' holds " + n + "; capture every example of the store");
        }
        long start = System.nanoTime();
        int computed = 0;
        int skipped = 0;
        try (CheckpointWriter c = writer.beginCheckpoint(checkpoint)) {
            if (kinds.contains(ArtifactKind.LAYER_OUTPUT_GRADS)) {
                // The layers' forward order, so that scorers can tell "the last dense layer before the head"
                // even when several layers share a width (TracIn's default parameter group).
                List<DenseLayerTap> taps = this.taps.denseLayers();
                for (int i = 0; i < taps.size(); i++) {
                    c.setAttributes(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, taps.get(i).name()),
                            java.util.Map.of(LAYER_INDEX_ATTRIBUTE, Integer.toString(i)));
                }
            }
            List<ArtifactKey> keys = keys(kinds);
            int chunk = writer.spec().chunkSize();
            for (int from = 0; from < n; ) {
                int chunkEnd = Math.min(n, (from / chunk + 1) * chunk);
                int to = chunkEnd;
                ExampleRange range = ExampleRange.of(from, to);
                final int f = from;
                if (keys.stream().allMatch(k -> c.isComplete(k, range))) {
                    skipped += range.size();
                } else {
                    List<CapturedBatch> parts = new ArrayList<>();
                    for (EvalBatch batch : source.batches(range, batchSize)) {
                        parts.add(compute(batch, kinds));
                    }
                    CapturedBatch merged = CapturedBatch.inIdOrder(parts);
                    if (merged.ids().length != range.size() || (range.size() > 0 && merged.ids()[0] != range.from())) {
                        throw new ConfigurationException("capture source returned ids " + merged.ids().length
                                + " examples from " + (merged.ids().length == 0 ? "-" : merged.ids()[0]) + " for range "
                                + range + "; its batches must hold every id of the range exactly once");
                    }
                    merged.writeTo(c);
                    computed += range.size();
                    LOG.trace("captured {} at {}", range, checkpoint.id());
                }
                from = to;
                if (f == from) {
                    throw new IllegalStateException("no progress at example " + from);
                }
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.debug("checkpoint {}: captured {} examples ({} skipped as already written) in {} s", checkpoint.id(),
                computed, skipped, String.format("%.2f", seconds));
        return new CaptureResult(checkpoint, computed, skipped, seconds);
    }

    /**
     * @param kinds per-checkpoint kinds
     * @return the artifact keys these kinds produce for these taps
     */
    public List<ArtifactKey> keys(Set<ArtifactKind> kinds) {
        List<ArtifactKey> keys = new ArrayList<>();
        for (ArtifactKind k : ALL_KINDS.stream().sorted().toList()) {
            if (!kinds.contains(k)) {
                continue;
            }
            if (k.isLayered()) {
                taps.denseLayers().forEach(t -> keys.add(ArtifactKey.of(k, t.name())));
            } else {
                keys.add(ArtifactKey.of(k));
            }
        }
        return keys;
    }
}
