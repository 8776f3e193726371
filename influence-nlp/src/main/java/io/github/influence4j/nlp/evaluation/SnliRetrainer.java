// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.evaluation;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.capture.LearningRateSource;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.nlp.encoder.EncodedPairs;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliData;
import io.github.influence4j.nlp.encoder.SnliEncoder;
import io.github.influence4j.nlp.encoder.SnliTrainer;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.samediff.SameDiffCaptureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One SNLI training run of an evaluation (the recipe of docs/DESIGN.md section 6, as
 * {@link io.github.influence4j.nlp.encoder.SnliExperiment} runs it), returning the logits of a fixed
 * set of test examples instead of the whole test split's accuracy; optionally capturing the training
 * pool and the test examples at the same checkpoints into two stores (the train and test stores a
 * train-to-test scorer reads).
 */
public final class SnliRetrainer {
    private SnliRetrainer() {
    }

    /**
     * What a run produced.
     *
     * @param logits {@code [test][3]} eval-mode logits of the test examples
     * @param seconds wall time of training and evaluation
     * @param captures checkpoints captured into the training store (empty without capture)
     */
    public record Outcome(float[][] logits, double seconds, List<CaptureResult> captures) {
        /**
         * @param labels the test examples' gold labels
         * @return the margins {@link #margin(float[], int)} per test example
         */
        public double[] margins(int[] labels) {
            double[] m = new double[logits.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = margin(logits[i], labels[i]);
            }
            return m;
        }
    }

    /**
     * Where and what to capture.
     *
     * @param train the training pool's store (static artifacts written when empty)
     * @param test the test examples' store
     * @param schedule when
     * @param spec which kinds
     */
    public record Capture(ArtifactWriter train, ArtifactWriter test, CaptureSchedule schedule, CaptureSpec spec) {
    }

    /**
     * The model output function of TRAK for a multi-class classifier (Park et al. 2023, Sec. 3 and
     * App. E): the margin {@code log(p_y / (1 - p_y)) = z_y - log sum_{j != y} exp(z_j)}.
     *
     * @param logits one example's logits
     * @param label its gold class
     * @return the margin
     */
    public static double margin(float[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logits.length; j++) {
            if (j != label) {
                max = Math.max(max, logits[j]);
            }
        }
        double s = 0;
        for (int j = 0; j < logits.length; j++) {
            if (j != label) {
                s += Math.exp(logits[j] - max);
            }
        }
        return logits[label] - (max + Math.log(s));
    }

    /**
     * @param data the data (its training pool; {@link TrainOptions#subset()} selects among it)
     * @param config architecture
     * @param options epochs, seed, subset
     * @param tests the test examples whose logits are returned
     * @param capture what to capture, or null
     * @return the outcome
     */
    public static Outcome run(SnliData data, EncoderConfig config, TrainOptions options, EncodedPairs tests,
            @org.jspecify.annotations.Nullable Capture capture) {
        long t0 = System.nanoTime();
        SnliEncoder enc = SnliEncoder.create(data.vectors().initialMatrix(new Random(options.seed()), 0.1f),
                data.vectors().vocabulary().size(), config, options.seed());
        List<SameDiffCaptureListener> listeners = new ArrayList<>();
        if (capture != null) {
            int n = options.subset().map(s -> s.length).orElse(data.train().size());
            int spe = SnliTrainer.stepsPerEpoch(n, options.batchSize());
            if (capture.train().store().staticArtifacts().isEmpty()) {
                SnliData.writeStatic(capture.train(), data.train());
            }
            if (capture.test().store().staticArtifacts().isEmpty()) {
                SnliData.writeStatic(capture.test(), tests);
            }
            listeners.add(listener(enc, capture.train(), data.train(), capture, options, spe));
            listeners.add(listener(enc, capture.test(), tests, capture, options, spe));
        }
        SnliTrainer.train(enc, data.train(), options, listeners);
        float[][] z = enc.logits(tests, 512);
        List<CaptureResult> caps = listeners.isEmpty() ? List.of() : listeners.get(0).results();
        return new Outcome(z, (System.nanoTime() - t0) / 1e9, caps);
    }

    private static SameDiffCaptureListener listener(SnliEncoder enc, ArtifactWriter w, EncodedPairs source,
            Capture capture, TrainOptions options, int stepsPerEpoch) {
        return SameDiffCaptureListener.builder(enc.capture(), w, enc.captureSource(source))
                .schedule(capture.schedule()).spec(capture.spec())
                .runLength((long) stepsPerEpoch * options.epochs(), stepsPerEpoch).seed(options.seed())
                .learningRate(LearningRateSource.constant(options.learningRate())).build();
    }
}
