// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

/**
 * A test hook: the store's create, commit and delete sequences call {@link #step} before and after
 * each file-system operation; when the system property {@value #PROPERTY} names the number of the
 * step reached, the JVM halts there at once, as a kill would. The crash tests run a writer in a
 * child JVM with each number in turn and check that running it again completes.
 */
final class KillPoints {
    static final String PROPERTY = "influence4j.store.killAtStep";
    private static final long AT = Long.getLong(PROPERTY, 0L);
    private static long reached;

    private KillPoints() {
    }

    /** @param what the operation about to happen or just done, printed when halting there */
    static void step(String what) {
        if (AT > 0 && ++reached == AT) {
            System.err.println("killed at step " + reached + ": " + what);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
