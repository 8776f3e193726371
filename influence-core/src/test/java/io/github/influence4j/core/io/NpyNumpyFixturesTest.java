// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Npy} against files written by numpy ({@code src/test/resources/npy}, see its README):
 * reads them exactly, and writes byte-identical files.
 */
class NpyNumpyFixturesTest {
    private static final JsonNode EXPECTED = load();

    private static JsonNode load() {
        try (InputStream in = resource("expected.json")) {
            return new ObjectMapper().readTree(in).get("arrays");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = NpyNumpyFixturesTest.class.getResourceAsStream("/npy/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource /npy/" + name);
        }
        return in;
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = resource(name + ".npy")) {
            return in.readAllBytes();
        }
    }

    static Stream<String> names() {
        List<String> out = new ArrayList<>();
        EXPECTED.fieldNames().forEachRemaining(out::add);
        return out.stream();
    }

    @Test
    void everyDtypeAndRankIsCovered() {
        List<String> n = names().toList();
        for (String dt : List.of("f4", "f8", "i4", "i8")) {
            for (String rank : List.of("0d", "1d", "2d", "3d")) {
                assertTrue(n.contains(dt + "_" + rank), dt + "_" + rank + " fixture missing: " + n);
            }
            assertTrue(n.stream().anyMatch(x -> x.startsWith(dt + "_empty")), dt + " empty fixture missing");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void readsNumpyFilesExactly(String name) throws IOException {
        JsonNode e = EXPECTED.get(name);
        INDArray a = Npy.read(bytes(name), name + ".npy");
        assertEquals(dataType(e.get("dtype").asText()), a.dataType(), name + " dtype");
        assertArrayEquals(shape(e), a.shape(), name + " shape");
        long[] actualBits = bits(a);
        long[] expectedBits = expectedBits(e);
        assertArrayEquals(expectedBits, actualBits, name + " values (bit patterns)");
    }

    @ParameterizedTest
    @MethodSource("names")
    void writesTheBytesNumpyWrites(String name) throws IOException {
        byte[] numpy = bytes(name);
        ByteArrayOutputStream fromRead = new ByteArrayOutputStream();
        Npy.write(Npy.read(numpy, name), fromRead);
        assertArrayEquals(numpy, fromRead.toByteArray(), name + ": re-written file differs");

        // independently of the reader: build the array from expected.json
        ByteArrayOutputStream fromValues = new ByteArrayOutputStream();
        Npy.write(build(EXPECTED.get(name)), fromValues);
        assertArrayEquals(numpy, fromValues.toByteArray(), name + ": file written from the values differs");
    }

    @Test
    void writesViewsAndFortranOrderAsCOrder() throws IOException {
        INDArray base = Nd4j.arange(12).castTo(DataType.FLOAT).reshape('c', 3, 4);
        INDArray view = base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(view, out);
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, Npy.read(out.toByteArray(), "view").data().asFloat());
        INDArray f = base.dup('f');
        out.reset();
        Npy.write(f, out);
        assertEquals(base, Npy.read(out.toByteArray(), "f"));
    }

    @Test
    void rejectsTruncatedAndForeignFilesClearly() throws IOException {
        byte[] b = bytes("f8_2d");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(Arrays.copyOf(b, b.length - 3), "x.npy"));
        assertTrue(e.getMessage().contains("x.npy has " + (b.length - 3) + " bytes") && e.getMessage().contains("truncated"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read("hello world".getBytes(), "y.npy"));
        assertTrue(e.getMessage().contains("y.npy is not an .npy file"), e.getMessage());
        byte[] big = b.clone();
        String header = new String(big, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f8", ">f8");
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, big, 0, 128);
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(big, "z.npy"));
        assertTrue(e.getMessage().contains("dtype >f8"), e.getMessage());
    }

    private static DataType dataType(String numpy) {
        return switch (numpy) {
            case "<f4" -> DataType.FLOAT;
            case "<f8" -> DataType.DOUBLE;
            case "<i4" -> DataType.INT;
            case "<i8" -> DataType.LONG;
            default -> throw new IllegalArgumentException(numpy);
        };
    }

    private static long[] shape(JsonNode e) {
        List<Long> s = new ArrayList<>();
        e.get("shape").forEach(d -> s.add(d.asLong()));
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    private static double parse(String v) {
        return switch (v) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    private static long[] expectedBits(JsonNode e) {
        DataType dt = dataType(e.get("dtype").asText());
        List<Long> out = new ArrayList<>();
        for (JsonNode v : e.get("values")) {
            out.add(switch (dt) {
                case FLOAT -> (long) Float.floatToIntBits((float) parse(v.asText()));
                case DOUBLE -> Double.doubleToLongBits(parse(v.asText()));
                default -> Long.parseLong(v.asText());
            });
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] bits(INDArray a) {
        if (a.isEmpty()) {
            return new long[0];
        }
        INDArray c = a.dup('c');
        return switch (a.dataType()) {
            case FLOAT -> toLongs(c.data().asFloat());
            case DOUBLE -> Arrays.stream(c.data().asDouble()).mapToLong(Double::doubleToLongBits).toArray();
            case INT -> Arrays.stream(c.data().asInt()).asLongStream().toArray();
            case LONG -> c.data().asLong();
            default -> fail("unexpected dtype " + a.dataType());
        };
    }

    private static long[] toLongs(float[] f) {
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToIntBits(f[i]);
        }
        return out;
    }

    private static INDArray build(JsonNode e) {
        DataType dt = dataType(e.get("dtype").asText());
        long[] shape = shape(e);
        long[] bits = expectedBits(e);
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            return Nd4j.create(dt, shape);
        }
        INDArray flat = switch (dt) {
            case FLOAT -> {
                float[] f = new float[bits.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Float.intBitsToFloat((int) bits[i]);
                }
                yield shape.length == 0 ? Nd4j.scalar(f[0]) : Nd4j.createFromArray(f);
            }
            case DOUBLE -> {
                double[] d = Arrays.stream(bits).mapToDouble(Double::longBitsToDouble).toArray();
                yield shape.length == 0 ? Nd4j.scalar(d[0]) : Nd4j.createFromArray(d);
            }
            case INT -> {
                int[] v = Arrays.stream(bits).mapToInt(x -> (int) x).toArray();
                yield shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.createFromArray(v);
            }
            default -> shape.length == 0 ? Nd4j.scalar(bits[0]) : Nd4j.createFromArray(bits);
        };
        return shape.length <= 1 ? flat : flat.reshape('c', shape);
    }
}
