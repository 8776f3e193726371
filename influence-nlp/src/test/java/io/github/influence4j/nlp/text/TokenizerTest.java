// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private final Tokenizer tok = Tokenizer.ptb();

    @Test
    void splitsPunctuationAndClitics() {
        assertEquals(List.of("a", "dog", "'s", "toy", "is", "n't", "red", "."), tok.tokenize("A dog's toy isn't red."));
        assertEquals(List.of("they", "ca", "n't", "go", ",", "we", "'re", "here", "!"),
                tok.tokenize("They can't go, we're here!"));
        assertEquals(List.of("the", "dogs", "'", "bowls", "(", "blue", ")", "?"), tok.tokenize("The dogs' bowls (blue)?"));
        assertEquals(List.of("\"", "hi", "\"", "said", "mr", ".", "smith", "of", "the", "u.s."),
                tok.tokenize("\"Hi\" said Mr. Smith of the U.S."));
        assertEquals(List.of("a", "to-go", "cup", "costs", "8,000", "."), tok.tokenize("  A to-go cup costs 8,000. "));
        assertEquals(List.of("i", "'m", "sure", "it", "'ll", "be", "fine"), tok.tokenize("I\u2019m sure it'll be fine"));
        assertEquals(List.of(), tok.tokenize("   "));
    }

    @Test
    void glovCoversNearlyAllSnliTokens() {
        WordVectors glove = WordVectors.bundledGlove();
        assertEquals(100, glove.dimension());
        assertEquals(8_500 + Vocabulary.RESERVED, glove.vocabulary().size());
        long tokens = 0;
        long oov = 0;
        for (SnliSplit s : SnliSplit.values()) {
            for (SnliPair p : SnliReader.bundled(s)) {
                for (String w : tok.tokenize(p.premise() + " " + p.hypothesis())) {
                    tokens++;
                    oov += glove.vocabulary().id(w) == Vocabulary.OOV ? 1 : 0;
                }
            }
        }
        // PROVENANCE.md: 1,654 of 462,217 tokens are out of vocabulary (0.36%)
        assertEquals(462_217, tokens);
        assertEquals(1_654, oov);
        assertTrue(glove.vocabulary().id("the") >= Vocabulary.RESERVED);
        assertEquals("the", glove.vocabulary().word(glove.vocabulary().id("the")));
    }
}
