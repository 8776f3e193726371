// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bench main of issue 9: prints, as Markdown, one table per benchmark (docs/BENCHMARKS.md):
 * scoring throughput and memory against N, TracIn-WE against vocabulary size, the PyTorch oracle
 * side by side, store reads against raw reads, and the SNLI encoder.
 *
 * <pre>
 * mvn -B -q -pl influence-bench -am package -DskipTests
 * java -cp "influence-bench/target/classes:$(cat influence-bench/target/classpath.txt)" \
 *     io.github.influence4j.bench.BenchMain --table all --quick
 * </pre>
 *
 * Heavy work runs in child JVMs (one OpenMP thread, a fixed heap), so this JVM's own settings do not
 * affect the figures. The machine is shared and noisy: compare the ratios printed within one run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /**
     * @param args see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.io.github.influence4j.bench", "info");
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(header(o));
        try (StoreCache cache = new StoreCache(o.work(), o.keep())) {
            for (BenchOptions.Table t : o.tables()) {
                long t0 = System.nanoTime();
                String body;
                try {
                    body = switch (t) {
                        case THROUGHPUT -> ThroughputBench.run(o, cache);
                        case VOCABULARY -> VocabularyBench.run(o, cache);
                        case ORACLE -> OracleBench.run(o, cache);
                        case READS -> StoreReadBench.run(o, cache);
                        case ENCODER -> EncoderBench.run(o);
                    };
                } catch (RuntimeException e) {
                    body = "pending / failed: " + e + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "")
                            + "\n";
                }
                System.out.printf(Locale.ROOT, "## %d. %s%n%n%s%n(table took %.0f s)%n%n", t.ordinal() + 1, title(t), body,
                        (System.nanoTime() - t0) / 1e9);
                System.out.flush();
            }
        }
    }

    static String title(BenchOptions.Table t) {
        return switch (t) {
            case THROUGHPUT -> "Scoring throughput and peak memory against N (synthetic file stores)";
            case VOCABULARY -> "TracIn-WE time against vocabulary size";
            case ORACLE -> "Side by side with the PyTorch oracle (ref_scores.py), 1 thread each";
            case READS -> "Store reads against a raw sequential read of the same bytes";
            case ENCODER -> "The SNLI encoder";
        };
    }

    static String header(BenchOptions o) {
        StringBuilder sb = new StringBuilder("# influence4j benchmarks\n\n");
        sb.append("- mode: ").append(o.quick() ? "quick" : "full").append(", tables ").append(o.tables()).append('\n');
        sb.append("- date: ").append(Instant.now()).append('\n');
        sb.append("- CPU: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores visible to the JVM\n");
        sb.append("- load average at start: ").append(String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append('\n');
        sb.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        sb.append("- ND4J backend: ").append(backend()).append('\n');
        return sb.toString();
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    static String backend() {
        try {
            return Nd4j.getBackend().getClass().getSimpleName() + " " + Nd4j.getEnvironment().getClass().getSimpleName();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable (" + e + ")";
        }
    }
}
