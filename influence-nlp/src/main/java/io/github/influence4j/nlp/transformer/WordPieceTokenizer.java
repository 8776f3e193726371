// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer (Devlin et al. 2019; Wu et al. 2016) read from a HuggingFace
 * {@code tokenizer.json}, giving the same ids as HuggingFace {@code tokenizers}' {@code BertNormalizer},
 * {@code BertPreTokenizer}, {@code WordPiece} and {@code TemplateProcessing} for a sentence pair
 * (tested on every SNLI dev and test pair).
 *
 * <pre>{@code
 * WordPieceTokenizer tok = WordPieceTokenizer.fromJson(MiniLmArtifacts.locate().tokenizerJson());
 * PairEncoding e = tok.encodePair("A man plays.", "Someone is outside.", 128);
 * }</pre>
 *
 * <ol>
 *   <li>normalise: drop NUL, U+FFFD and other control characters, map whitespace to a space, put
 *       spaces around CJK ideographs, strip accents (NFD, then drop non-spacing marks) and lower-case
 *       (as the json's {@code BertNormalizer} says; accents are stripped when {@code strip_accents}
 *       is true, or unset with {@code lowercase});</li>
 *   <li>split on whitespace and around every punctuation character (ASCII punctuation or a Unicode
 *       {@code P*} category);</li>
 *   <li>each word: greedy longest match against the vocabulary from its start, continuations prefixed
 *       with {@code ##}; a word with no complete split, or over {@code max_input_chars_per_word}
 *       characters, becomes {@code [UNK]};</li>
 *   <li>{@code [CLS] premise [SEP] hypothesis [SEP]}, token types 0 then 1; truncation to a maximum
 *       length as HuggingFace's {@code longest_first}.</li>
 * </ol>
 *
 * @implNote An empty (or all-whitespace) sentence has no tokens: {@code ("", "")} encodes to
 *     {@code [CLS] [SEP] [SEP]}, as HuggingFace does. This is documented behaviour, not an error,
 *     because a null-input model (PVI) is trained on exactly such pairs. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
    private static final int SPECIAL_TOKENS_IN_PAIR = 3;
    private final Map<String, Integer> vocabulary;
    private final String[] tokens;
    private final int unk;
    private final int cls;
    private final int sep;
    private final int pad;
    private final String prefix;
    private final int maxCharsPerWord;
    private final boolean lowercase;
    private final boolean stripAccents;

    private WordPieceTokenizer(Map<String, Integer> vocabulary, String unkToken, String prefix, int maxCharsPerWord,
            boolean lowercase, boolean stripAccents) {
        this.vocabulary = Map.copyOf(vocabulary);
        int max = -1;
        for (int i : vocabulary.values()) {
            if (i < 0) {
                throw new IllegalArgumentException("tokenizer vocabulary has a negative id " + i);
            }
            max = Math.max(max, i);
        }
        this.tokens = new String[max + 1];
        vocabulary.forEach((token, id) -> tokens[id] = token);
        this.unk = id(unkToken);
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
        this.pad = id("[PAD]");
        this.prefix = prefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
    }

    private int id(String token) {
        Integer i = vocabulary.get(token);
        if (i == null) {
            throw new IllegalArgumentException("tokenizer vocabulary has no '" + token + "' token (" + vocabulary.size()
                    + " entries): not a BERT WordPiece vocabulary");
        }
        return i;
    }

    /**
     * Reads a HuggingFace {@code tokenizer.json} whose model is {@code WordPiece}.
     *
     * @param json the file's bytes (UTF-8)
     * @return the tokenizer
     * @throws IllegalArgumentException where the json is unreadable or not a BERT WordPiece tokenizer
     */
    public static WordPieceTokenizer fromJson(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer.json is not valid JSON (" + json.length + " bytes): "
                    + e.getMessage(), e);
        }
        if (root == null) {
            throw new IllegalArgumentException("tokenizer.json is empty");
        }
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IllegalArgumentException("tokenizer.json's model is '" + model.path("type").asText()
                    + "', expected 'WordPiece'");
        }
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new IllegalArgumentException("tokenizer.json has no WordPiece vocabulary (model.vocab)");
        }
        Map<String, Integer> v = new HashMap<>(vocab.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> it = vocab.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            v.put(e.getKey(), e.getValue().asInt());
        }
        JsonNode norm = root.path("normalizer");
        boolean lower = norm.path("lowercase").asBoolean(true);
        JsonNode strip = norm.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lower;
        if (!norm.isMissingNode() && !norm.isNull() && !"BertNormalizer".equals(norm.path("type").asText())) {
            throw new IllegalArgumentException("tokenizer.json's normalizer is '" + norm.path("type").asText()
                    + "', expected 'BertNormalizer'");
        }
        return new WordPieceTokenizer(v, model.path("unk_token").asText("[UNK]"),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100), lower, stripAccents);
    }

    /** @return the vocabulary size (the largest id + 1) */
    public int vocabularySize() {
        return tokens.length;
    }

    /** @return the id of {@code [PAD]} */
    public int padId() {
        return pad;
    }

    /** @return the id of {@code [UNK]} */
    public int unknownId() {
        return unk;
    }

    /**
     * Encodes a sentence pair.
     *
     * @param premise the first sentence (token type 0)
     * @param hypothesis the second sentence (token type 1)
     * @param maxLength the most tokens, special tokens included; at least 3
     * @return the pair, truncated as HuggingFace's {@code longest_first} where it is longer
     */
    public PairEncoding encodePair(String premise, String hypothesis, int maxLength) {
        if (maxLength < SPECIAL_TOKENS_IN_PAIR) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for [CLS] A [SEP] B [SEP]"
                    + " (needs >= " + SPECIAL_TOKENS_IN_PAIR + ")");
        }
        List<Integer> a = tokenize(premise);
        List<Integer> b = tokenize(hypothesis);
        int budget = maxLength - SPECIAL_TOKENS_IN_PAIR;
        int before = a.size() + b.size();
        if (before > budget) {
            int[] keep = longestFirst(a.size(), b.size(), budget);
            a = a.subList(0, keep[0]);
            b = b.subList(0, keep[1]);
        }
        int n = a.size() + b.size() + SPECIAL_TOKENS_IN_PAIR;
        int[] ids = new int[n];
        int[] types = new int[n];
        int k = 0;
        ids[k++] = cls;
        for (int t : a) {
            ids[k++] = t;
        }
        ids[k++] = sep;
        int firstB = k;
        for (int t : b) {
            ids[k++] = t;
        }
        ids[k] = sep;
        for (int i = firstB; i < n; i++) {
            types[i] = 1;
        }
        return new PairEncoding(ids, types, before - (a.size() + b.size()));
    }

    /**
     * HuggingFace tokenizers' {@code LongestFirst} for a pair (tokenizers/src/utils/truncation.rs):
     * the shorter sequence is kept whole where it takes at most half the budget, else both are cut
     * to half (the longer one getting the odd token).
     */
    static int[] longestFirst(int n1, int n2, int budget) {
        boolean swap = n1 > n2;
        int s = swap ? n2 : n1;
        int l;
        if (s > budget) {
            l = s;
        } else {
            l = Math.max(s, budget - s);
        }
        if (s + l > budget) {
            s = budget / 2;
            l = s + budget % 2;
        }
        int longer = swap ? n1 : n2;
        int shorter = swap ? n2 : n1;
        s = Math.min(s, shorter);
        l = Math.min(l, longer);
        return swap ? new int[] {l, s} : new int[] {s, l};
    }

    /**
     * Tokenizes one sentence into WordPiece ids (no special tokens).
     *
     * @param text the sentence
     * @return its ids; empty for an empty or all-whitespace sentence
     */
    public List<Integer> tokenize(String text) {
        List<Integer> out = new ArrayList<>();
        for (String word : preTokenize(normalize(text))) {
            wordPiece(word, out);
        }
        return out;
    }

    /**
     * The sub-word strings of a sentence, for word-level explanations ({@code ##} marks a continuation).
     *
     * @param text the sentence
     * @return its tokens
     */
    public List<String> tokenStrings(String text) {
        List<String> out = new ArrayList<>();
        for (int id : tokenize(text)) {
            out.add(tokens[id]);
        }
        return out;
    }

    String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            if (isWhitespace(c)) {
                sb.append(' ');
            } else if (isChinese(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        });
        String s = sb.toString();
        if (stripAccents) {
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder kept = new StringBuilder(nfd.length());
            nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(kept::appendCodePoint);
            s = kept.toString();
        }
        return lowercase ? s.toLowerCase(java.util.Locale.ROOT) : s;
    }

    static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (isWhitespace(c) || Character.isWhitespace(c)) {
                flush(cur, words);
            } else if (isPunctuation(c)) {
                flush(cur, words);
                words.add(new String(Character.toChars(c)));
            } else {
                cur.appendCodePoint(c);
            }
        });
        flush(cur, words);
        return words;
    }

    private static void flush(StringBuilder cur, List<String> words) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    private void wordPiece(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(unk);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = word.substring(start, end);
                if (start > 0) {
                    piece = prefix + piece;
                }
                found = vocabulary.get(piece);
                if (found != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.subList(mark, out.size()).clear();
                out.add(unk);
                return;
            }
            out.add(found);
            start = end;
        }
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int c) {
        if (c < 128) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
