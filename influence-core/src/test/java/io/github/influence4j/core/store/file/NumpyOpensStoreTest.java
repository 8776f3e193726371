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

        // the values numpy sees are the values written, chunk by chunk as the manifest lists them
        int checked = 0;
        int packedFiles = 0;
        for (Map.Entry<String, Map<ArtifactKey, SyntheticArtifacts.Expected>> scope : data.data.entrySet()) {
            String prefix = scope.getKey().isEmpty() ? "static/" : "checkpoints/" + scope.getKey() + "/";
            for (SyntheticArtifacts.Expected e : scope.getValue().values()) {
                String dirName = prefix + e.key() + "/";
                int covered = 0;
                java.util.Iterator<String> names = result.get("sums").fieldNames();
                java.util.List<int[]> ranges = new java.util.ArrayList<>();
                while (names.hasNext()) {
                    String name = names.next();
                    if (name.startsWith(dirName) && !name.endsWith(".offsets.npy")) {
                        String[] ft = name.substring(dirName.length()).replaceAll("\\..*", "").split("-");
                        ranges.add(new int[] {Integer.parseInt(ft[0]), Integer.parseInt(ft[1])});
                    }
                }
                ranges.sort(java.util.Comparator.comparingInt(r -> r[0]));
                for (int[] r : ranges) {
                    assertEquals(covered, r[0], dirName + " chunks tile [0, 23)");
                    String name = dirName + r[0] + "-" + r[1] + (e.key().kind().isRagged() ? ".values.npy" : ".npy");
                    double expected = Arrays.stream(e.perExample(), r[0], r[1]).flatMapToDouble(Arrays::stream).sum();
                    Asserts.assertClose(expected, result.get("sums").get(name).asDouble(), 1e-12, 1e-12, name);
                    packedFiles += r[1] - r[0] > 7 ? 1 : 0;
                    covered = r[1];
                    checked++;
                }
                assertEquals(23, covered, dirName + " chunks cover every example");
            }
        }
        assertTrue(checked >= 25, "every artifact (3 static, 11 per checkpoint)");
        assertTrue(packedFiles > 0, "small artifacts (labels, logits, losses) in chunks larger than the store's");
        org.slf4j.LoggerFactory.getLogger(NumpyOpensStoreTest.class).info("numpy {} opened all {} files of the store",
                result.get("numpy").asText(), result.get("files").asInt());
    }
}
