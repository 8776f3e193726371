// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

/**
 * IEEE 754 binary16 ("half precision", numpy's {@code float16}, {@code .npy} dtype {@code <f2}):
 * 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits; largest finite value 65504, smallest
 * normal 2^-14, subnormals down to 2^-24. Java 17 has no conversion of its own
 * ({@code Float.floatToFloat16} arrived in Java 20), hence these two functions.
 *
 * @implNote {@link #fromFloat} rounds to nearest, ties to even, as numpy's {@code astype(np.float16)}
 *     does (tested bit for bit on every float16 value and on the midpoints between them); values
 *     beyond the largest half round to infinity, NaN stays NaN. {@link #toFloat} is exact (every
 *     half is a float) and reads a table of all 65,536 values.
 */
public final class Float16 {
    private static final float[] TO_FLOAT = new float[1 << 16];

    static {
        for (int h = 0; h < TO_FLOAT.length; h++) {
            TO_FLOAT[h] = decode(h);
        }
    }

    private Float16() {
    }

    /**
     * @param half the bits of a binary16 value
     * @return its exact value
     */
    public static float toFloat(short half) {
        return TO_FLOAT[half & 0xFFFF];
    }

    private static float decode(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1F;
        int frac = h & 0x3FF;
        float v;
        if (exp == 0) {
            v = frac * 0x1p-24f;
        } else if (exp == 0x1F) {
            v = frac == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (frac << 13));
        }
        return sign == 1 ? -v : v;
    }

    /**
     * @param f a float
     * @return the bits of the nearest binary16 value (ties to even)
     */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) { // infinity or NaN
            return (short) (sign | 0x7C00 | (abs > 0x7F80_0000 ? 0x200 | ((abs >>> 13) & 0x3FF) : 0));
        }
        if (abs >= 0x477F_F000) { // rounds to 65520 or above: infinity
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x3880_0000) { // below 2^-14: subnormal half (or zero)
            // value = abs as float; half subnormal unit = 2^-24
            float a = Float.intBitsToFloat(abs);
            int q = (int) Math.rint(a * 0x1p24f); // exact: a * 2^24 is exact in float, rint ties to even
            return (short) (sign | q);
        }
        int exp = (abs >>> 23) - 127 + 15;
        int mant = abs & 0x7F_FFFF;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent: still correct, up to 0x7C00 (infinity) excluded above
        }
        return (short) (sign | half);
    }
}
