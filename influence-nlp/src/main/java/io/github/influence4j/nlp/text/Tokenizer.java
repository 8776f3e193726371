// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lowercasing, Penn-Treebank-like word tokenizer: whitespace split, punctuation split off the
 * ends of words, and the clitics {@code n't 's 're 've 'll 'd 'm} split as in the PTB (and GloVe's
 * vocabulary: {@code "don't" -> do n't}, {@code "can't" -> ca n't}, {@code "dog's" -> dog 's}).
 *
 * <pre>{@code
 * Tokenizer.ptb().tokenize("A dog's toy isn't red.")  // [a, dog, 's, toy, is, n't, red, .]
 * }</pre>
 *
 * @implNote Word-internal punctuation is kept ({@code to-go}, {@code u.s.}, {@code 8,000}), as in
 *     GloVe's vocabulary; curly quotes are mapped to straight ones first. Stateless and thread-safe.
 */
public final class Tokenizer {
    private static final Tokenizer PTB = new Tokenizer();
    private static final String LEADING = "\"'`([{<";
    private static final String TRAILING = ".,!?;:\"')]}>";
    private static final String[] CLITICS = {"'s", "'re", "'ve", "'ll", "'d", "'m"};

    private Tokenizer() {
    }

    /** @return the tokenizer */
    public static Tokenizer ptb() {
        return PTB;
    }

    /**
     * @param text a sentence
     * @return its tokens, lowercased, in order (empty for blank text)
     */
    public List<String> tokenize(String text) {
        String t = text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"');
        List<String> out = new ArrayList<>();
        for (String chunk : t.trim().split("\\s+")) {
            if (!chunk.isEmpty()) {
                splitChunk(chunk, out);
            }
        }
        return out;
    }

    private static void splitChunk(String chunk, List<String> out) {
        int from = 0;
        int to = chunk.length();
        while (from < to && LEADING.indexOf(chunk.charAt(from)) >= 0 && !isClitic(chunk, from, to)) {
            out.add(String.valueOf(chunk.charAt(from)));
            from++;
        }
        List<String> tail = new ArrayList<>();
        while (to > from) {
            char c = chunk.charAt(to - 1);
            if (TRAILING.indexOf(c) < 0) {
                break;
            }
            // keep the period of an abbreviation like "u.s." or "mr." only when the word holds another period
            if (c == '.' && chunk.substring(from, to - 1).indexOf('.') >= 0 && to - from > 2) {
                break;
            }
            if (c == '\'' && to - 1 > from && chunk.charAt(to - 2) == 's') {
                tail.add(0, "'"); // plural possessive: dogs' -> dogs '
                to--;
                continue;
            }
            tail.add(0, String.valueOf(c));
            to--;
        }
        String core = chunk.substring(from, to);
        if (!core.isEmpty()) {
            splitClitics(core, out);
        }
        out.addAll(tail);
    }

    private static boolean isClitic(String s, int from, int to) {
        return s.charAt(from) == '\'' && to - from > 1 && Character.isLetter(s.charAt(from + 1))
                && isCliticWord(s.substring(from, to));
    }

    private static boolean isCliticWord(String w) {
        for (String c : CLITICS) {
            if (w.equals(c)) {
                return true;
            }
        }
        return w.equals("n't");
    }

    private static void splitClitics(String core, List<String> out) {
        if (core.length() > 3 && core.endsWith("n't")) {
            String stem = core.substring(0, core.length() - 3);
            out.add(stem); // PTB: "can't" -> ca n't, "won't" -> wo n't
            out.add("n't");
            return;
        }
        for (String c : CLITICS) {
            if (core.length() > c.length() && core.endsWith(c)) {
                out.add(core.substring(0, core.length() - c.length()));
                out.add(c);
                return;
            }
        }
        out.add(core);
    }
}
