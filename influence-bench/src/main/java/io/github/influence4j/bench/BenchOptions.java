// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link BenchMain}.
 *
 * @param tables the tables to print, in order
 * @param quick quick mode (a few minutes) instead of full mode
 * @param work the work directory for synthetic stores
 * @param keep keep the generated stores
 * @param python the Python interpreter with torch, for the oracle table
 * @param oracleDir the directory of {@code ref_scores.py}
 * @param rows which row shapes table 1 measures: {@code all}, {@code snli} or {@code small}
 */
public record BenchOptions(Set<Table> tables, boolean quick, Path work, boolean keep, Path python, Path oracleDir,
        String rows) {

    /** The tables of issue 9, in print order. */
    public enum Table {
        /** 1. Scoring throughput and peak memory of every scorer against N. */
        THROUGHPUT,
        /** 2. TracIn-WE time against vocabulary size. */
        VOCABULARY,
        /** 3. Side by side with the PyTorch oracle. */
        ORACLE,
        /** 4. Store reads against raw sequential reads. */
        READS,
        /** 5. The SNLI encoder. */
        ENCODER
    }

    /** The usage text. */
    public static final String USAGE = """
            usage: BenchMain [--table all|throughput|vocabulary|oracle|reads|encoder|1..5[,...]] [--quick|--full]
                             [--work DIR] [--keep] [--python /usr/bin/python3] [--oracle DIR] [--rows all|snli|small]
              --table   tables to print (default all)
              --quick   small sizes, a few minutes (default)
              --full    issue 9 sizes: N up to 10^6, tens of GB of temporary stores, much longer
              --work    where synthetic stores are written (default target/bench-work)
              --keep    keep the generated stores
              --python  interpreter with torch and numpy for the oracle table (default /usr/bin/python3)
              --oracle  directory holding ref_scores.py (default: -Dinfluence4j.oracle, else $INFLUENCE4J_ORACLE,
                        else ../shared/oracle, the optional sibling checkout beside the repository root)
              --rows    table 1 only for SNLI-shaped or small rows (default all), e.g. the N = 10^6 memory check alone
            """;

    /** Copies the set. */
    public BenchOptions {
        tables = tables.isEmpty() ? EnumSet.noneOf(Table.class) : EnumSet.copyOf(tables);
        if (!List.of("all", "snli", "small").contains(rows)) {
            throw new IllegalArgumentException("--rows must be all, snli or small, was '" + rows + "'\n" + USAGE);
        }
    }

    /** The system property naming the oracle's directory: {@value}. */
    public static final String ORACLE_PROPERTY = "influence4j.oracle";
    /** The environment variable naming the oracle's directory when the system property is unset: {@value}. */
    public static final String ORACLE_ENV = "INFLUENCE4J_ORACLE";

    /**
     * @return the oracle's directory when {@code --oracle} is not given: the system property
     *     {@value #ORACLE_PROPERTY}, else the environment variable {@value #ORACLE_ENV}, else
     *     {@code ../shared/oracle} relative to the working directory (run from the repository root,
     *     that is the optional sibling checkout {@code shared/oracle} beside the repository)
     */
    static Path defaultOracle() {
        String prop = System.getProperty(ORACLE_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(ORACLE_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "oracle");
    }

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException for an unknown flag or table, naming it and the usage
     */
    public static BenchOptions parse(String... args) {
        Set<Table> tables = EnumSet.allOf(Table.class);
        boolean quick = true;
        Path work = Path.of("target", "bench-work");
        boolean keep = false;
        Path python = Path.of("/usr/bin/python3");
        Path oracle = defaultOracle();
        String rows = "all";
        List<String> a = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < a.size(); i++) {
            String f = a.get(i);
            switch (f) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--keep" -> keep = true;
                case "--table" -> tables = tables(value(a, ++i, f));
                case "--work" -> work = Path.of(value(a, ++i, f));
                case "--python" -> python = Path.of(value(a, ++i, f));
                case "--oracle" -> oracle = Path.of(value(a, ++i, f));
                case "--rows" -> rows = value(a, ++i, f);
                default -> throw new IllegalArgumentException("unknown argument '" + f + "'\n" + USAGE);
            }
        }
        return new BenchOptions(tables, quick, work, keep, python, oracle, rows);
    }

    private static String value(List<String> a, int i, String flag) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return a.get(i);
    }

    static Set<Table> tables(String spec) {
        Set<Table> out = EnumSet.noneOf(Table.class);
        for (String t : spec.split(",")) {
            String s = t.trim().toLowerCase(Locale.ROOT);
            if (s.equals("all")) {
                out.addAll(EnumSet.allOf(Table.class));
                continue;
            }
            Table match = null;
            for (Table table : Table.values()) {
                if (s.equals(Integer.toString(table.ordinal() + 1)) || s.equals(table.name().toLowerCase(Locale.ROOT))) {
                    match = table;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("unknown table '" + t + "'; use all, 1..5 or one of "
                        + Arrays.toString(Table.values()).toLowerCase(Locale.ROOT) + "\n" + USAGE);
            }
            out.add(match);
        }
        return out;
    }
}
