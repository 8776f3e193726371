// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.io.Npy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A tiny SameDiff model of the oracle's family ({@code ../shared/oracle/README.md}, relative to the
 * repository root): constant embedding, masked mean pool, tanh hidden layer, dense head, trained with {@code SameDiff.fit} (SGD with a
 * learning-rate schedule) while a {@link SameDiffCaptureListener} captures every 2 steps. Used by the golden
 * test and by the fixture generator.
 */
final class OracleFamilyModel {
    static final int BATCH = 8;
    static final int EPOCHS = 2;
    /** Learning rate per iteration: 0.8, then 0.5 from iteration 2, 0.2 from iteration 4. */
    static final Map<Integer, Double> LRS = Map.of(0, 0.8, 2, 0.5, 4, 0.2);

    final SameDiff sd = SameDiff.create();
    final int[][] tokens;
    final int[] labels;
    final int numClasses;
    final INDArray emb;

    /**
     * @param tokens [N, L] token ids, 0 = padding (trailing)
     * @param labels [N]
     * @param init initial weights: emb [V,D], hid_w [D,H], hid_b [H], fc_w [H,K], fc_b [K]
     */
    OracleFamilyModel(int[][] tokens, int[] labels, Map<String, INDArray> init) {
        this.tokens = tokens;
        this.labels = labels;
        this.numClasses = (int) init.get("fc_b").length();
        this.emb = init.get("emb").castTo(DataType.FLOAT).dup();
        SDVariable e = sd.constant("emb", emb);
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, -1, 1);
        SDVariable inv = sd.placeHolder("inv_count", DataType.FLOAT, -1, 1);
        SDVariable y = sd.placeHolder("labels", DataType.FLOAT, -1, numClasses);
        SDVariable look = sd.gather("lookup", e, ids, 0);
        SDVariable p = look.mul(mask).sum(1).mul("p", inv);
        SDVariable hw = sd.var("hid_w", init.get("hid_w").castTo(DataType.FLOAT).dup());
        SDVariable hb = sd.var("hid_b", init.get("hid_b").castTo(DataType.FLOAT).dup());
        SDVariable a = p.mmul(hw).add("a", hb);
        SDVariable h = sd.math().tanh("h", a);
        SDVariable fw = sd.var("fc_w", init.get("fc_w").castTo(DataType.FLOAT).dup());
        SDVariable fb = sd.var("fc_b", init.get("fc_b").castTo(DataType.FLOAT).dup());
        SDVariable z = h.mmul(fw).add("logits", fb);
        SDVariable loss = sd.nn().logSoftmax(z).mul(y).sum(1).neg("loss");
        loss.mean("mean_loss");
        sd.setLossVariables("mean_loss");
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Sgd(new MapSchedule(ScheduleType.ITERATION, LRS)))
                .dataSetFeatureMapping("ids", "mask", "inv_count").dataSetLabelMapping("labels").build());
    }

    static GraphTaps spec(int k) {
        return GraphTaps.builder().embeddingOutput("lookup").lookupOutput("lookup").gradientRoots("emb")
                .logits("logits").perExampleLoss("loss").labelPlaceholder("labels")
                .denseLayer("hid", "p", "a").denseLayer("fc", "h", "logits").numClasses(k).build();
    }

    /** Placeholders of examples [from, to) except labels. */
    Map<String, INDArray> features(int from, int to) {
        int b = to - from;
        int len = tokens[0].length;
        int[] ids = new int[b * len];
        float[] mask = new float[b * len];
        float[] inv = new float[b];
        for (int i = 0; i < b; i++) {
            int n = 0;
            for (int t = 0; t < len; t++) {
                ids[i * len + t] = tokens[from + i][t];
                if (tokens[from + i][t] != 0) {
                    mask[i * len + t] = 1f;
                    n++;
                }
            }
            inv[i] = 1f / Math.max(1, n);
        }
        Map<String, INDArray> m = new TreeMap<>();
        m.put("ids", Nd4j.createFromArray(ids).reshape('c', b, len));
        m.put("mask", Nd4j.createFromArray(mask).reshape('c', b, len, 1));
        m.put("inv_count", Nd4j.createFromArray(inv).reshape('c', b, 1));
        return m;
    }

    CaptureSource source() {
        return new CaptureSource() {
            @Override
            public int numExamples() {
                return labels.length;
            }

            @Override
            public List<EvalBatch> batches(ExampleRange range, int max) {
                // consecutive batches, the last one first: capture must restore the id order
                List<EvalBatch> out = new ArrayList<>();
                for (int from = range.from(); from < range.to(); from += max) {
                    out.add(0, batch(ExampleRange.of(from, Math.min(range.to(), from + max))));
                }
                return out;
            }

            private EvalBatch batch(ExampleRange r) {
                int len = tokens[0].length;
                int[] lengths = new int[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    for (int t : tokens[r.from() + i]) {
                        lengths[i] += t != 0 ? 1 : 0;
                    }
                }
                return new EvalBatch(java.util.stream.IntStream.range(r.from(), r.to()).toArray(),
                        features(r.from(), r.to()), java.util.Arrays.copyOfRange(labels, r.from(), r.to()),
                        EvalBatch.leadingPositions(lengths, len));
            }
        };
    }

    MultiDataSetIterator iterator() {
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < labels.length; from += BATCH) {
            int to = Math.min(labels.length, from + BATCH);
            Map<String, INDArray> f = features(from, to);
            INDArray y = Nd4j.zeros(DataType.FLOAT, to - from, numClasses);
            for (int i = from; i < to; i++) {
                y.putScalar(i - from, labels[i], 1f);
            }
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {f.get("ids"), f.get("mask"), f.get("inv_count")}, new INDArray[] {y}));
        }
        return new ListIterator(batches);
    }

    /** Steps per epoch. */
    int stepsPerEpoch() {
        return (labels.length + BATCH - 1) / BATCH;
    }

    /**
     * Trains with capture every 2 steps.
     *
     * @param writer where to capture
     * @param export if non-null, each checkpoint's weights are written here in the oracle's layout
     * @return the capture listener
     */
    SameDiffCaptureListener trainAndCapture(ArtifactWriter writer, Path export) {
        SameDiffCapture capture = SameDiffCapture.attach(sd, spec(numClasses));
        SameDiffCaptureListener l = SameDiffCaptureListener.builder(capture, writer, source())
                .schedule(CaptureSchedule.everyIterations(2))
                .spec(CaptureSpec.of(SameDiffCapture.ALL_KINDS).withBatchSize(5))
                .runLength((long) stepsPerEpoch() * EPOCHS, stepsPerEpoch())
                .seed(7)
                .learningRate(SameDiffLearningRates.fromTrainingConfig(sd))
                .build();
        List<Listener> ls = new ArrayList<>(List.of(l));
        if (export != null) {
            ls.add(new BaseListener() {
                @Override
                public boolean isActive(Operation op) {
                    return op == Operation.TRAINING;
                }

                @Override
                public void iterationDone(SameDiff s, At at, MultiDataSet ds, Loss loss) {
                    long step = at.iteration() + 1L;
                    if (l.steps().containsKey(step)) {
                        exportWeights(export.resolve("checkpoints").resolve(String.format("step-%08d", step)),
                                SameDiffLearningRates.fromTrainingConfig(s).learningRate(at.iteration(), at.epoch()));
                    }
                }
            });
        }
        sd.fit(iterator(), EPOCHS, ls.toArray(new Listener[0]));
        return l;
    }

    Map<String, INDArray> weights() {
        Map<String, INDArray> m = new TreeMap<>();
        m.put("emb", emb.dup());
        for (String n : List.of("hid_w", "hid_b", "fc_w", "fc_b")) {
            m.put(n, sd.getVariable(n).getArr().dup());
        }
        return m;
    }

    void exportWeights(Path dir, double lr) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, INDArray> e : weights().entrySet()) {
                write(dir.resolve(e.getKey() + ".npy"), e.getValue());
            }
            write(dir.resolve("lr.npy"), Nd4j.scalar(lr));
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static void write(Path f, INDArray a) throws IOException {
        try (OutputStream out = Files.newOutputStream(f)) {
            Npy.write(a, out);
        }
    }

    /** A resettable iterator over fixed batches. */
    private static final class ListIterator implements MultiDataSetIterator {
        private static final long serialVersionUID = 1L;
        private final List<MultiDataSet> list;
        private int next;

        ListIterator(List<MultiDataSet> list) {
            this.list = list;
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public boolean hasNext() {
            return next < list.size();
        }

        @Override
        public MultiDataSet next() {
            return list.get(next++);
        }
    }
}
