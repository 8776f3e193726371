// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.scorers.Scorers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code influence4j explain} on the demo's store (scored against itself): the files it writes,
 * their values against the library's influence matrix computed apart, and its errors.
 */
@org.junit.jupiter.api.Tag("slow")
class ExplainCommandTest {
    @TempDir
    static Path tmp;
    static Path store;

    @BeforeAll
    static void demo() {
        DemoRun.run(tmp.resolve("demo")).assertOk();
        store = DemoRun.store(tmp.resolve("demo"));
    }

    @Test
    void tracinWeWritesCsvJsonAndPagesMatchingTheMatrix() throws Exception {
        Path out = tmp.resolve("we");
        CliRun r = CliRun.of("explain", "--store", store.toString(), "--test-store", store.toString(), "--method",
                "tracin-we", "--top-k", "3", "--examples", "5,0", "--out", out.toString()).assertOk();
        assertTrue(r.out().contains("tracin-we: top-3"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("top-k.csv"));
        assertEquals(1 + 2 * 2 * 3, csv.size(), csv.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("top-k.json").toFile());
        assertEquals("tracin-we", json.get("method").asText());
        try (TrainingArtifactStore s = ArtifactStores.open(store)) {
            InfluenceMatrix m = Scorers.tracInWe(s, s, OptionValues.defaults()).matrix();
            for (int t : new int[] {0, 5}) {
                double[] row = m.row(t);
                double max = Arrays.stream(row).max().orElseThrow();
                JsonNode first = json.get("tests").get(Integer.toString(t)).get(0);
                assertEquals("proponent", first.get("kind").asText());
                assertEquals(max, first.get("influence").asDouble(), 1e-9 * Math.abs(max));
                assertEquals(max, row[first.get("trainId").asInt()], 0);
                double words = 0;
                for (JsonNode w : first.get("words")) {
                    words += w.get("contribution").asDouble();
                }
                assertFalse(first.get("words").isEmpty(), "word-level terms of test " + t);
                assertTrue(words <= max * (1 + 1e-9) + 1e-12 || first.get("words").size() == 5, "top words vs total");
            }
        }
        String page = Files.readString(out.resolve("html/test-5.html"));
        assertTrue(page.contains("Proponents") && page.contains("shared words"), page);
    }

    @Test
    void trakAndTracinRun() {
        for (String m : List.of("trak", "tracin")) {
            Path out = tmp.resolve(m);
            CliRun.of("explain", "--store", store.toString(), "--test-store", store.toString(), "--method", m,
                    "--top-k", "2", "--out", out.toString(), "--layers", "head", "--projection-dim", "16", "--lambda",
                    "0.01").assertOk();
            assertTrue(Files.isRegularFile(out.resolve("html/test-0.html")), m);
        }
    }

    @Test
    void mistakesAreOneLineErrors() {
        CliRun.of("explain", "--store", store.toString(), "--test-store", store.toString(), "--method", "bogus")
                .assertOneLineError(ExitCodes.USAGE, "bogus");
        CliRun.of("explain", "--store", store.toString(), "--test-store", tmp.resolve("nope").toString(), "--method",
                "tracin").assertOneLineError(ExitCodes.FAILED, "does not exist");
        CliRun.of("explain", "--store", store.toString(), "--test-store", store.toString(), "--method", "tracin",
                "--examples", "99999").assertOneLineError(ExitCodes.USAGE, "99999");
        CliRun.of("explain", "--store", store.toString(), "--test-store", store.toString(), "--method", "tracin",
                "--top-k", "0").assertOneLineError(ExitCodes.USAGE, "--top-k");
    }
}
