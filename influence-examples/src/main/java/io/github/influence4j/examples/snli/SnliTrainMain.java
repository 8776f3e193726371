// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.snli;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.nlp.encoder.TrainOptions;
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
