// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

/**
 * A small, fast, seeded generator (xorshift64*, Vigna 2016) for filling synthetic stores with
 * gigabytes of values; not for statistics. Not thread-safe.
 */
public final class FastRandom {
    private long state;

    /**
     * @param seed any value; 0 is mapped to a fixed non-zero state
     */
    public FastRandom(long seed) {
        long s = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        this.state = s == 0 ? 0x2545F4914F6CDD1DL : s;
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DL;
    }

    /** @return a float uniform in {@code [-1, 1)} */
    public float nextSignedFloat() {
        return (nextLong() >> 40) * 0x1.0p-23f;
    }

    /**
     * @param bound exclusive upper bound, {@code >= 1}
     * @return an int uniform in {@code [0, bound)} (up to a negligible bias)
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** @return a double uniform in {@code [0, 1)} */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A token id with a Zipf-like (exponent 1) law over {@code [0, vocabulary)}: frequent ids are
     * small, as in a frequency-sorted vocabulary.
     *
     * @param vocabulary V, {@code >= 1}
     * @return an id in {@code [0, V)}
     */
    public int nextZipf(int vocabulary) {
        int id = (int) Math.exp(nextDouble() * Math.log(vocabulary + 1.0)) - 1;
        return Math.min(Math.max(id, 0), vocabulary - 1);
    }
}
