// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Policy parameters in a fixed order (the canonical spec's). */
final class Params {
    private Params() {
    }

    /**
     * @param keysAndValues key, value, key, value, ...
     * @return an unmodifiable map iterating in the given order
     */
    static Map<String, String> of(String... keysAndValues) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
