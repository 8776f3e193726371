// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A table printed as GitHub Markdown with padded columns, so the bench main's output pastes into
 * docs/BENCHMARKS.md unchanged.
 *
 * <pre>{@code
 * TextTable t = TextTable.of("score", "examples/s");
 * t.row("vog", TextTable.rate(12_345.6));
 * System.out.print(t.render());
 * }</pre>
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /**
     * @param columns the column titles, at least one
     * @return an empty table
     */
    public static TextTable of(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new TextTable(Arrays.asList(columns));
    }

    /**
     * @param cells one cell per column
     * @return this table
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size()
                    + " columns " + header + ": " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(c -> String.valueOf(c).replace('|', '/')).toList());
        return this;
    }

    /**
     * @param note a line printed under the table
     * @return this table
     */
    public TextTable note(String note) {
        notes.add(note);
        return this;
    }

    /** @return the number of data rows */
    public int size() {
        return rows.size();
    }

    /** @return the table as Markdown, with its notes, ending in a newline */
    public String render() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.max(3, header.get(c).length());
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        sb.append('|');
        for (int width : w) {
            sb.append('-').append("-".repeat(width)).append("-|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        for (String n : notes) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        sb.append('|');
        for (int c = 0; c < w.length; c++) {
            sb.append(' ').append(cells.get(c)).append(" ".repeat(w[c] - cells.get(c).length())).append(" |");
        }
        sb.append('\n');
    }

    /**
     * @param perSecond a rate
     * @return the rate with three significant digits and a thousands separator
     */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return "-";
        }
        if (perSecond >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", perSecond);
        }
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : perSecond >= 10 ? "%.1f" : "%.2f", perSecond);
    }

    /**
     * @param seconds a duration
     * @return it in seconds with three significant digits
     */
    public static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        return String.format(Locale.ROOT, seconds >= 100 ? "%.0f" : seconds >= 10 ? "%.1f" : seconds >= 1 ? "%.2f"
                : "%.3f", seconds);
    }

    /**
     * @param bytes a size in bytes, or negative for unknown
     * @return it in MiB
     */
    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    /**
     * @param ratio a ratio
     * @return it with two decimals and an {@code x}
     */
    public static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "-";
        }
        return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : ratio >= 10 ? "%.1fx" : "%.2fx", ratio);
    }
}
