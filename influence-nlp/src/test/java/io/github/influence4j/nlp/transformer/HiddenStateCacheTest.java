// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.capture.CapturedBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fine-tuning the upper layers over cached lower-layer states computes what the whole encoder with
 * those lower layers frozen computes: same logits, same training steps, and input gradients at the
 * cached states that match finite differences.
 */
class HiddenStateCacheTest {
    private static final BertConfig TINY = new BertConfig(30, 8, 3, 2, 16, 12, 2, 1e-12);

    private static List<PairEncoding> pairs(int n, Random r) {
        return BertFineTunerTest.randomPairs(n, r);
    }

    @Test
    void topOverCachedStatesGivesTheFrozenEncodersLogitsAndTrainingSteps() {
        BertWeights w = BertGradientTest.randomWeights(TINY, 11);
        List<PairEncoding> p = pairs(10, new Random(4));
        int[] labels = {0, 1, 2, 0, 1, 2, 2, 1, 0, 1};
        HiddenStateCache cache = HiddenStateCache.compute(w, p, 2, 4, n -> { });
        BertClassifier full = BertClassifier.create(w, 2, 7);
        BertClassifier top = BertClassifier.createTop(w, 2, 7);
        assertEquals(full.trainableParameters(), top.trainableParameters());
        float[][] zf = BertFineTuner.logits(full, PairInputs.ofTokens(p), 3);
        float[][] zt = BertFineTuner.logits(top, cache, 4);
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(zf[i], zt[i], 1e-5f, "pair " + i);
        }
        FineTuneOptions o = new FineTuneOptions(2, 4, 1e-3, 1e-2, 0.01, 0.25, 1, 3);
        AtomicInteger hooks = new AtomicInteger();
        BertFineTuner.Result rf = BertFineTuner.train(full, PairInputs.ofTokens(p), labels, o, (s, e, lr) -> { });
        BertFineTuner.Result rt = BertFineTuner.train(top, cache, labels, o, (s, e, lr) -> hooks.incrementAndGet());
        assertEquals(rf.steps(), rt.steps());
        assertEquals(rt.steps(), hooks.get());
        for (int e = 0; e < 2; e++) {
            assertEquals(rf.epochLoss().get(e), rt.epochLoss().get(e), 1e-5);
        }
        for (String v : top.trainableParameters()) {
            assertArrayEquals(full.graph().getArrForVarName(v).data().asFloat(),
                    top.graph().getArrForVarName(v).data().asFloat(), 1e-4f, v);
        }
    }

    @Test
    void inputGradientsAtTheCachedStatesMatchFiniteDifferences() {
        BertWeights w = BertGradientTest.randomWeights(TINY, 12);
        List<PairEncoding> p = pairs(3, new Random(5));
        int[] labels = {2, 0, 1};
        HiddenStateCache cache = HiddenStateCache.compute(w, p, 1, 8, n -> { });
        BertClassifier top = BertClassifier.createTop(w, 1, 9);
        int[] all = {0, 1, 2};
        CapturedBatch cb = top.capture().compute(top.evalBatch(all, cache, all, labels), Set.of(ArtifactKind.INPUT_GRADS,
                ArtifactKind.LOGITS));
        INDArray g = cb.inputGrads().orElseThrow();
        int h = TINY.hidden();
        // pair 1, token 2, feature 3: z_y moves by g * eps when that cached state moves by eps
        int pair = 1;
        int token = 2;
        int feature = 3;
        int row = p.get(0).length() + token;
        double eps = 1e-2;
        double plus = logitWithPerturbation(top, cache, pair, labels[pair], token * h + feature, eps);
        double minus = logitWithPerturbation(top, cache, pair, labels[pair], token * h + feature, -eps);
        double fd = (plus - minus) / (2 * eps);
        double an = g.getDouble(row, feature);
        assertEquals(fd, an, 2e-3 + 2e-2 * Math.abs(fd), "finite difference " + fd + " vs captured " + an);
        assertTrue(Math.abs(an) > 1e-4, "a vanishing gradient proves nothing: " + an);
    }

    private static double logitWithPerturbation(BertClassifier top, HiddenStateCache cache, int pair, int y, int at,
            double eps) {
        Map<String, INDArray> ph = cache.placeholders(new int[] {pair}, TINY);
        INDArray x = ph.get(BertEncoder.HIDDEN_INPUT).dup();
        long col = at % TINY.hidden();
        long rowIdx = at / TINY.hidden();
        x.putScalar(rowIdx, col, x.getDouble(rowIdx, col) + eps);
        Map<String, INDArray> in = new java.util.HashMap<>(ph);
        in.put(BertEncoder.HIDDEN_INPUT, x);
        return top.graph().output(in, BertClassifier.LOGITS).get(BertClassifier.LOGITS).getDouble(0, y);
    }

    @Test
    void aCacheFileRoundTripsAndADamagedOrForeignOneIsRecomputed(@TempDir Path dir) throws Exception {
        BertWeights w = BertGradientTest.randomWeights(TINY, 13);
        List<PairEncoding> p = pairs(7, new Random(6));
        Path f = dir.resolve("train.hsc");
        AtomicInteger computed = new AtomicInteger();
        HiddenStateCache a = HiddenStateCache.loadOrCompute(f, w, p, 2, 3, n -> computed.set(n));
        assertTrue(Files.isRegularFile(f));
        HiddenStateCache b = HiddenStateCache.read(f).orElseThrow();
        for (int i = 0; i < p.size(); i++) {
            assertEquals(p.get(i).length(), b.length(i));
            assertArrayEquals(a.states(i), b.states(i));
        }
        // other pairs: the fingerprint differs, so it is recomputed and overwritten
        List<PairEncoding> other = pairs(7, new Random(7));
        HiddenStateCache c = HiddenStateCache.loadOrCompute(f, w, other, 2, 3, n -> { });
        assertEquals(other.get(0).length(), c.length(0));
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(f, bytes);
        assertFalse(HiddenStateCache.read(f).isPresent(), "a flipped bit must fail the checksum");
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertFalse(HiddenStateCache.read(f).isPresent(), "a truncated cache must not load");
        assertEquals(7, HiddenStateCache.loadOrCompute(f, w, p, 2, 3, n -> { }).size());
        assertArrayEquals(a.states(3), HiddenStateCache.read(f).orElseThrow().states(3));
    }

    @Test
    void inputsThatDoNotSuitTheClassifierAreRefusedWithTheFix() {
        BertWeights w = BertGradientTest.randomWeights(TINY, 14);
        List<PairEncoding> p = pairs(4, new Random(8));
        HiddenStateCache cache = HiddenStateCache.compute(w, p, 1, 8, n -> { });
        BertClassifier top2 = BertClassifier.createTop(w, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertFineTuner.accuracy(top2, cache, new int[4], 4));
        assertTrue(e.getMessage().contains("createTop(weights, 1, seed)"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> BertFineTuner.accuracy(top2, PairInputs.ofTokens(p), new int[4], 4));
        assertTrue(t.getMessage().contains("cached hidden states"), t.getMessage());
    }
}
