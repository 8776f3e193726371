// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.snli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads SNLI 1.0 pairs from the bundled TSV files, the official {@code snli_1.0_*.txt}
 * (tab-separated, header row) and {@code snli_1.0_*.jsonl} releases, gzipped or not.
 *
 * <pre>{@code
 * List<SnliPair> dev = SnliReader.bundled(SnliSplit.DEV);            // 9,842 pairs
 * List<SnliPair> train = SnliReader.read(Path.of("snli_1.0/snli_1.0_train.jsonl"));
 * }</pre>
 *
 * <p>Pairs whose gold label is {@code -} are dropped (Bowman et al. 2015: no annotator majority),
 * as every SNLI system does. A malformed row fails with {@link SnliFormatException} naming the file,
 * the 1-based line and what was expected.
 *
 * @implNote Tab-separated files are read by header: the columns {@code gold_label},
 *     {@code sentence1} and {@code sentence2} are required, {@code pairID} is used when present, so
 *     both the bundled TSV and the official {@code .txt} layout work. Sentences are kept as written
 *     (leading and trailing spaces included); tokenization is the tokenizer's job.
 */
public final class SnliReader {
    private static final String RESOURCE_DIR = "/io/github/influence4j/nlp/data/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnliReader() {
    }

    /**
     * @param split a bundled split
     * @return its labelled pairs in file order
     */
    public static List<SnliPair> bundled(SnliSplit split) {
        String name = RESOURCE_DIR + split.resource();
        InputStream in = SnliReader.class.getResourceAsStream(name);
        if (in == null) {
            throw new SnliFormatException("bundled SNLI file " + name + " is missing from the classpath; the"
                    + " influence-nlp jar is incomplete (rebuild it)");
        }
        return read(in, name);
    }

    /**
     * @param file an SNLI file: {@code .jsonl}, {@code .txt} or {@code .tsv}, optionally {@code .gz}
     * @return its labelled pairs in file order
     */
    public static List<SnliPair> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SNLI file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param in the bytes of an SNLI file (gzip detected from its magic number); not closed here
     * @param name the file name, for the format (by extension) and for error messages
     * @return its labelled pairs in file order
     */
    public static List<SnliPair> read(InputStream in, String name) {
        try {
            InputStream raw = in.markSupported() ? in : new java.io.BufferedInputStream(in);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream data = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader r = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
            String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            return base.endsWith(".jsonl") || base.endsWith(".json") ? readJsonl(r, name) : readTabular(r, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SNLI file " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<SnliPair> readTabular(BufferedReader r, String name) throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new SnliFormatException(name + " is empty; expected a header row with gold_label, sentence1 and"
                    + " sentence2 columns");
        }
        List<String> cols = Arrays.asList(header.split("\t", -1));
        int label = column(cols, "gold_label", name);
        int s1 = column(cols, "sentence1", name);
        int s2 = column(cols, "sentence2", name);
        int pair = cols.indexOf("pairID");
        int needed = Math.max(Math.max(label, s1), Math.max(s2, pair)) + 1;
        List<SnliPair> out = new ArrayList<>();
        int lineNo = 1;
        int row = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < needed || f.length > cols.size()) {
                throw new SnliFormatException(name + ", line " + lineNo + ": expected " + cols.size()
                        + " tab-separated fields (header " + cols + "), found " + f.length + ": '" + abbreviate(line)
                        + "'. Fix or remove the row.");
            }
            toPair(row++, f[label], f[s1], f[s2], pair >= 0 ? f[pair] : "", name, lineNo).ifPresent(out::add);
        }
        return out;
    }

    private static List<SnliPair> readJsonl(BufferedReader r, String name) throws IOException {
        List<SnliPair> out = new ArrayList<>();
        int lineNo = 0;
        int row = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new SnliFormatException(name + ", line " + lineNo + ": not a JSON object (" + e.getMessage().lines().findFirst().orElse("")
                        + "): '" + abbreviate(line) + "'", e);
            }
            String[] fields = {"gold_label", "sentence1", "sentence2"};
            for (String field : fields) {
                if (n == null || !n.isObject() || !n.path(field).isTextual()) {
                    throw new SnliFormatException(name + ", line " + lineNo + ": expected a JSON object with a string"
                            + " field '" + field + "', found '" + abbreviate(line) + "'");
                }
            }
            toPair(row++, n.get("gold_label").asText(), n.get("sentence1").asText(), n.get("sentence2").asText(),
                    n.path("pairID").asText(""), name, lineNo).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<SnliPair> toPair(int row, String label, String s1, String s2, String pairId, String name,
            int lineNo) {
        Optional<SnliLabel> l;
        try {
            l = SnliLabel.parse(label);
        } catch (IllegalArgumentException e) {
            throw new SnliFormatException(name + ", line " + lineNo + ": " + e.getMessage(), e);
        }
        if (l.isEmpty()) {
            return Optional.empty();
        }
        if (s1.isBlank() || s2.isBlank()) {
            throw new SnliFormatException(name + ", line " + lineNo + ": " + (s1.isBlank() ? "sentence1" : "sentence2")
                    + " is empty; every labelled pair needs a premise and a hypothesis");
        }
        return Optional.of(new SnliPair(row, l.get(), s1, s2, pairId));
    }

    private static int column(List<String> cols, String wanted, String name) {
        int i = cols.indexOf(wanted);
        if (i < 0) {
            throw new SnliFormatException(name + ", line 1: header lacks the column '" + wanted + "'; found " + cols
                    + ". Expected the SNLI 1.0 .txt layout or the bundled TSV layout.");
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
