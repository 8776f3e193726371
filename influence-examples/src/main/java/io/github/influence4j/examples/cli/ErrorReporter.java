// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.exception.CancelledException;
import io.github.influence4j.core.exception.InfluenceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code ({@link ExitCodes}), never a stack
 * trace unless {@code --debug} was given. User mistakes ({@link InfluenceException} and its
 * subtypes, {@link CliException}, I/O errors, picocli's parameter errors) say what to fix;
 * anything else is reported as an internal error.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final String PREFIX = "influence4j: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        // picocli words a bad map value "Value for option option '--option' (KEY=VALUE) ..."
        String msg = String.valueOf(ex.getMessage()).replace("for option option '", "for option '");
        err.println(PREFIX + msg + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (debug(args)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCode(ex);
        err.println(PREFIX + oneLine(ex, code));
        if (debug(parseResult.originalArgs().toArray(String[]::new))) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL) {
            err.println(PREFIX + "this is a bug; re-run with --debug and report the stack trace");
        }
        err.flush();
        return code;
    }

    /**
     * @param ex a failure
     * @return the exit code for it
     */
    static int exitCode(Throwable ex) {
        if (ex instanceof CancelledException) {
            return ExitCodes.CANCELLED;
        }
        if (ex instanceof InfluenceException || ex instanceof CliException || ex instanceof IOException
                || ex instanceof UncheckedIOException || isNativeOutOfMemory(ex)) {
            return ExitCodes.FAILED;
        }
        if (ex instanceof ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }

    /**
     * @param ex a failure
     * @param code its exit code
     * @return a single line: the message, with line breaks folded
     */
    static String oneLine(Throwable ex, int code) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (isNativeOutOfMemory(t)) {
            return outOfMemory(t);
        }
        String msg = t.getMessage();
        if (t instanceof NoSuchFileException) {
            msg = "no such file or directory: " + msg;
        } else if (t instanceof AccessDeniedException) {
            msg = "permission denied: " + msg;
        } else if (t instanceof FileAlreadyExistsException) {
            msg = "already exists: " + msg;
        } else if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        if (code == ExitCodes.INTERNAL) {
            msg = "internal error: " + t.getClass().getName() + ": " + msg;
        }
        return forTheCommandLine(msg).replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /**
     * The library's messages name library calls; a CLI user types commands instead.
     *
     * @param msg a message from the library
     * @return the message with library calls replaced by the command that does the same
     */
    static String forTheCommandLine(String msg) {
        return msg.replace("ArtifactStores.verify(dir) (or 'influence4j inspect --store DIR --verify')",
                "'influence4j inspect --store DIR --verify'")
                .replace("ArtifactStores.verify(dir)", "'influence4j inspect --store DIR --verify'");
    }

    /**
     * @param t a failure
     * @return whether it is ND4J failing to allocate off-heap memory (a {@code RuntimeException}
     *     whose message says "Allocation failed" or "bad_alloc", or javacpp's {@link OutOfMemoryError})
     */
    static boolean isNativeOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (c instanceof OutOfMemoryError || m.contains("Allocation failed") || m.contains("bad_alloc")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param t the JVM or ND4J running out of memory
     * @return one line saying so and what to do
     */
    static String outOfMemory(Throwable t) {
        String cause = String.valueOf(t.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
        return "not enough memory for this run (" + (t instanceof OutOfMemoryError ? "Java heap" : "ND4J off-heap")
                + ": " + cause + "); raise -Xmx"
                + " (heap) or -Dorg.bytedeco.javacpp.maxbytes / maxphysicalbytes (ND4J's off-heap memory) in JAVA_OPTS,"
                + " or score fewer examples at a time; if the store may be damaged, 'influence4j inspect --store"
                + " DIR --verify' checks it";
    }

    private static boolean debug(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
            if (a.equals("--")) {
                return false;
            }
        }
        return false;
    }
}
