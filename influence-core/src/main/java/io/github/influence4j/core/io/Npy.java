// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes NumPy {@code .npy} files (format version 1.0, C order, little endian) for the
 * dtypes stores use: {@code <f2} (float16), {@code <f4}, {@code <f8}, {@code <i4}, {@code <i8}.
 *
 * @implNote Written instead of ND4J's {@code Nd4j.createFromNpyFile} so that the bytes are exactly
 *     those numpy writes (tested against files written by numpy) and hashing and truncation
 *     checks see the whole file; ND4J's reader also maps files natively, which makes a truncated
 *     file a crash rather than an error.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** The parsed header of an {@code .npy} file. */
    public record Header(DataType dataType, long[] shape, int dataOffset) {
        /** @return the number of elements */
        public long length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** @return bytes per element */
        public int elementSize() {
            return Npy.elementSize(dataType);
        }

        /** @return the expected total file size in bytes */
        public long fileSize() {
            return dataOffset + length() * elementSize();
        }
    }

    /**
     * @param dt FLOAT, DOUBLE, INT or LONG
     * @return numpy's descr string
     */
    private static String descr(DataType dt) {
        return switch (dt) {
            case FLOAT -> "<f4";
            case HALF -> "<f2";
            case DOUBLE -> "<f8";
            case INT -> "<i4";
            case LONG -> "<i8";
            default -> throw new IllegalArgumentException("unsupported dtype for .npy: " + dt);
        };
    }

    /**
     * @param dataType element type
     * @param shape array shape
     * @return the header bytes (magic, version, length, dict padded to a multiple of 64)
     */
    public static byte[] header(DataType dataType, long[] shape) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr(dataType))
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                s.append(i < shape.length - 1 ? ", " : ",");
            }
        }
        s.append("), }");
        if (shape.length > 0) {
            // numpy >= 1.23 leaves room to grow the first axis in place (GROWTH_AXIS_MAX_DIGITS = 21)
            s.append(" ".repeat(Math.max(0, 21 - Long.toString(shape[0]).length())));
        }
        int base = MAGIC.length + 2 + 2;
        int total = base + s.length() + 1;
        int pad = (64 - total % 64) % 64;
        s.append(" ".repeat(pad)).append('\n');
        byte[] dict = s.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bb = ByteBuffer.allocate(base + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length).put(dict);
        return bb.array();
    }

    /**
     * Writes an array as {@code .npy}.
     *
     * @param array FLOAT, DOUBLE, INT or LONG, any rank
     * @param out the stream (not closed)
     * @throws IOException on write failure
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        DataType dt = array.dataType();
        int es = elementSize(dt);
        out.write(header(dt, array.shape()));
        INDArray c = contiguous(array);
        long n = c.length();
        int block = 1 << 16;
        byte[] buf = new byte[(int) Math.min(n, block) * es];
        for (long start = 0; start < n; start += block) {
            int len = (int) Math.min(block, n - start);
            copyToBytes(c, start, len, buf, 0);
            out.write(buf, 0, len * es);
        }
    }

    /**
     * @param array any array
     * @return the array itself if it is C-ordered, not a view and owns its whole buffer; else a C-ordered copy
     */
    public static INDArray contiguous(INDArray array) {
        if (array.isEmpty() || (!array.isView() && array.ordering() == 'c' && array.offset() == 0
                && array.data().length() == array.length())) {
            return array;
        }
        return array.dup('c');
    }

    /**
     * @param dt FLOAT, DOUBLE, INT or LONG
     * @return bytes per element
     */
    public static int elementSize(DataType dt) {
        return switch (dt) {
            case HALF -> 2;
            case FLOAT, INT -> 4;
            case DOUBLE, LONG -> 8;
            default -> throw new IllegalArgumentException("unsupported dtype for .npy: " + dt);
        };
    }

    /**
     * Copies elements of a {@linkplain #contiguous contiguous} array into little-endian bytes, in bulk.
     *
     * @param c a contiguous array
     * @param from first element (flat C index)
     * @param count elements to copy
     * @param dst destination
     * @param off byte offset in {@code dst}
     */
    public static void copyToBytes(INDArray c, long from, int count, byte[] dst, int off) {
        if (count == 0) {
            return;
        }
        int es = elementSize(c.dataType());
        ByteBuffer src = c.data().asNio().order(ByteOrder.nativeOrder());
        src.position(Math.toIntExact(from * es)).limit(Math.toIntExact((from + count) * es));
        ByteBuffer out = ByteBuffer.wrap(dst, off, count * es).order(ByteOrder.LITTLE_ENDIAN);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            out.put(src);
            return;
        }
        switch (c.dataType()) {
            case HALF -> out.asShortBuffer().put(src.asShortBuffer());
            case FLOAT -> out.asFloatBuffer().put(src.asFloatBuffer());
            case DOUBLE -> out.asDoubleBuffer().put(src.asDoubleBuffer());
            case INT -> out.asIntBuffer().put(src.asIntBuffer());
            case LONG -> out.asLongBuffer().put(src.asLongBuffer());
            default -> throw new IllegalArgumentException("unsupported dtype for .npy: " + c.dataType());
        }
    }

    /**
     * Copies float32 or float64 elements of a {@linkplain #contiguous contiguous} array into
     * little-endian IEEE binary16 bytes ({@code <f2}), rounding to nearest, ties to even
     * ({@link Float16#fromFloat}).
     *
     * @param c a contiguous FLOAT or DOUBLE array
     * @param from first element (flat C index)
     * @param count elements to convert
     * @param dst destination
     * @param off byte offset in {@code dst}
     */
    public static void copyToHalfBytes(INDArray c, long from, int count, byte[] dst, int off) {
        if (count == 0) {
            return;
        }
        ByteBuffer src = c.data().asNio().order(ByteOrder.nativeOrder());
        ByteBuffer out = ByteBuffer.wrap(dst, off, count * 2).order(ByteOrder.LITTLE_ENDIAN);
        switch (c.dataType()) {
            case FLOAT -> {
                var f = src.asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    out.putShort(off + 2 * i, Float16.fromFloat(f.get(Math.toIntExact(from + i))));
                }
            }
            case DOUBLE -> {
                var d = src.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    out.putShort(off + 2 * i, Float16.fromFloat((float) d.get(Math.toIntExact(from + i))));
                }
            }
            case HALF -> copyToBytes(c, from, count, dst, off);
            default -> throw new IllegalArgumentException("float16 storage needs FLOAT or DOUBLE values, got "
                    + c.dataType());
        }
    }

    /**
     * Copies little-endian bytes into elements of an array that owns its buffer, in bulk.
     *
     * @param src source bytes
     * @param off byte offset in {@code src}
     * @param dst a {@linkplain #contiguous contiguous} array
     * @param from first destination element (flat C index)
     * @param count elements to copy
     */
    public static void copyFromBytes(byte[] src, int off, INDArray dst, long from, int count) {
        if (count == 0) {
            return;
        }
        int es = elementSize(dst.dataType());
        ByteBuffer in = ByteBuffer.wrap(src, off, count * es).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = dst.data().asNio().order(ByteOrder.nativeOrder());
        out.position(Math.toIntExact(from * es)).limit(Math.toIntExact((from + count) * es));
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            out.put(in);
            return;
        }
        switch (dst.dataType()) {
            case HALF -> out.asShortBuffer().put(in.asShortBuffer());
            case FLOAT -> out.asFloatBuffer().put(in.asFloatBuffer());
            case DOUBLE -> out.asDoubleBuffer().put(in.asDoubleBuffer());
            case INT -> out.asIntBuffer().put(in.asIntBuffer());
            case LONG -> out.asLongBuffer().put(in.asLongBuffer());
            default -> throw new IllegalArgumentException("unsupported dtype for .npy: " + dst.dataType());
        }
    }

    /**
     * @param dt element type
     * @param shape shape (may be empty for a scalar, or hold a 0 for an empty array)
     * @return an uninitialised C-ordered array that owns its buffer
     */
    public static INDArray allocate(DataType dt, long[] shape) {
        for (long d : shape) {
            if (d == 0) {
                return Nd4j.create(dt, shape);
            }
        }
        return shape.length == 0 ? Nd4j.scalar(dt, 0) : Nd4j.createUninitialized(dt, shape);
    }

    /**
     * Writes a double vector as a 1-D {@code <f8} {@code .npy}.
     *
     * @param values the values
     * @param out the stream (not closed)
     * @throws IOException on write failure
     */
    public static void write(double[] values, OutputStream out) throws IOException {
        out.write(header(DataType.DOUBLE, new long[] {values.length}));
        ByteBuffer bb = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bb.putDouble(v);
        }
        out.write(bb.array());
    }

    /**
     * Parses a header.
     *
     * @param bytes at least the header's bytes
     * @param source a file name for messages
     * @return the header
     * @throws IllegalArgumentException describing what is wrong
     */
    public static Header parseHeader(byte[] bytes, String source) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException(source + " is not an .npy file (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(bb.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(source + " is truncated inside its .npy header");
            }
            headerLen = bb.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException(source + " has .npy format version " + major + ", supported: 1 to 3");
        }
        if (bytes.length < start + headerLen) {
            throw new IllegalArgumentException(source + " is truncated inside its .npy header");
        }
        String dict = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException(source + " has an unreadable .npy header: " + dict.strip());
        }
        if (f.group(1).equals("True")) {
            throw new IllegalArgumentException(source + " is in Fortran order; write it in C order (np.ascontiguousarray)");
        }
        DataType dt = switch (d.group(1)) {
            case "<f4" -> DataType.FLOAT;
            case "<f2" -> DataType.HALF;
            case "<f8" -> DataType.DOUBLE;
            case "<i4" -> DataType.INT;
            case "<i8" -> DataType.LONG;
            default -> throw new IllegalArgumentException(source + " has dtype " + d.group(1)
                    + "; supported: <f2, <f4, <f8, <i4, <i8 (little endian)");
        };
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                long dim;
                try {
                    dim = Long.parseLong(part.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " has an unreadable .npy shape: (" + s.group(1) + ")", e);
                }
                if (dim < 0) {
                    throw new IllegalArgumentException(source + " has a negative dimension in its .npy shape: ("
                            + s.group(1) + ")");
                }
                dims.add(dim);
            }
        }
        return new Header(dt, dims.stream().mapToLong(Long::longValue).toArray(), start + headerLen);
    }

    /**
     * Reads a whole {@code .npy} file held in memory.
     *
     * @param bytes the file's bytes
     * @param source a file name for messages
     * @return the array
     * @throws IllegalArgumentException if the header is unreadable or the data truncated
     */
    public static INDArray read(byte[] bytes, String source) {
        Header h = parseHeader(bytes, source);
        if (bytes.length != h.fileSize()) {
            throw new IllegalArgumentException(source + " has " + bytes.length + " bytes but its header ("
                    + h.dataType() + " " + Arrays.toString(h.shape()) + ") needs " + h.fileSize()
                    + (bytes.length < h.fileSize() ? ": the file is truncated" : ": trailing bytes"));
        }
        INDArray out = allocate(h.dataType(), h.shape());
        copyFromBytes(bytes, h.dataOffset(), out, 0, Math.toIntExact(h.length()));
        return out;
    }

    /**
     * @param in a stream positioned at the start of an {@code .npy} file (read to its end)
     * @param source a file name for messages
     * @return the array
     * @throws IOException on read failure
     */
    public static INDArray read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }
}
