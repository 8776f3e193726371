// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.Checkpoint;
import java.io.IOException;

/**
 * Field access for {@code manifest.json} and journals, with messages that name the file and the
 * field, say what was expected and what to do.
 */
final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final String what;
    private final String format;

    JsonFields(String source, String what, String format) {
        this.source = source;
        this.what = what;
        this.format = format;
    }

    JsonNode parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CorruptStoreException(what + " " + source + " is not valid JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "); restore it from a backup or re-capture the store", e);
        } catch (IOException e) {
            throw new CorruptStoreException(what + " " + source + " could not be parsed: " + e
                    + "; restore it from a backup or re-capture the store", e);
        }
        if (root == null || !root.isObject() || !format.equals(root.path("format").asText())) {
            throw corrupt("field 'format'", "expected \"" + format + "\"");
        }
        JsonNode v = root.get("formatVersion");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw corrupt("field 'formatVersion'", "missing or not an integer");
        }
        if (v.asInt() > Manifest.FORMAT_VERSION) {
            throw new IncompatibleStoreException(what + " " + source + " has format version " + v.asInt()
                    + ", but this version of influence4j reads format versions 1 to " + Manifest.FORMAT_VERSION
                    + " only; open the store with a newer influence4j release, or re-capture it with this one");
        }
        if (v.asInt() < 1) {
            throw corrupt("field 'formatVersion'", "expected 1 to " + Manifest.FORMAT_VERSION + ", found " + v.asInt());
        }
        return root;
    }

    /** @return the file, for messages */
    String source() {
        return source;
    }

    CorruptStoreException corrupt(String where, String problem) {
        return new CorruptStoreException(what + " " + source + " is damaged at " + where + ": " + problem
                + "; restore it from a backup or re-capture the store (manifest.json is written only by"
                + " influence4j)");
    }

    JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw corrupt("field '" + name + "'", "missing");
        }
        return v;
    }

    String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw corrupt("field '" + name + "'", "expected a string, found " + v);
        }
        return v.asText();
    }

    int integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw corrupt("field '" + name + "'", "expected an integer, found " + v);
        }
        return v.asInt();
    }

    long longValue(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw corrupt("field '" + name + "'", "expected an integer, found " + v);
        }
        return v.asLong();
    }

    JsonNode object(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isObject()) {
            throw corrupt("field '" + name + "'", "expected an object");
        }
        return v;
    }

    JsonNode array(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw corrupt("field '" + name + "'", "expected an array");
        }
        return v;
    }

    Checkpoint checkpoint(JsonNode n) {
        JsonNode lr = field(n, "learningRate");
        if (!lr.isNumber()) {
            throw corrupt("field 'learningRate'", "expected a number, found " + lr);
        }
        try {
            return new Checkpoint(text(n, "id"), longValue(n, "step"), integer(n, "epoch"), lr.asDouble(),
                    longValue(n, "seed"));
        } catch (IllegalArgumentException e) {
            throw corrupt("a checkpoint", e.getMessage());
        }
    }
}
