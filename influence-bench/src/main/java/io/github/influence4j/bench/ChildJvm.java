// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class in a child JVM with this JVM's class path, one OpenMP/ND4J thread and a fixed
 * heap, and collects the {@code RESULT key value} lines it prints. Child JVMs give each measurement
 * its own clean heap, off-heap and peak RSS.
 */
public final class ChildJvm {
    /** Prefix of the lines a child reports results on. */
    public static final String RESULT = "RESULT ";

    private ChildJvm() {
    }

    /**
     * A finished child: its results in print order and its other output.
     *
     * @param results {@code key -> value} from its {@code RESULT} lines
     * @param output every other line
     * @param exitCode the exit status
     */
    public record Outcome(Map<String, String> results, List<String> output, int exitCode) {
        /**
         * @param key a result key
         * @return its value as a double
         * @throws IllegalStateException naming the key and the child's output if it is absent
         */
        public double number(String key) {
            String v = results.get(key);
            if (v == null) {
                throw new IllegalStateException("child JVM reported no '" + key + "' (exit " + exitCode + "); output:\n"
                        + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
            }
            return Double.parseDouble(v);
        }
    }

    /**
     * Prints one result line; for children.
     *
     * @param key a key without spaces
     * @param value its value
     */
    public static void report(String key, Object value) {
        System.out.println(RESULT + key + " " + value);
        System.out.flush();
    }

    /**
     * @param heap the child's -Xmx, e.g. {@code 512m}
     * @param mainClass the class whose main runs
     * @param args its arguments
     * @return what it reported
     * @throws IllegalStateException if it cannot start or exits non-zero (with its output)
     */
    public static Outcome run(String heap, Class<?> mainClass, List<String> args) {
        return run(heap, false, mainClass, args);
    }

    /**
     * @param heap the child's -Xmx, e.g. {@code 512m}
     * @param pretouch fix the heap at that size and touch it at start ({@code -Xms}, {@code
     *     -XX:+AlwaysPreTouch}), so that the resident set size minus the heap is native memory and
     *     the GC's heap sizing cannot show up as growth
     * @param mainClass the class whose main runs
     * @param args its arguments
     * @return what it reported
     */
    public static Outcome run(String heap, boolean pretouch, Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        if (pretouch) {
            cmd.add("-Xms" + heap);
            cmd.add("-XX:+AlwaysPreTouch");
        }
        cmd.add("-Dorg.bytedeco.javacpp.maxbytes=4G");
        cmd.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=8G");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("influence4j.bench.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k))); // the bench's switches, passed on
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Map<String, String> results = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(RESULT)) {
                        String[] kv = line.substring(RESULT.length()).split(" ", 2);
                        results.put(kv[0], kv.length > 1 ? kv[1] : "");
                    } else {
                        output.add(line);
                    }
                }
            }
            int code = p.waitFor();
            Outcome o = new Outcome(results, output, code);
            if (code != 0) {
                throw new IllegalStateException("child JVM " + mainClass.getSimpleName() + " " + args + " exited " + code
                        + "; last output:\n" + String.join("\n", output.subList(Math.max(0, output.size() - 40),
                                output.size())));
            }
            return o;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a child JVM: " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + mainClass.getSimpleName(), e);
        }
    }
}
