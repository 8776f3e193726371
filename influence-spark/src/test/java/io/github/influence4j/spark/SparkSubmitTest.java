// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.spark.cli.SparkScoreCommand;
import io.github.influence4j.spark.store.ShardCopies;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real {@code spark-submit}: {@code org.apache.spark.deploy.SparkSubmit}, the class the
 * {@code spark-submit} script runs, started in a child JVM with {@code --master local[2]}, submits
 * this module's classes as an application jar with {@code --class SparkScoreCommand}; the
 * influence4j modules, ND4J/JavaCPP and picocli reach it only through {@code --jars} (the child's
 * class path is the test's without them: Spark, Hadoop and their dependencies, as a Spark
 * distribution's {@code jars/} holds them). It scores a store set on the test's HDFS, writes Parquet
 * and a selection, and both must equal one machine's scoring and selection of the unsharded store.
 */
@Tag("slow")
class SparkSubmitTest {
    /** Class path entries that come through the application jar and {@code --jars}, not the "distribution". */
    private static final List<String> APPLICATION = List.of("/io/github/influence4j/", "/org/nd4j/", "/org/bytedeco/",
            "/info/picocli/", "/org/jspecify/", "/influence-");
    /** Test-only entries, in neither. */
    private static final List<String> TEST_ONLY = List.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
            "/com/tngtech/", "surefire", "/influence-bench/");

    @Test
    void sparkSubmitOfTheEntryPointWritesOneMachinesScoresAndSelection() throws Exception {
        Path tmp = Fixtures.tempDir("influence4j-spark-submit-");
        TrainingArtifactStore store = ArtifactStores.open(Fixtures.createStore(tmp.resolve("syn"), "syn",
                Fixtures.SYNTHETIC, 23));
        URI set = TestCluster.hdfsDir("submit-set");
        ShardCopies.split(store, set, TestCluster.conf(), 3);
        String out = TestCluster.hdfsDir("submit-scores").toString();
        String keep = TestCluster.hdfsDir("submit-keep").toString();

        List<String> classPath = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        Path appJar = null;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String norm = e.replace(File.separatorChar, '/');
            if (e.isEmpty() || TEST_ONLY.stream().anyMatch(norm::contains) || norm.endsWith("/test-classes")
                    || norm.endsWith("-tests.jar")) {
                continue;
            }
            if (APPLICATION.stream().anyMatch(norm::contains)) {
                Path jar = Files.isDirectory(Path.of(e)) ? jarOf(Path.of(e), tmp.resolve("jars")) : Path.of(e);
                if (norm.contains("/influence-spark/")) {
                    appJar = jar;
                } else {
                    jars.add(jar.toString());
                }
            } else {
                classPath.add(e);
            }
        }
        if (appJar == null) {
            appJar = jarOf(Path.of(SparkScoreCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    tmp.resolve("jars"));
        }
        assertFalse(classPath.stream().anyMatch(e -> e.contains("influence4j/") || e.endsWith("classes")),
                "influence4j must come through the jars: " + classPath);
        assertTrue(jars.stream().anyMatch(j -> j.contains("influence-scorers")), "the scorers go with --jars: " + jars);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // what spark-submit's launcher adds on Java 17 (the module's spark.opens)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")
                        || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--class", SparkScoreCommand.class.getName(), "--jars", String.join(",", jars), appJar.toString(),
                "--set", set.toString(), "--scorer", "el2n", "-o", "checkpoints=c01,c03", "--out", out,
                "--policy", "prune-hard:0.25", "--seed", "7", "--selection-out", keep));
        Path log = tmp.resolve("spark-submit.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "spark-submit did not end in 240 s:\n" + tail(output));
        assertEquals(0, p.exitValue(), "spark-submit failed:\n" + tail(output));
        assertTrue(output.contains("wrote " + store.numExamples() + " el2n scores"), tail(output));

        InfluenceScores one = InfluenceScorers.create("el2n", store, Map.of("checkpoints", "c01,c03")).score();
        SparkSession spark = TestCluster.spark();
        List<Row> rows = spark.read().parquet(out).orderBy("id").collectAsList();
        assertEquals(one.size(), rows.size());
        double[] onSpark = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(one.exampleIds()[i], rows.get(i).getInt(rows.get(i).fieldIndex("id")));
            onSpark[i] = rows.get(i).getDouble(rows.get(i).fieldIndex("score"));
            assertTrue(rows.get(i).getString(rows.get(i).fieldIndex("provenance")).contains("\"storeId\""),
                    "row " + i + " carries its shard's provenance");
        }
        Fixtures.assertScores("el2n through spark-submit", one.values(), onSpark, true);

        int[] expected = Selections.parse("prune-hard:0.25").select(one, SparkScoringTest.ScoringLabels.of(store), 7L)
                .keptIds();
        int[] kept = spark.read().parquet(keep).filter("kept").orderBy("id").collectAsList().stream()
                .mapToInt(r -> r.getInt(r.fieldIndex("id"))).toArray();
        assertArrayEquals(expected, kept, "prune-hard:0.25 through spark-submit");
        store.close();
    }

    /** A directory of classes as a jar, as {@code mvn package} would write it. */
    private static Path jarOf(Path dir, Path into) {
        try {
            Files.createDirectories(into);
            Path jar = into.resolve(dir.getParent().getParent().getFileName() + ".jar");
            Manifest m = new Manifest();
            m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), m);
                    Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    j.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, j);
                    j.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }
}
