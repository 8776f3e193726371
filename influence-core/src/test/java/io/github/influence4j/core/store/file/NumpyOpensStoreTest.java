// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.SyntheticArtifacts;
import io.github.influence4j.core.testing.Asserts;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * numpy, without our code, opens every chunk of a real file store: {@code numpy-check/load_store.py}
 * checks hashes, dtypes, shapes and ragged offsets, and its per-file sums match what was written.
 * Skipped where {@code /usr/bin/python3} with numpy is not installed.
 */
class NumpyOpensStoreTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    @Test
    void numpyLoadsEveryChunk() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        Process probe = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "numpy not installed");

        SyntheticArtifacts data = SyntheticArtifacts.generate(23, 21);
        Path dir = tmp.resolve("store");
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("np", 23, data.k, 7))) {
            data.writeTo(w, 5);
        }
        Path script = tmp.resolve("load_store.py");
        try (InputStream in = getClass().getResourceAsStream("/numpy-check/load_store.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(PYTHON, script.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        JsonNode result = new ObjectMapper().readTree(out);
        StoreVerification v = ArtifactStores.verify(dir);
        assertEquals(v.files().size(), result.get("files").asInt(), "numpy opened every file the manifest lists");

        // the values numpy sees are the values written
        int checked = 0;
        for (Map.Entry<String, Map<ArtifactKey, SyntheticArtifacts.Expected>> scope : data.data.entrySet()) {
            String prefix = scope.getKey().isEmpty() ? "static/" : "checkpoints/" + scope.getKey() + "/";
            for (SyntheticArtifacts.Expected e : scope.getValue().values()) {
                StoreSpec spec = new StoreSpec("np", 23, data.k, 7);
                for (int c = 0; c < spec.numChunks(); c++) {
                    ExampleRange r = spec.chunk(c);
                    String name = prefix + e.key() + "/" + r.from() + "-" + r.to()
                            + (e.key().kind().isRagged() ? ".values.npy" : ".npy");
                    double expected = Arrays.stream(e.perExample(), r.from(), r.to()).flatMapToDouble(Arrays::stream).sum();
                    assertTrue(result.get("sums").has(name), name + " missing from " + result.get("sums"));
                    Asserts.assertClose(expected, result.get("sums").get(name).asDouble(), 1e-12, 1e-12, name);
                    checked++;
                }
            }
        }
        assertEquals(25 * 4, checked, "every artifact (3 static, 11 per checkpoint) in 4 chunks");
        org.slf4j.LoggerFactory.getLogger(NumpyOpensStoreTest.class).info("numpy {} opened all {} files of the store",
                result.get("numpy").asText(), result.get("files").asInt());
    }
}
