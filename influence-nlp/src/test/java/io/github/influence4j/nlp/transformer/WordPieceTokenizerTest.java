// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WordPieceTokenizer} against HuggingFace {@code tokenizers} (the Rust library, through DJL's
 * binding, on the same {@code tokenizer.json}) on every bundled SNLI dev and test pair, with and
 * without truncation; plus the bad-input cases.
 */
class WordPieceTokenizerTest {
    @TempDir
    static Path dir;
    private static Path json;

    @BeforeAll
    static void writeJson() throws IOException {
        json = dir.resolve("tokenizer.json");
        Files.write(json, MiniLmFixture.artifacts().tokenizerJson());
    }

    private static HuggingFaceTokenizer reference(int maxLength) throws IOException {
        return HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "true",
                "maxLength", Integer.toString(maxLength), "addSpecialTokens", "true"));
    }

    private static List<SnliPair> allPairs() {
        List<SnliPair> pairs = new ArrayList<>(SnliReader.bundled(SnliSplit.DEV));
        pairs.addAll(SnliReader.bundled(SnliSplit.TEST));
        return pairs;
    }

    @Test
    void idsAndTypesMatchHuggingFaceOnEverySnliDevAndTestPair() throws IOException {
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        List<SnliPair> pairs = allPairs();
        assertEquals(SnliSplit.DEV.labelledPairs() + SnliSplit.TEST.labelledPairs(), pairs.size());
        int longest = 0;
        try (HuggingFaceTokenizer ref = reference(128)) {
            for (SnliPair p : pairs) {
                Encoding want = ref.encode(p.premise(), p.hypothesis());
                PairEncoding got = tok.encodePair(p.premise(), p.hypothesis(), 128);
                String where = "pair " + p.pairId() + " (" + p.premise() + " | " + p.hypothesis() + ")";
                assertArrayEquals(want.getIds(), toLong(got.ids()), where);
                assertArrayEquals(want.getTypeIds(), toLong(got.typeIds()), where);
                assertEquals(0, got.truncated(), where);
                longest = Math.max(longest, got.length());
            }
        }
        assertTrue(longest > 40 && longest < 128, "longest SNLI pair " + longest + " tokens");
    }

    @Test
    void truncationMatchesHuggingFaceLongestFirstAndIsCounted() throws IOException {
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        List<SnliPair> pairs = allPairs();
        for (int max : new int[] {16, 21}) {
            int truncatedPairs = 0;
            try (HuggingFaceTokenizer ref = reference(max)) {
                for (int i = 0; i < pairs.size(); i += 3) {
                    SnliPair p = pairs.get(i);
                    Encoding want = ref.encode(p.premise(), p.hypothesis());
                    PairEncoding got = tok.encodePair(p.premise(), p.hypothesis(), max);
                    PairEncoding full = tok.encodePair(p.premise(), p.hypothesis(), 512);
                    String where = "max " + max + ", pair " + p.pairId();
                    assertArrayEquals(want.getIds(), toLong(got.ids()), where);
                    assertArrayEquals(want.getTypeIds(), toLong(got.typeIds()), where);
                    assertEquals(full.length() - got.length(), got.truncated(), where);
                    assertTrue(got.length() <= max, where);
                    truncatedPairs += got.truncated() > 0 ? 1 : 0;
                }
            }
            assertTrue(truncatedPairs > 100, "max " + max + " truncated only " + truncatedPairs + " pairs");
        }
    }

    @Test
    void accentsPunctuationControlAndCjkMatchHuggingFace() throws IOException {
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        String[][] cases = {
            {"Café naïve résumé, Ångström!", "Don't re-enter: \"quoted\" (yes)..."},
            {"tab\there\u00a0nbsp\u200bzero-width\u0007bell", "漢字 and 日本語 mixed"},
            {"supercalifragilisticexpialidocious " + "x".repeat(120), "emoji \ud83d\ude00 ok"},
            {"", ""},
            {"   ", "only hypothesis"},
        };
        try (HuggingFaceTokenizer ref = reference(128)) {
            for (String[] c : cases) {
                Encoding want = ref.encode(c[0], c[1]);
                PairEncoding got = tok.encodePair(c[0], c[1], 128);
                assertArrayEquals(want.getIds(), toLong(got.ids()), Arrays.toString(c));
                assertArrayEquals(want.getTypeIds(), toLong(got.typeIds()), Arrays.toString(c));
            }
        }
    }

    @Test
    void subWordStringsMarkContinuations() {
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        assertEquals(30_522, tok.vocabularySize());
        List<String> s = tok.tokenStrings("Snowboarders jump!");
        assertEquals("!", s.get(s.size() - 1));
        assertTrue(s.stream().anyMatch(t -> t.startsWith("##")), s.toString());
        assertEquals(String.join("", s).replace("##", ""), "snowboardersjump!");
    }

    @Test
    void emptySentencesGiveOnlyTheSpecialTokens() {
        PairEncoding e = MiniLmFixture.tokenizer().encodePair("", " \t ", 128);
        assertArrayEquals(new int[] {101, 102, 102}, e.ids());
        assertArrayEquals(new int[] {0, 0, 1}, e.typeIds());
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tok.encodePair("a", "b", 2));
        assertTrue(e.getMessage().contains("maxLength 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson("{\"model\":{\"type\":\"BPE\"}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("'BPE'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WordPieceTokenizer.fromJson(
                "{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[UNK]\":0,\"a\":1}}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("[CLS]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson("{not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void longestFirstKeepsTheShorterWholeWhenItFitsInHalf() {
        assertArrayEquals(new int[] {3, 7}, WordPieceTokenizer.longestFirst(3, 20, 10));
        assertArrayEquals(new int[] {7, 3}, WordPieceTokenizer.longestFirst(20, 3, 10));
        assertArrayEquals(new int[] {5, 6}, WordPieceTokenizer.longestFirst(9, 9, 11));
    }

    private static long[] toLong(int[] a) {
        return Arrays.stream(a).asLongStream().toArray();
    }

}
