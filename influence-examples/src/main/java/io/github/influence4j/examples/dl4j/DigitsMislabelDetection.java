// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.dl4j;

import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.selection.LabelNoise;
import io.github.influence4j.core.selection.NoisyLabels;
import io.github.influence4j.core.selection.ScoreAnalysis;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.dl4j.CaptureData;
import io.github.influence4j.dl4j.Dl4jCapture;
import io.github.influence4j.dl4j.Dl4jCaptureListener;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.dynamics.DataMap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Mislabel detection with a DL4J network: a {@code MultiLayerNetwork} (64 -> 128 -> 64 -> 10) is
 * trained on the UCI digits training split after 20% of its labels were shuffled (Tan et al. 2023,
 * Table 4 protocol: {@link LabelNoise#shuffle}); a {@link Dl4jCaptureListener} captures every epoch;
 * every applicable score is computed from the store and its mislabel-detection AUROC printed.
 *
 * <pre>
 * mvn -q -o -pl influence-examples -am test -Dtest=DigitsMislabelDetectionTest -Dgroups=slow \
 *     -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
public final class DigitsMislabelDetection {
    /** Examples per optimizer step. */
    public static final int BATCH = 64;

    private DigitsMislabelDetection() {
    }

    /**
     * One score's mislabel-detection quality.
     *
     * @param score the score name
     * @param auroc probability that a mislabelled example ranks harder than a clean one
     * @param precisionAtK fraction mislabelled among the k hardest, k = number mislabelled
     */
    public record Row(String score, double auroc, double precisionAtK) {
    }

    /**
     * Runs the experiment.
     *
     * @param seed seeds the label noise, the weights, the batch order and the dropout-free training
     * @param noise the nominal fraction of labels shuffled
     * @param epochs training epochs (one checkpoint each)
     * @param out where the report goes
     * @return one row per score
     */
    public static List<Row> run(long seed, double noise, int epochs, PrintStream out) {
        OptDigits.Digits train = OptDigits.load(OptDigits.Split.TRAIN);
        OptDigits.Digits test = OptDigits.load(OptDigits.Split.TEST);
        NoisyLabels noisy = LabelNoise.shuffle(train.labels(), noise, seed);
        int n = train.size();
        out.printf("UCI optdigits: %d training examples, %d test; %.0f%% of training labels shuffled -> %d (%.1f%%)"
                + " actually wrong%n", n, test.size(), 100 * noise, noisy.misannotated(), 100.0 * noisy.misannotated() / n);

        MultiLayerNetwork net = network(seed);
        ArtifactWriter writer = MemoryStores.create(StoreSpec.of("optdigits-noisy", n, OptDigits.CLASSES));
        Dl4jCapture capture = Dl4jCapture.builder().denseLayers("hidden1", "hidden2", "out").inputGradients()
                .batchSize(512).build();
        net.addListeners(Dl4jCaptureListener.builder(capture, net, CaptureData.of(train.features(), noisy.labels()), writer)
                .schedule(CaptureSchedule.everyEpochs(1)).seed(seed).build());

        INDArray y = oneHot(noisy.labels());
        Random order = new Random(seed);
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            net.fit(new ListDataSetIterator<>(shuffledBatches(train.features(), y, order), 1));
        }
        out.printf("trained %d epochs with capture in %.1f s; clean test accuracy %.2f%%, accuracy on the noisy"
                + " training labels %.2f%%%n", epochs, (System.nanoTime() - start) / 1e9,
                100 * accuracy(net, test.features(), test.labels()),
                100 * accuracy(net, train.features(), noisy.labels()));

        TrainingArtifactStore store = writer.store();
        List<InfluenceScores> scores = new ArrayList<>();
        scores.add(Scorers.vog(store).score());
        scores.add(Scorers.el2n(store).score());
        scores.add(Scorers.grand(store, OptionValues.of(ScorerOptions.LAYERS, List.of("hidden1", "hidden2", "out"))).score());
        scores.add(Scorers.forgetting(store).score());
        scores.add(Scorers.aum(store).score());
        DataMap map = Scorers.dataMap(store).score();
        scores.add(map.confidence());
        scores.add(map.variability());
        scores.add(map.correctness());
        scores.add(Scorers.tracInSelf(store).score());
        scores.add(Scorers.tracInSelf(store, OptionValues.of(ScorerOptions.LAYERS, List.of("all"))).score());

        List<Row> rows = new ArrayList<>();
        out.printf("%-28s %8s %14s%n", "score (store: " + store.checkpoints().size() + " checkpoints)", "AUROC",
                "precision@" + noisy.misannotated());
        String[] labels = {"vog", "el2n", "grand (all layers)", "forgetting", "aum", "data-map confidence",
            "data-map variability", "data-map correctness", "tracin-self (hidden2)", "tracin-self (all layers)"};
        for (int i = 0; i < scores.size(); i++) {
            InfluenceScores s = scores.get(i);
            Row r = new Row(labels[i], ScoreAnalysis.mislabelAuroc(s, noisy.changed()),
                    ScoreAnalysis.precisionAtK(s, noisy.changed(), noisy.misannotated()));
            rows.add(r);
            out.printf("%-28s %8.4f %14.4f%n", r.score(), r.auroc(), r.precisionAtK());
        }
        out.println("not applicable here: PVI (needs NULL_LOGITS of a null-input model), TracIn-WE (needs word embeddings)");
        return rows;
    }

    /**
     * @param args optional: seed, noise fraction, epochs
     */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42L;
        double noise = args.length > 1 ? Double.parseDouble(args[1]) : 0.2;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        run(seed, noise, epochs, System.out);
    }

    /**
     * @param seed weight-initialisation seed
     * @return 64 -> hidden1 (128, ReLU) -> hidden2 (64, ReLU) -> out (10, softmax, cross-entropy), Adam 1e-3
     */
    static MultiLayerNetwork network(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().name("hidden1").nIn(OptDigits.FEATURES).nOut(128)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("hidden2").nIn(128).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(64)
                        .nOut(OptDigits.CLASSES).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build());
        net.init();
        return net;
    }

    private static List<DataSet> shuffledBatches(INDArray x, INDArray y, Random order) {
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < x.size(0); i++) {
            perm.add(i);
        }
        Collections.shuffle(perm, order);
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < perm.size(); from += BATCH) {
            int[] idx = perm.subList(from, Math.min(perm.size(), from + BATCH)).stream().mapToInt(Integer::intValue).toArray();
            batches.add(new DataSet(Nd4j.pullRows(x, 1, idx), Nd4j.pullRows(y, 1, idx)));
        }
        return batches;
    }

    private static INDArray oneHot(int[] labels) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, OptDigits.CLASSES);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    private static double accuracy(MultiLayerNetwork net, INDArray x, int[] labels) {
        long[] predicted = net.output(x, false).argMax(1).toLongVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct / (double) labels.length;
    }
}
