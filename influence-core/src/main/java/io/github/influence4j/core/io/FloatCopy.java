// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies a float32 or float16 array's elements, in C order, into a {@code float[]}: the float32
 * read, exact (float16 widens to float32 without rounding). The float32 sibling of
 * {@link DoubleCopy}.
 */
public final class FloatCopy {
    private FloatCopy() {
    }

    /**
     * @param what what is read (an artifact key), for the message
     * @param dt its stored data type
     * @throws IllegalArgumentException unless it is float32 or float16, which float32 holds exactly
     */
    public static void checkFloat32(Object what, DataType dt) {
        if (dt != DataType.FLOAT && dt != DataType.HALF) {
            throw new IllegalArgumentException(what + " is stored as " + dt
                    + ": readFloats reads float32 and float16 artifacts only (no rounding); use readDoubles");
        }
    }

    /**
     * @param array a float32 or float16 array
     * @param out receives {@code array.length()} values
     * @param at where in {@code out} the first goes
     * @return the number of values copied
     * @throws IllegalArgumentException for another data type (a float32 copy would round float64 and
     *     large integers), or if the values do not fit
     */
    public static int copy(INDArray array, float[] out, int at) {
        DataType dt = array.dataType();
        checkFloat32("the array", dt);
        int n = Math.toIntExact(array.length());
        if (n == 0) {
            return 0;
        }
        if (at < 0 || at + n > out.length) {
            throw new IllegalArgumentException(n + " values do not fit at " + at + " of an array of " + out.length);
        }
        return HostBytes.apply(array, (c, bb) -> {
            if (dt == DataType.FLOAT) {
                bb.asFloatBuffer().get(out, at, n);
            } else {
                var sb = bb.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[at + i] = Float16.toFloat(sb.get(i));
                }
            }
            return n;
        });
    }
}
