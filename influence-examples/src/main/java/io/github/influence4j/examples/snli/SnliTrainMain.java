// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.snli;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.nlp.transformer.MiniLmArtifacts;
import io.github.influence4j.nlp.transformer.MiniLmExperiment;
import io.github.influence4j.nlp.transformer.MiniLmSnli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains the SNLI encoder on the dev pool and evaluates it on the test split; optionally captures
 * a store. Prints a table of the measured figures (accuracy, seconds per epoch, capture time,
 * bytes per checkpoint). An example application of {@code influence-nlp} (it lives here, not in the
 * library, because it prints to the console and needs an ND4J backend); {@code influence-examples/run-snli.sh}
 * runs it from the command-line jar.
 *
 * <pre>
 * java -cp ... io.github.influence4j.examples.snli.SnliTrainMain [--epochs 10] [--seeds 1,2,3] [--batch 128]
 *     [--lr 1e-3] [--emb-lr 1e-3] [--channels 256] [--no-bucket] [--checkpoints 10]
 *     [--logits-every 50] [--logits-epochs 2] [--store DIR]
 * java -cp ... io.github.influence4j.examples.snli.SnliTrainMain --encoder minilm [--train-layers 2] [--epochs 2]
 *     [--seeds 1,2,3] [--cache runs/snli-minilm/minilm-cache]
 * </pre>
 * {@code --checkpoints N} captures N evenly spaced checkpoints of every kind during the run of the
 * first seed, {@code --logits-every M} adds a LOGITS-only checkpoint every M steps during the first
 * {@code --logits-epochs} epochs (Tan et al. 2023: forgetting every 50 steps for 2 epochs); in
 * memory (about 240 MB per full checkpoint), or into the file store {@code --store DIR}.
 */
public final class SnliTrainMain {
    private SnliTrainMain() {
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        Map<String, String> a = parse(args);
        if (a.getOrDefault("encoder", "cnn").equals("minilm")) {
            miniLm(a);
            return;
        }
        TrainOptions o = TrainOptions.builder()
                .epochs(Integer.parseInt(a.getOrDefault("epochs", "10")))
                .batchSize(Integer.parseInt(a.getOrDefault("batch", "128")))
                .learningRates(Double.parseDouble(a.getOrDefault("lr", "1e-3")),
                        Double.parseDouble(a.getOrDefault("emb-lr", "1e-3")))
                .bucketed(!a.containsKey("no-bucket"))
                .build();
        EncoderConfig cfg = EncoderConfig.defaults().withChannels(Integer.parseInt(a.getOrDefault("channels", "256")));
        List<Long> seeds = Arrays.stream(a.getOrDefault("seeds", "1").split(",")).map(Long::parseLong).toList();
        int checkpoints = Integer.parseInt(a.getOrDefault("checkpoints", "0"));
        int logitsEvery = Integer.parseInt(a.getOrDefault("logits-every", "0"));
        int logitsEpochs = Integer.parseInt(a.getOrDefault("logits-epochs", "2"));
        Optional<CaptureSchedule> schedule = checkpoints == 0 && logitsEvery == 0 ? Optional.empty()
                : Optional.of(CaptureSchedule.evenlySpaced(checkpoints).withLogitsCadence(logitsEvery, logitsEpochs));
        Optional<Path> store = Optional.ofNullable(a.get("store")).map(Path::of);
        List<SnliExperiment.Result> results = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            SnliExperiment.Result r = SnliExperiment.run(cfg, o.toBuilder().seed(seeds.get(i)).build(),
                    i == 0 ? schedule : Optional.empty(), i == 0 ? store : Optional.empty());
            results.add(r);
            System.out.println(r.summary());
        }
        double mean = results.stream().mapToDouble(SnliExperiment.Result::testAccuracy).average().orElse(Double.NaN);
        double var = results.stream().mapToDouble(r -> Math.pow(r.testAccuracy() - mean, 2)).sum()
                / Math.max(1, results.size() - 1);
        System.out.printf("SNLI test accuracy: %.1f%% (mean of %d seeds, +/- %.1f sample std)%n", 100 * mean,
                results.size(), 100 * Math.sqrt(var));
        System.out.printf("seconds per epoch (mean over seeds and epochs, capture excluded): %.2f%n",
                results.stream().mapToDouble(SnliExperiment.Result::trainSecondsPerEpoch).average().orElse(Double.NaN));
    }

    /**
     * {@code --encoder minilm [--train-layers 2] [--epochs 2] [--seeds 1,2,3] [--cache DIR]}: all-MiniLM-L6-v2,
     * the top layers and the head fine-tuned over the cached output of the frozen ones, as
     * {@code snli-prune --encoder minilm} trains it.
     */
    private static void miniLm(Map<String, String> a) {
        int layers = Integer.parseInt(a.getOrDefault("train-layers", "2"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "2"));
        List<Long> seeds = Arrays.stream(a.getOrDefault("seeds", "1").split(",")).map(Long::parseLong).toList();
        MiniLmExperiment.Options o = MiniLmExperiment.Options.preset(layers, epochs, seeds.get(0));
        Path cache = Path.of(a.getOrDefault("cache", "runs/snli-minilm/minilm-cache"));
        long t0 = System.nanoTime();
        MiniLmSnli data = MiniLmSnli.load(MiniLmArtifacts.locate(), cache, o.startLayer(), MiniLmSnli.DEFAULT_MAX_LENGTH,
                0, k -> { });
        System.out.printf("layers 0-%d frozen and cached in %s (%.0f s)%n", o.startLayer() - 1, cache,
                (System.nanoTime() - t0) / 1e9);
        List<Double> acc = new ArrayList<>();
        for (long seed : seeds) {
            MiniLmExperiment.Result r = MiniLmExperiment.run(data, o.withSeed(seed), Optional.empty(), Optional.empty(),
                    (s, e, lr) -> { });
            acc.add(r.testAccuracy());
            System.out.printf("seed %d: SNLI test accuracy %.2f%%, %.1f s per epoch (%d top layers and the head)%n", seed,
                    100 * r.testAccuracy(), r.trainSecondsPerEpoch(), layers);
        }
        double mean = acc.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = acc.stream().mapToDouble(x -> Math.pow(x - mean, 2)).sum() / Math.max(1, acc.size() - 1);
        System.out.printf("MiniLM SNLI test accuracy: %.1f%% (mean of %d seeds, +/- %.1f sample std)%n", 100 * mean,
                acc.size(), 100 * Math.sqrt(var));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; options start with --");
            }
            String k = args[i].substring(2);
            if (k.equals("no-bucket")) {
                m.put(k, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + k + " needs a value");
                }
                m.put(k, args[++i]);
            }
        }
        return m;
    }
}
