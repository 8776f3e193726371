// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A seeded synthetic capture holding every {@link ArtifactKind} (dense and ragged, static and per
 * checkpoint, layered), kept as plain Java arrays so that what a store returns can be compared
 * with what was written, independently of the store code.
 */
public final class SyntheticArtifacts {
    /** Expected values of one artifact: per example, its values flattened in C order. */
    public record Expected(ArtifactKey key, DataType dataType, long[] exampleShape, Map<String, String> attributes,
            double[][] perExample) {
        public long perRow() {
            return Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
        }

        public int length(int example) {
            return (int) (perExample[example].length / perRow());
        }
    }

    public final int n;
    public final int k;
    public final List<Checkpoint> checkpoints = new ArrayList<>();
    /** Checkpoint id ("" = static) to key to expected values. */
    public final Map<String, Map<ArtifactKey, Expected>> data = new LinkedHashMap<>();

    private SyntheticArtifacts(int n, int k) {
        this.n = n;
        this.k = k;
    }

    public static SyntheticArtifacts generate(int n, long seed) {
        int k = 3;
        int d = 4;
        Random r = new Random(seed);
        SyntheticArtifacts s = new SyntheticArtifacts(n, k);
        Map<ArtifactKey, Expected> st = new TreeMap<>();
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = i % 5 == 3 ? 0 : 1 + r.nextInt(6); // some examples without real positions
        }
        st.put(key(ArtifactKind.LABELS), dense(r, ArtifactKind.LABELS, DataType.INT, n, new long[0], k));
        st.put(key(ArtifactKind.TOKEN_IDS), ragged(r, key(ArtifactKind.TOKEN_IDS), DataType.INT, lengths, new long[0], 400));
        st.put(key(ArtifactKind.SEGMENT_IDS), ragged(r, key(ArtifactKind.SEGMENT_IDS), DataType.LONG, lengths, new long[0], 2));
        s.data.put("", st);
        for (int c = 0; c < 2; c++) {
            Checkpoint cp = new Checkpoint("epoch-" + c, 100L * (c + 1), c, 0.1 / (c + 1), 42);
            s.checkpoints.add(cp);
            Map<ArtifactKey, Expected> m = new TreeMap<>();
            m.put(key(ArtifactKind.LOGITS), dense(r, ArtifactKind.LOGITS, DataType.FLOAT, n, new long[] {k}, 0));
            m.put(key(ArtifactKind.LOSS), dense(r, ArtifactKind.LOSS, DataType.DOUBLE, n, new long[0], 0));
            m.put(key(ArtifactKind.INPUT_GRADS), ragged(r, key(ArtifactKind.INPUT_GRADS), DataType.FLOAT, lengths,
                    new long[] {d}, 0));
            m.put(key(ArtifactKind.EMBEDDING_GRADS), ragged(r, key(ArtifactKind.EMBEDDING_GRADS), DataType.DOUBLE,
                    lengths, new long[] {d}, 0));
            for (String layer : List.of("fc1", "fc2")) {
                m.put(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layer), dense(r, ArtifactKey.of(ArtifactKind.LAYER_INPUTS,
                        layer), DataType.FLOAT, n, new long[] {5}, 0, Map.of()));
                m.put(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer), dense(r,
                        ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer), DataType.FLOAT, n, new long[] {2}, 0,
                        Map.of()));
            }
            m.put(ArtifactKey.of(ArtifactKind.PARAM_GRADS, "emb"), dense(r, ArtifactKey.of(ArtifactKind.PARAM_GRADS, "emb"),
                    DataType.FLOAT, n, new long[] {2, 3}, 0, Map.of()));
            m.put(key(ArtifactKind.PROJECTED_GRADS), dense(r, key(ArtifactKind.PROJECTED_GRADS), DataType.FLOAT, n,
                    new long[] {6}, 0, Map.of("projection", "gaussian", "dim", "6", "seed", "7")));
            m.put(key(ArtifactKind.NULL_LOGITS), dense(r, ArtifactKind.NULL_LOGITS, DataType.FLOAT, n, new long[] {k}, 0));
            s.data.put(cp.id(), m);
        }
        return s;
    }

    private static ArtifactKey key(ArtifactKind kind) {
        return ArtifactKey.of(kind);
    }

    private static Expected dense(Random r, ArtifactKind kind, DataType dt, int n, long[] shape, int intBound) {
        return dense(r, key(kind), dt, n, shape, intBound, Map.of());
    }

    private static Expected dense(Random r, ArtifactKey key, DataType dt, int n, long[] shape, int intBound,
            Map<String, String> attributes) {
        int per = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            v[i] = values(r, dt, per, intBound);
        }
        return new Expected(key, dt, shape, attributes, v);
    }

    private static Expected ragged(Random r, ArtifactKey key, DataType dt, int[] lengths, long[] shape, int intBound) {
        int per = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[][] v = new double[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            v[i] = values(r, dt, lengths[i] * per, intBound);
        }
        return new Expected(key, dt, shape, Map.of(), v);
    }

    private static double[] values(Random r, DataType dt, int count, int intBound) {
        double[] out = new double[count];
        for (int j = 0; j < count; j++) {
            out[j] = switch (dt) {
                case FLOAT -> (float) r.nextGaussian();
                case DOUBLE -> r.nextGaussian();
                default -> r.nextInt(intBound);
            };
        }
        return out;
    }

    /**
     * Writes everything: static artifacts first, then each checkpoint, in batches of {@code batch}
     * examples, committing after each checkpoint.
     */
    public void writeTo(ArtifactWriter w, int batch) {
        data.get("").values().forEach(e -> write(w, e, batch, 0, n));
        w.commit();
        for (Checkpoint c : checkpoints) {
            try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                writeCheckpoint(cw, c.id(), batch, 0, n);
                cw.commit();
            }
        }
    }

    /** Writes one checkpoint's artifacts over examples [from, to) (no begin, no commit). */
    public void writeCheckpoint(CheckpointWriter w, String id, int batch, int from, int to) {
        for (Expected e : data.get(id).values()) {
            if (!e.attributes().isEmpty()) {
                w.setAttributes(e.key(), e.attributes());
            }
            write(w, e, batch, from, to);
        }
    }

    public static void write(ArtifactSink w, Expected e, int batch, int from, int to) {
        for (int s = from; s < to; s += batch) {
            int end = Math.min(to, s + batch);
            if (e.key().kind().isRagged()) {
                int[] lengths = new int[end - s];
                List<double[]> parts = new ArrayList<>();
                for (int i = s; i < end; i++) {
                    lengths[i - s] = e.length(i);
                    parts.add(e.perExample()[i]);
                }
                double[] flat = parts.stream().flatMapToDouble(Arrays::stream).toArray();
                long rows = Arrays.stream(lengths).sum();
                w.writeRagged(e.key(), s, array(e, flat, rows), lengths);
            } else {
                double[] flat = Arrays.stream(e.perExample(), s, end).flatMapToDouble(Arrays::stream).toArray();
                w.write(e.key(), s, array(e, flat, end - s));
            }
        }
    }

    private static INDArray array(Expected e, double[] flat, long rows) {
        long[] shape = new long[e.exampleShape().length + 1];
        shape[0] = rows;
        System.arraycopy(e.exampleShape(), 0, shape, 1, e.exampleShape().length);
        if (flat.length == 0) {
            return Nd4j.create(e.dataType(), shape);
        }
        return Nd4j.createFromArray(flat).castTo(e.dataType()).reshape('c', shape);
    }

    /** Reads every artifact over {@code range} from the store and compares with what was written, exactly. */
    public void assertReads(TrainingArtifactStore store, ExampleRange range) {
        assertReads(store, range, checkpoints);
    }

    /** As {@link #assertReads(TrainingArtifactStore, ExampleRange)} when only {@code committed} were committed. */
    public void assertReads(TrainingArtifactStore store, ExampleRange range, List<Checkpoint> committed) {
        assertEquals(committed, store.checkpoints());
        for (Map.Entry<String, Map<ArtifactKey, Expected>> scope : data.entrySet()) {
            if (!scope.getKey().isEmpty() && committed.stream().noneMatch(c -> c.id().equals(scope.getKey()))) {
                continue;
            }
            for (Expected e : scope.getValue().values()) {
                try (ArtifactChunk c = scope.getKey().isEmpty() ? store.readStatic(e.key(), range)
                        : store.read(scope.getKey(), e.key(), range)) {
                    assertChunk(e, c, range, scope.getKey());
                }
            }
        }
    }

    public static void assertChunk(Expected e, ArtifactChunk c, ExampleRange range, String where) {
        String what = e.key() + " at '" + where + "' over " + range;
        assertEquals(e.dataType(), c.values().dataType(), what + " dtype");
        assertEquals(e.dataType(), c.info().dataType(), what + " info dtype");
        assertArrayEquals(e.exampleShape(), c.info().shape(), what + " example shape");
        assertEquals(e.attributes(), c.info().attributes(), what + " attributes");
        assertEquals(range, c.range(), what);
        double[] flat = c.values().isEmpty() ? new double[0] : c.values().dup('c').data().asDouble();
        long per = e.perRow();
        int pos = 0;
        for (int i = range.from(); i < range.to(); i++) {
            int len = e.perExample()[i].length;
            if (e.key().kind().isRagged()) {
                assertEquals(e.length(i), c.length(i - range.from()), what + " length of example " + i);
                assertEquals(pos / per, c.offset(i - range.from()), what + " offset of example " + i);
            }
            assertArrayEquals(e.perExample()[i], Arrays.copyOfRange(flat, pos, pos + len), what + " example " + i);
            pos += len;
        }
        assertEquals(flat.length, pos, what + ": extra values");
    }
}
