// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;

/**
 * A standard output that drops the lines SameDiff 1.0.0-M2.1 prints with {@code System.out} while it
 * builds a gradient function ("Added differentiated op ..."; hundreds per run, nothing a user can act
 * on). Everything else passes through, line by line. Installed by {@link Main} unless
 * {@code --verbose} or {@code --debug} asks for everything.
 */
final class QuietStdout extends OutputStream {
    /** Prefixes of the lines dropped. */
    static final List<String> DROPPED = List.of("Added differentiated op ");

    private final PrintStream target;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStdout(PrintStream target, Charset charset) {
        this.target = target;
        this.charset = charset;
    }

    /**
     * @param target the real standard output
     * @return a print stream over it that drops {@link #DROPPED} lines
     */
    static PrintStream over(PrintStream target) {
        Charset cs = Charset.defaultCharset();
        return new PrintStream(new QuietStdout(target, cs), true, cs);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        flushLine();
        target.flush();
    }

    private void flushLine() {
        if (line.size() == 0) {
            return;
        }
        String s = line.toString(charset);
        line.reset();
        for (String p : DROPPED) {
            if (s.startsWith(p)) {
                return;
            }
        }
        target.print(s);
        target.flush();
    }
}
