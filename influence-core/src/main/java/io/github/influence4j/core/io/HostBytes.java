// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The host bytes of an array's values in C order, for {@link DoubleCopy} and {@link FloatCopy}. */
final class HostBytes {
    private HostBytes() {
    }

    /** What is done with the bytes. */
    interface Body {
        /**
         * @param c the array whose bytes these are (the argument, or its C-order copy)
         * @param bytes its values in native order, from index 0
         * @return the number of values used
         */
        int apply(INDArray c, ByteBuffer bytes);
    }

    /**
     * @param array any array
     * @param body what to do with its bytes
     * @return what {@code body} returns
     * @implNote A dense C-order array that owns its buffer is read straight from its off-heap buffer;
     *     any other goes through a C-order copy, closed here.
     */
    static int apply(INDArray array, Body body) {
        boolean plain = !array.isView() && array.ordering() == 'c' && array.offset() == 0
                && array.data().length() == array.length();
        INDArray c = plain ? array : array.dup('c');
        try {
            Nd4j.getAffinityManager().ensureLocation(c, AffinityManager.Location.HOST);
            return body.apply(c, c.data().asNio().order(ByteOrder.nativeOrder()));
        } finally {
            if (c != array) {
                c.close();
            }
        }
    }
}
