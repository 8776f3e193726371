// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.examples.report.RunResults.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Where and how a command runs, for the provenance of its results. */
final class RunEnvironment {
    private RunEnvironment() {
    }

    /**
     * @param command the command line as typed
     * @param started when the job started
     * @param wallSeconds wall time so far
     * @return the run information
     */
    static RunInfo info(String command, Instant started, double wallSeconds) {
        return new RunInfo(command, commit(), machine(), System.getProperty("java.version", "?"), started.toString(),
                wallSeconds);
    }

    /** @return OS, architecture and cores */
    static String machine() {
        return System.getProperty("os.name", "?") + "/" + System.getProperty("os.arch", "?") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    /** @return {@code git rev-parse HEAD} of the working directory (with "-dirty" if modified), or "unknown" */
    static String commit() {
        try {
            String head = git("rev-parse", "HEAD");
            if (head.isEmpty()) {
                return "unknown";
            }
            return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String git(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            return "";
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }
}
