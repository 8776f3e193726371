// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of the {@code influence4j} command (the shaded jar's {@code Main-Class}).
 *
 * <pre>{@code
 * java -jar influence-examples/target/influence4j-cli.jar score --list
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command and exits the JVM with its exit code ({@link ExitCodes}).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        configureLogging(args);
        if (!verbose(args)) {
            System.setOut(QuietStdout.over(System.out));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command without exiting: what tests and embedding programs call.
     *
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit code ({@link ExitCodes})
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        int code = execute(commandLine(out, err), args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs a configured command line; a JVM out of memory, which picocli's handlers never see (it
     * is an {@link Error}), is one line too.
     *
     * @param cl the command line
     * @param args its arguments
     * @return the exit code
     */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            PrintWriter err = cl.getErr();
            err.println(ErrorReporter.PREFIX + ErrorReporter.outOfMemory(e));
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /**
     * @param out standard output
     * @param err standard error
     * @return the configured command line, with the one-line error handlers installed
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new Influence4jCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    /**
     * slf4j-simple reads its configuration when the first logger is created, so this runs before
     * anything else: WARN by default (the CLI prints its own progress), INFO with
     * {@code --verbose}, DEBUG with {@code --debug}. An explicit {@code -D} setting wins.
     */
    private static void configureLogging(String[] args) {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        if (System.getProperty(key) == null) {
            String level = Arrays.asList(args).contains("--debug") ? "debug" : verbose(args) ? "info" : "warn";
            System.setProperty(key, level);
        }
        // ND4J warns about duplicate TensorFlow op mappings on every start: nothing the user can act on
        String tfMappings = "org.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping";
        if (System.getProperty(tfMappings) == null && !verbose(args)) {
            System.setProperty(tfMappings, "error");
        }
    }

    /** @return true when the user asked for everything the libraries print ({@code --verbose}, {@code --debug}) */
    private static boolean verbose(String[] args) {
        List<String> a = Arrays.asList(args);
        return a.contains("--verbose") || a.contains("-v") || a.contains("--debug");
    }
}
