// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The snapshot file of {@link StreamingScores}: one binary file, replaced atomically, holding the
 * spec, the checkpoints scored, and per score its options, the checkpoints it took, its provenance
 * extras and its state arrays, followed by a CRC32C of everything before it.
 *
 * <pre>
 * "influence4j-streaming" (UTF), version 1 (int), storeId (UTF), N (int), K (int)
 * checkpoints: count, then per checkpoint id (UTF), step (long), epoch (int), learning rate (double), seed (long)
 * scores: count, then per score name (UTF), options (count, key, value), fed ids (count, UTF...),
 *         extras (count, key, value), state count (int), arrays (count, length, big-endian float64...)
 * CRC32C of the bytes above (long)
 * </pre>
 */
final class StreamingSnapshot {
    static final String MAGIC = "influence4j-streaming";
    static final int VERSION = 1;

    private StreamingSnapshot() {
    }

    static void write(Path file, StoreSpec spec, Map<String, StreamedScore> scores, List<Checkpoint> checkpoints) {
        try {
            AtomicFiles.write(file, raw -> {
                CRC32C crc = new CRC32C();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc),
                        1 << 16));
                writeBody(out, spec, scores, checkpoints);
                out.flush();
                new DataOutputStream(raw).writeLong(crc.getValue());
            });
        } catch (IOException e) {
            throw new StoreException("streaming: cannot write the snapshot " + file + ": " + e.getMessage()
                    + "; the scores in memory are intact, check the directory's space and permissions", e);
        }
    }

    private static void writeBody(DataOutputStream out, StoreSpec spec, Map<String, StreamedScore> scores,
            List<Checkpoint> checkpoints) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(spec.storeId());
        out.writeInt(spec.numExamples());
        out.writeInt(spec.numClasses());
        out.writeInt(checkpoints.size());
        for (Checkpoint c : checkpoints) {
            out.writeUTF(c.id());
            out.writeLong(c.step());
            out.writeInt(c.epoch());
            out.writeDouble(c.learningRate());
            out.writeLong(c.seed());
        }
        out.writeInt(scores.size());
        for (StreamedScore s : scores.values()) {
            out.writeUTF(s.name);
            writeMap(out, s.options);
            out.writeInt(s.fed.size());
            for (String id : s.fed) {
                out.writeUTF(id);
            }
            writeMap(out, s.extras);
            out.writeInt(s.reduction.count);
            List<double[]> arrays = s.reduction.arrays();
            out.writeInt(arrays.size());
            for (double[] a : arrays) {
                out.writeInt(a.length);
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
        }
    }

    static void read(Path file, StoreSpec spec, Map<String, StreamedScore> scores, List<Checkpoint> checkpoints) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("streaming: cannot read the snapshot " + file + ": " + e.getMessage(), e);
        }
        if (all.length < 8) {
            throw corrupt(file, "it has " + all.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw corrupt(file, "its CRC32C does not match its content");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw corrupt(file, "it is not a version-" + VERSION + " influence4j streaming snapshot");
            }
            String id = in.readUTF();
            int n = in.readInt();
            int k = in.readInt();
            if (!id.equals(spec.storeId()) || n != spec.numExamples() || k != spec.numClasses()) {
                throw new ConfigurationException("streaming: the snapshot " + file + " was written for store '" + id
                        + "' with " + n + " examples and " + k + " classes, not '" + spec.storeId() + "' with "
                        + spec.numExamples() + " and " + spec.numClasses() + "; use another snapshot file or delete it");
            }
            int nc = in.readInt();
            List<Checkpoint> cs = new ArrayList<>();
            for (int i = 0; i < nc; i++) {
                cs.add(new Checkpoint(in.readUTF(), in.readLong(), in.readInt(), in.readDouble(), in.readLong()));
            }
            int ns = in.readInt();
            List<String> names = new ArrayList<>();
            Map<String, Map<String, String>> given = new TreeMap<>();
            scores.forEach((name, s) -> given.put(name, s.options));
            Map<String, Map<String, String>> found = new TreeMap<>();
            List<Runnable> restores = new ArrayList<>();
            for (int i = 0; i < ns; i++) {
                String name = in.readUTF();
                names.add(name);
                Map<String, String> options = readMap(in);
                found.put(name, options);
                int nf = in.readInt();
                List<String> fed = new ArrayList<>();
                for (int j = 0; j < nf; j++) {
                    fed.add(in.readUTF());
                }
                Map<String, String> extras = readMap(in);
                int count = in.readInt();
                int na = in.readInt();
                List<double[]> arrays = new ArrayList<>();
                for (int j = 0; j < na; j++) {
                    double[] a = new double[in.readInt()];
                    byte[] raw = new byte[8 * a.length];
                    in.readFully(raw);
                    ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().get(a);
                    arrays.add(a);
                }
                StreamedScore s = scores.get(name);
                if (s != null) {
                    restores.add(() -> {
                        s.reduction.restore(arrays, count);
                        s.fed.addAll(fed);
                        s.extras.putAll(extras);
                    });
                }
            }
            if (!given.equals(found)) {
                throw new ConfigurationException("streaming: the snapshot " + file + " holds the scores " + found
                        + " but these streaming scores are " + given + "; stream the same scores and options to resume,"
                        + " or use another snapshot file");
            }
            restores.forEach(Runnable::run);
            checkpoints.addAll(cs);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, e.toString());
        }
    }

    private static CorruptStoreException corrupt(Path file, String what) {
        return new CorruptStoreException("streaming: the snapshot " + file + " is unreadable (" + what + "); delete it to"
                + " start the scores again from the first checkpoint");
    }

    private static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), in.readUTF());
        }
        return m;
    }
}
