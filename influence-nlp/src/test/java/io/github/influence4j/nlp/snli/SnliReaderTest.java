// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.snli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnliReaderTest {
    @Test
    void bundledSplitsHaveTheOfficialLabelledCounts() {
        List<SnliPair> dev = SnliReader.bundled(SnliSplit.DEV);
        List<SnliPair> test = SnliReader.bundled(SnliSplit.TEST);
        assertEquals(9_842, dev.size());
        assertEquals(9_824, test.size());
        assertEquals(SnliSplit.DEV.labelledPairs(), dev.size());
        // official SNLI 1.0 label counts (PROVENANCE.md)
        assertEquals(Map.of(SnliLabel.ENTAILMENT, 3_329, SnliLabel.CONTRADICTION, 3_278, SnliLabel.NEUTRAL, 3_235),
                counts(dev));
        assertEquals(Map.of(SnliLabel.ENTAILMENT, 3_368, SnliLabel.CONTRADICTION, 3_237, SnliLabel.NEUTRAL, 3_219),
                counts(test));
        SnliPair first = dev.get(0);
        assertEquals(0, first.sourceIndex());
        assertEquals(SnliLabel.NEUTRAL, first.label());
        assertEquals("Two women are embracing while holding to go packages.", first.premise());
        assertEquals("4705552913.jpg#2r1n", first.pairId());
        assertTrue(dev.stream().allMatch(p -> !p.premise().isBlank() && !p.hypothesis().isBlank()));
    }

    private static Map<SnliLabel, Integer> counts(List<SnliPair> pairs) {
        Map<SnliLabel, Integer> m = new EnumMap<>(SnliLabel.class);
        pairs.forEach(p -> m.merge(p.label(), 1, Integer::sum));
        return m;
    }

    @Test
    void readsTheOfficialTxtLayoutAndDropsUnlabelledRows(@TempDir Path dir) throws IOException {
        String header = "gold_label\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\t"
                + "sentence1\tsentence2\tcaptionID\tpairID\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5";
        String row1 = "neutral\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tA man.\tA tall man.\t1.jpg#0\t1.jpg#0r1n\tneutral"
                + "\t\t\t\t";
        String row2 = "-\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tA dog.\tA cat.\t2.jpg#0\t2.jpg#0r1c\tneutral\tcontradiction"
                + "\tentailment\t\t";
        String row3 = "contradiction\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tA dog.\tNo dog.\t2.jpg#0\t2.jpg#0r2c\t"
                + "contradiction\t\t\t\t";
        Path f = dir.resolve("snli_1.0_train.txt");
        Files.writeString(f, String.join("\n", header, row1, row2, row3) + "\n");
        List<SnliPair> pairs = SnliReader.read(f);
        assertEquals(2, pairs.size());
        assertEquals(new SnliPair(0, SnliLabel.NEUTRAL, "A man.", "A tall man.", "1.jpg#0r1n"), pairs.get(0));
        assertEquals(new SnliPair(2, SnliLabel.CONTRADICTION, "A dog.", "No dog.", "2.jpg#0r2c"), pairs.get(1));
    }

    @Test
    void readsGzippedJsonl(@TempDir Path dir) throws IOException {
        String jsonl = "{\"annotator_labels\": [\"entailment\"], \"gold_label\": \"entailment\", \"pairID\": \"p1\","
                + " \"sentence1\": \"A man sleeps.\", \"sentence2\": \"A person sleeps.\"}\n"
                + "{\"gold_label\": \"-\", \"pairID\": \"p2\", \"sentence1\": \"x\", \"sentence2\": \"y\"}\n";
        Path f = dir.resolve("snli_1.0_dev.jsonl.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(jsonl.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(f, bytes.toByteArray());
        assertEquals(List.of(new SnliPair(0, SnliLabel.ENTAILMENT, "A man sleeps.", "A person sleeps.", "p1")),
                SnliReader.read(f));
    }

    @Test
    void officialJsonlSampleMatchesTheBundledTsv() throws IOException {
        // 203 verbatim lines of the official dev jsonl, 4 of them labelled '-' (README.md next to the file)
        String name = "snli_1.0_dev_annotated_sample.jsonl";
        List<SnliPair> sample;
        try (InputStream in = SnliReaderTest.class.getResourceAsStream("/snli/" + name)) {
            assertNotNull(in, name + " is missing from the test resources");
            sample = SnliReader.read(in, name);
        }
        assertEquals(203 - 4, sample.size());
        assertEquals(Map.of(SnliLabel.ENTAILMENT, 66, SnliLabel.CONTRADICTION, 69, SnliLabel.NEUTRAL, 64),
                counts(sample));
        assertEquals(new SnliPair(0, SnliLabel.NEUTRAL, "Two women are embracing while holding to go packages.",
                "The sisters are hugging goodbye while holding to go packages after just eating lunch.",
                "4705552913.jpg#2r1n"), sample.get(0));
        Map<String, SnliPair> dev = new HashMap<>();
        SnliReader.bundled(SnliSplit.DEV).stream().filter(p -> !p.pairId().isEmpty()).forEach(p -> dev.put(p.pairId(), p));
        for (SnliPair p : sample) {
            SnliPair d = dev.get(p.pairId());
            assertNotNull(d, p.pairId() + " is not in the bundled dev TSV");
            assertEquals(List.of(d.label(), d.premise(), d.hypothesis()), List.of(p.label(), p.premise(), p.hypothesis()),
                    p.pairId());
        }
    }

    @Test
    void malformedRowsNameFileAndLine() {
        String tsv = "index\tgold_label\tsentence1\tsentence2\n0\tneutral\ta\tb\n1\tneutral\tonly three\n";
        SnliFormatException e = assertThrows(SnliFormatException.class,
                () -> SnliReader.read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "bad.tsv"));
        assertTrue(e.getMessage().startsWith("bad.tsv, line 3: expected 4 tab-separated fields"), e.getMessage());

        String label = "index\tgold_label\tsentence1\tsentence2\n0\tmaybe\ta\tb\n";
        e = assertThrows(SnliFormatException.class,
                () -> SnliReader.read(new ByteArrayInputStream(label.getBytes(StandardCharsets.UTF_8)), "lab.tsv"));
        assertTrue(e.getMessage().startsWith("lab.tsv, line 2: unknown SNLI gold label 'maybe'"), e.getMessage());

        String json = "{\"gold_label\": \"neutral\", \"sentence1\": \"a\", \"sentence2\": \"b\"}\n{\"gold_label\": 3}\n";
        e = assertThrows(SnliFormatException.class,
                () -> SnliReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.jsonl"));
        assertTrue(e.getMessage().startsWith("x.jsonl, line 2: expected a JSON object with a string field"),
                e.getMessage());

        String header = "index\tlabel\tsentence1\tsentence2\n";
        e = assertThrows(SnliFormatException.class,
                () -> SnliReader.read(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)), "h.tsv"));
        assertTrue(e.getMessage().contains("header lacks the column 'gold_label'"), e.getMessage());
    }
}
