// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-to-id map with two reserved ids: {@link #PAD} (0, padding, never a real position) and
 * {@link #OOV} (1, the bucket for every word outside the vocabulary). Words get ids from 2 in the
 * order given. Immutable.
 */
public final class Vocabulary {
    /** Id of the padding token. */
    public static final int PAD = 0;
    /** Id of the out-of-vocabulary bucket. */
    public static final int OOV = 1;
    /** Number of reserved ids. */
    public static final int RESERVED = 2;

    private final List<String> words;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words) {
        this.words = Collections.unmodifiableList(new ArrayList<>(words));
        Map<String, Integer> m = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            if (m.put(words.get(i), i + RESERVED) != null) {
                throw new IllegalArgumentException("duplicate word '" + words.get(i) + "' in vocabulary");
            }
        }
        this.ids = m;
    }

    /**
     * @param words distinct words, in id order (ids start at {@link #RESERVED})
     * @return the vocabulary
     */
    public static Vocabulary of(List<String> words) {
        return new Vocabulary(words);
    }

    /** @return the number of ids, reserved ones included */
    public int size() {
        return words.size() + RESERVED;
    }

    /**
     * @param word a token
     * @return its id, or {@link #OOV}
     */
    public int id(String word) {
        Integer i = ids.get(word);
        return i == null ? OOV : i;
    }

    /**
     * @param id an id in {@code [0, size())}
     * @return the word, or {@code <pad>} / {@code <oov>} for reserved ids
     */
    public String word(int id) {
        if (id == PAD) {
            return "<pad>";
        }
        if (id == OOV) {
            return "<oov>";
        }
        return words.get(id - RESERVED);
    }

    /**
     * @param tokens tokens
     * @return their ids
     */
    public int[] ids(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }
}
