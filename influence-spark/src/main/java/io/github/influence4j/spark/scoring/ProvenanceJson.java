// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.influence4j.core.ScoreProvenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ScoreProvenance} to and from one line of JSON (the {@code provenance} column). */
final class ProvenanceJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvenanceJson() {
    }

    static String write(ScoreProvenance p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scorer", p.scorer()).put("scorerVersion", p.scorerVersion());
        ObjectNode opts = o.putObject("options");
        p.options().forEach(opts::put);
        o.put("storeId", p.storeId()).put("manifestHash", p.manifestHash());
        p.checkpoints().forEach(o.putArray("checkpoints")::add);
        o.put("backend", p.backend()).put("dataType", p.dataType()).put("libraryVersion", p.libraryVersion())
                .put("javaVersion", p.javaVersion()).put("platform", p.platform()).put("time", p.time().toString());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise provenance " + p, e);
        }
    }

    static ScoreProvenance read(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            Map<String, String> opts = new TreeMap<>();
            o.get("options").fields().forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
            List<String> cs = new ArrayList<>();
            o.get("checkpoints").forEach(c -> cs.add(c.asText()));
            return new ScoreProvenance(o.get("scorer").asText(), o.get("scorerVersion").asText(), opts,
                    o.get("storeId").asText(), o.get("manifestHash").asText(), cs, o.get("backend").asText(),
                    o.get("dataType").asText(), o.get("libraryVersion").asText(), o.get("javaVersion").asText(),
                    o.get("platform").asText(), Instant.parse(o.get("time").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a provenance JSON: " + json, e);
        }
    }

    /**
     * @param p a shard's provenance
     * @param storeId the set's id
     * @param manifestHash the set's manifest hash
     * @param options the options in force for the whole run
     * @return the run's provenance: the shard's environment, the set's identity
     */
    static ScoreProvenance forSet(ScoreProvenance p, String storeId, String manifestHash, Map<String, String> options) {
        return new ScoreProvenance(p.scorer(), p.scorerVersion(), options, storeId, manifestHash, p.checkpoints(),
                p.backend(), p.dataType(), p.libraryVersion(), p.javaVersion(), p.platform(), p.time());
    }

    /**
     * @param p a shard's provenance
     * @param options the options in force for the whole run (a two-phase score's shards ran its
     *     first phase with other options)
     * @return the same provenance with those options
     */
    static ScoreProvenance withOptions(ScoreProvenance p, Map<String, String> options) {
        return forSet(p, p.storeId(), p.manifestHash(), options);
    }
}
