// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-example table of a run directory ({@code examples.csv}): one row per training example
 * with its id, its training label, whether that label was corrupted on purpose (label-noise runs)
 * and one column per score. Scores are written in full precision (shortest round-trip form);
 * non-finite values as {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *
 * <pre>{@code
 * example_id,label,noisy,vog,el2n,data-map-confidence,...
 * 0,2,0,0.1532,0.31,0.88
 * }</pre>
 *
 * @param ids example ids
 * @param labels the training labels
 * @param noisy the noise mask, if the run corrupted labels
 * @param columns score name to values, aligned with {@code ids}, in column order
 */
public record ExampleTable(int[] ids, int[] labels, Optional<boolean[]> noisy, Map<String, double[]> columns) {
    private static final List<String> FIXED = List.of("example_id", "label", "noisy");

    /**
     * Checks that every column has one value per id.
     *
     * @param ids see the record description
     * @param labels see the record description
     * @param noisy see the record description
     * @param columns see the record description
     */
    public ExampleTable {
        if (labels.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + labels.length + " labels");
        }
        noisy.ifPresent(m -> {
            if (m.length != ids.length) {
                throw new IllegalArgumentException(ids.length + " ids but " + m.length + " noise flags");
            }
        });
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue().length != ids.length) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length
                        + " values for " + ids.length + " examples");
            }
            if (FIXED.contains(e.getKey()) || e.getKey().contains(",")) {
                throw new IllegalArgumentException("score column name '" + e.getKey() + "' is reserved or holds a comma");
            }
        }
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** @return the number of rows */
    public int size() {
        return ids.length;
    }

    /**
     * @param name a column
     * @return its values
     * @throws ResultsException if there is no such column
     */
    public double[] column(String name) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new ResultsException("the examples table has no column '" + name + "'; it has " + columns.keySet());
        }
        return v;
    }

    /**
     * Writes the table crash-safely (a temporary file moved into place).
     *
     * @param file the CSV file
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        ResultsFiles.writeAtomically(file, w -> {
            List<String> header = new ArrayList<>(List.of("example_id", "label"));
            noisy.ifPresent(m -> header.add("noisy"));
            header.addAll(columns.keySet());
            w.write(String.join(",", header));
            w.write('\n');
            for (int i = 0; i < ids.length; i++) {
                StringBuilder sb = new StringBuilder().append(ids[i]).append(',').append(labels[i]);
                if (noisy.isPresent()) {
                    sb.append(',').append(noisy.get()[i] ? 1 : 0);
                }
                for (double[] c : columns.values()) {
                    sb.append(',').append(c[i]);
                }
                w.write(sb.append('\n').toString());
            }
        });
    }

    /**
     * @param file an examples CSV
     * @return the table
     * @throws ResultsException naming the file and line if it is missing or malformed
     */
    public static ExampleTable read(Path file) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (NoSuchFileException e) {
            throw new ResultsException("examples file " + file + " is missing; results.json names it", e);
        } catch (IOException e) {
            throw new ResultsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new ResultsException(file + " is empty; expected a header 'example_id,label,...'");
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 2 || !header[0].equals("example_id") || !header[1].equals("label")) {
            throw new ResultsException(file + ": header must start with 'example_id,label', was '" + lines.get(0) + "'");
        }
        boolean hasNoisy = header.length > 2 && header[2].equals("noisy");
        int first = hasNoisy ? 3 : 2;
        int n = lines.size() - 1;
        int[] ids = new int[n];
        int[] labels = new int[n];
        boolean[] noisy = new boolean[n];
        double[][] cols = new double[header.length - first][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            if (f.length != header.length) {
                throw new ResultsException(file + " line " + (i + 2) + ": " + f.length + " fields, header has "
                        + header.length);
            }
            try {
                ids[i] = Integer.parseInt(f[0].strip());
                labels[i] = Integer.parseInt(f[1].strip());
                noisy[i] = hasNoisy && !f[2].strip().equals("0");
                for (int c = first; c < f.length; c++) {
                    cols[c - first][i] = Double.parseDouble(f[c].strip());
                }
            } catch (NumberFormatException e) {
                throw new ResultsException(file + " line " + (i + 2) + ": not a number (" + e.getMessage() + ")", e);
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = first; c < header.length; c++) {
            columns.put(header[c], cols[c - first]);
        }
        return new ExampleTable(ids, labels, hasNoisy ? Optional.of(noisy) : Optional.empty(), columns);
    }

    @Override
    public String toString() {
        return "ExampleTable[" + ids.length + " rows, columns " + columns.keySet() + ", noisy "
                + noisy.map(m -> "yes").orElse("no") + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExampleTable t)) {
            return false;
        }
        if (!Arrays.equals(ids, t.ids) || !Arrays.equals(labels, t.labels)
                || noisy.isPresent() != t.noisy.isPresent()
                || (noisy.isPresent() && !Arrays.equals(noisy.get(), t.noisy.get()))
                || !columns.keySet().equals(t.columns.keySet())) {
            return false;
        }
        return columns.keySet().stream().allMatch(k -> Arrays.equals(columns.get(k), t.columns.get(k)));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + columns.keySet().hashCode();
    }
}
