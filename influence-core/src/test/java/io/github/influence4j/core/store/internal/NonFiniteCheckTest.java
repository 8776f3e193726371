// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The bit-level scan of {@link NonFiniteCheck#allFinite} against {@link Float#isFinite} / {@link Double#isFinite}. */
class NonFiniteCheckTest {
    private static final float[] FLOAT_EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0x7f7fffff)};
    private static final double[] DOUBLE_EDGES = {0d, -0d, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0xfff0000000000001L), Double.longBitsToDouble(0x7fefffffffffffffL)};

    @Test
    void floatsAtEveryPositionAndLength() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n = 0; n <= 9; n++) {
            for (int pos = 0; pos < Math.max(n, 1); pos++) {
                for (float edge : FLOAT_EDGES) {
                    ByteBuffer b = ByteBuffer.allocateDirect(4 * n + 12).order(ByteOrder.nativeOrder());
                    b.position(4); // a region that does not start at the buffer's start
                    boolean expected = true;
                    for (int i = 0; i < n; i++) {
                        float v = i == pos ? edge : (float) rnd.nextGaussian() * 1e30f;
                        b.putFloat(v);
                        expected &= Float.isFinite(v);
                    }
                    b.putFloat(Float.NaN); // just past the region: must not be looked at
                    b.limit(4 + 4 * n).position(4);
                    assertEquals(expected, NonFiniteCheck.allFinite(b, DataType.FLOAT, ByteOrder.nativeOrder()), "n " + n + " pos " + pos + " " + edge);
                    assertEquals(4, b.position());
                }
            }
        }
    }

    @Test
    void doublesAtEveryPositionAndLength() {
        for (int n = 0; n <= 5; n++) {
            for (int pos = 0; pos < Math.max(n, 1); pos++) {
                for (double edge : DOUBLE_EDGES) {
                    ByteBuffer b = ByteBuffer.allocateDirect(8 * n + 8).order(ByteOrder.nativeOrder());
                    boolean expected = true;
                    for (int i = 0; i < n; i++) {
                        double v = i == pos ? edge : i * 1e300;
                        b.putDouble(v);
                        expected &= Double.isFinite(v);
                    }
                    b.putDouble(Double.POSITIVE_INFINITY);
                    b.flip().limit(8 * n);
                    assertEquals(expected, NonFiniteCheck.allFinite(b, DataType.DOUBLE, ByteOrder.nativeOrder()), "n " + n + " pos " + pos + " " + edge);
                }
            }
        }
    }
}
