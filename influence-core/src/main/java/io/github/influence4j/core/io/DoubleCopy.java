// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies an array's elements, in C order, into a {@code double[]}: the float64 widening every read shares. */
public final class DoubleCopy {
    private DoubleCopy() {
    }

    /**
     * @param array any array (float16, float32, float64, int32, int64)
     * @param out receives {@code array.length()} values
     * @param at where in {@code out} the first goes
     * @return the number of values copied
     * @implNote A dense C-order array that owns its buffer is widened straight from the off-heap
     *     buffer; any other goes through a C-order copy, closed here.
     */
    public static int copy(INDArray array, double[] out, int at) {
        int n = Math.toIntExact(array.length());
        if (n == 0) {
            return 0;
        }
        if (at < 0 || at + n > out.length) {
            throw new IllegalArgumentException(n + " values do not fit at " + at + " of an array of " + out.length);
        }
        return HostBytes.apply(array, (c, bb) -> {
            DataType dt = c.dataType();
            switch (dt) {
                case FLOAT -> {
                    var fb = bb.asFloatBuffer();
                    for (int i = 0; i < n; i++) {
                        out[at + i] = fb.get(i);
                    }
                }
                case DOUBLE -> bb.asDoubleBuffer().get(out, at, n);
                case HALF -> {
                    var sb = bb.asShortBuffer();
                    for (int i = 0; i < n; i++) {
                        out[at + i] = Float16.toFloat(sb.get(i));
                    }
                }
                case INT -> {
                    var ib = bb.asIntBuffer();
                    for (int i = 0; i < n; i++) {
                        out[at + i] = ib.get(i);
                    }
                }
                case LONG -> {
                    var lb = bb.asLongBuffer();
                    for (int i = 0; i < n; i++) {
                        out[at + i] = lb.get(i);
                    }
                }
                default -> {
                    try (INDArray d = c.castTo(DataType.DOUBLE)) {
                        System.arraycopy(d.data().asDouble(), 0, out, at, n);
                    }
                }
            }
            return n;
        });
    }
}
