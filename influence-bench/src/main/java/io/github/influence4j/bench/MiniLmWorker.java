// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import io.github.influence4j.nlp.transformer.BertClassifier;
import io.github.influence4j.nlp.transformer.BertFineTuner;
import io.github.influence4j.nlp.transformer.BertWeights;
import io.github.influence4j.nlp.transformer.FineTuneOptions;
import io.github.influence4j.nlp.transformer.HiddenStateCache;
import io.github.influence4j.nlp.transformer.MiniLmArtifacts;
import io.github.influence4j.nlp.transformer.MiniLmExperiment;
import io.github.influence4j.nlp.transformer.MiniLmSnli;
import io.github.influence4j.nlp.transformer.PairEncoding;
import io.github.influence4j.nlp.transformer.PairInputs;
import io.github.influence4j.nlp.transformer.WordPieceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child-JVM (one thread) side of the encoder table's MiniLM rows, on the first {@code N} pairs of
 * the SNLI dev pool (SNLI's length mix): training pairs per second of full fine-tuning (every layer,
 * from token ids), of the top 2 layers and of the head alone over cached states, the frozen-layer
 * cache's pairs per second, and capture seconds and bytes of one checkpoint of the
 * {@code snli-prune --encoder minilm} kinds, per pair (scaled to the pool by the table).
 *
 * <p>Arguments: {@code WORK_DIR PAIRS}.
 */
public final class MiniLmWorker {
    private MiniLmWorker() {
    }

    /**
     * @param args {@code WORK_DIR PAIRS}
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        MiniLmArtifacts files = MiniLmArtifacts.locate();
        BertWeights w = BertWeights.readOnnx(files.onnxModel());
        WordPieceTokenizer tok = WordPieceTokenizer.fromJson(files.tokenizerJson());
        List<PairEncoding> pairs = new ArrayList<>();
        for (SnliPair p : SnliReader.bundled(SnliSplit.DEV).subList(0, n)) {
            pairs.add(tok.encodePair(p.premise(), p.hypothesis(), MiniLmSnli.DEFAULT_MAX_LENGTH));
        }
        int[] labels = SnliReader.bundled(SnliSplit.DEV).subList(0, n).stream().mapToInt(p -> p.label().index())
                .toArray();
        FineTuneOptions one = new FineTuneOptions(1, 32, 1e-4, 1e-3, 0.01, 0.1, 20, 1);
        // each measurement after a warm-up epoch on the same model, so JIT and allocation settle
        BertClassifier full = BertClassifier.create(w, 0, 1);
        ChildJvm.report("fullPairsPerSecond", pairsPerSecond(full, PairInputs.ofTokens(pairs), labels, one));
        long t0 = System.nanoTime();
        HiddenStateCache c4 = HiddenStateCache.compute(w, pairs, 4, 64, k -> { });
        ChildJvm.report("cachePairsPerSecond", n / ((System.nanoTime() - t0) / 1e9));
        ChildJvm.report("top2PairsPerSecond", pairsPerSecond(BertClassifier.createTop(w, 4, 1), c4, labels, one));
        HiddenStateCache c6 = HiddenStateCache.compute(w, pairs, 6, 64, k -> { });
        ChildJvm.report("headPairsPerSecond", pairsPerSecond(BertClassifier.createTop(w, 6, 1), c6, labels, one));
        MiniLmSnli data = new MiniLmSnli(w, tok, pairs, labels, pairs, labels, c4, c4, 0);
        Path store = dir.resolve("minilm-store");
        StoreCache.delete(store);
        try (ArtifactWriter aw = ArtifactStores.create(store, StoreSpec.of("minilm-bench", n, 3))) {
            MiniLmExperiment.Result r = MiniLmExperiment.run(data, MiniLmExperiment.Options.preset(1, 1),
                    Optional.empty(), Optional.of(new MiniLmExperiment.Capture(aw, CaptureSchedule.evenlySpaced(2),
                            new CaptureSpec(MiniLmExperiment.CAPTURABLE, 64))), (s, e, lr) -> { });
            String last = r.captures().get(r.captures().size() - 1).checkpoint().id();
            ChildJvm.report("captureSecondsPerPair", r.captures().stream().mapToDouble(c -> c.seconds()).average()
                    .orElse(Double.NaN) / n);
            ChildJvm.report("bytesPerPair", (double) SnliExperiment.payloadBytes(aw.store(), last) / n);
        } finally {
            StoreCache.delete(store);
        }
    }

    private static double pairsPerSecond(BertClassifier model, PairInputs inputs, int[] labels, FineTuneOptions o) {
        BertFineTuner.train(model, inputs, labels, o, (s, e, lr) -> { });
        BertFineTuner.Result r = BertFineTuner.train(model, inputs, labels, o, (s, e, lr) -> { });
        return inputs.size() / r.seconds();
    }
}
