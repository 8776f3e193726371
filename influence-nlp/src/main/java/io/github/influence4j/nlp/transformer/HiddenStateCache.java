// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.zip.CRC32C;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hidden states that the frozen lower layers of a {@link BertEncoder} produce for a list of
 * sentence pairs, computed once, so that fine-tuning only the upper layers ({@link BertClassifier#createTop})
 * never runs the frozen layers again: the frozen embeddings and layers {@code 0 .. startLayer-1} are
 * a fixed function of the tokens, so their output is exact to cache (no dropout: the graph is the
 * eval-mode encoder).
 *
 * <pre>{@code
 * HiddenStateCache train = HiddenStateCache.loadOrCompute(dir.resolve("train-4.hsc"), weights, pairs, 4, 64, n -> {});
 * BertClassifier top = BertClassifier.createTop(weights, 4, seed);   // layers 4 and 5 and the head
 * }</pre>
 *
 * <p>The file is little-endian: the magic {@code I4JHSC01}, {@code int} hidden width, start layer,
 * number of pairs, {@code long} fingerprint of the pairs' token ids and types, the pairs' lengths,
 * then every pair's {@code [length, H]} float32 states in pair order, and a CRC32C of everything
 * before it. It is written to a temporary file and moved into place, so a killed computation leaves
 * no partial cache; a cache whose fingerprint, width or layer differs from the request, or whose
 * checksum fails, is recomputed (it is derived data).
 */
public final class HiddenStateCache implements PairInputs {
    private static final byte[] MAGIC = "I4JHSC01".getBytes(StandardCharsets.US_ASCII);

    private final int hidden;
    private final int startLayer;
    private final long fingerprint;
    private final float[][] states;

    private HiddenStateCache(int hidden, int startLayer, long fingerprint, float[][] states) {
        this.hidden = hidden;
        this.startLayer = startLayer;
        this.fingerprint = fingerprint;
        this.states = states;
    }

    /**
     * Runs the frozen embeddings and layers {@code 0 .. startLayer-1} over every pair.
     *
     * @param weights the pretrained encoder
     * @param pairs the encoded pairs
     * @param startLayer the first layer that will be trained, in {@code [1, layers]}
     * @param batchSize pairs per forward pass (sorted by length, so padding is small)
     * @param progress told the number of pairs done after each batch
     * @return the cache
     */
    public static HiddenStateCache compute(BertWeights weights, List<PairEncoding> pairs, int startLayer, int batchSize,
            IntConsumer progress) {
        BertConfig c = weights.config();
        if (startLayer < 1 || startLayer > c.layers()) {
            throw new IllegalArgumentException("startLayer must be in [1, " + c.layers() + "], got " + startLayer);
        }
        SameDiff sd = SameDiff.create();
        BertEncoder.build(sd, weights, c.layers());
        String out = BertEncoder.layerOutput(startLayer - 1);
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> pairs.get(i).length()));
        float[][] states = new float[pairs.size()][];
        int h = c.hidden();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<PairEncoding> bp = new ArrayList<>();
            for (int k = from; k < to; k++) {
                bp.add(pairs.get(order[k]));
            }
            Map<String, INDArray> ph = BertClassifier.placeholders(bp, c);
            int padded = (int) ph.get(BertEncoder.INPUT_IDS).size(1);
            float[] all = sd.output(ph, out).get(out).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data()
                    .asFloat();
            for (int k = from; k < to; k++) {
                int len = pairs.get(order[k]).length();
                states[order[k]] = Arrays.copyOfRange(all, (k - from) * padded * h, ((k - from) * padded + len) * h);
            }
            progress.accept(to);
        }
        return new HiddenStateCache(h, startLayer, fingerprint(pairs), states);
    }

    /**
     * Reads the cache at {@code file} when it was computed for these pairs and layer, else computes it
     * and writes it there.
     *
     * @param file where the cache lives
     * @param weights the pretrained encoder
     * @param pairs the encoded pairs
     * @param startLayer the first layer that will be trained
     * @param batchSize pairs per forward pass
     * @param progress told the number of pairs done
     * @return the cache
     */
    public static HiddenStateCache loadOrCompute(Path file, BertWeights weights, List<PairEncoding> pairs,
            int startLayer, int batchSize, IntConsumer progress) {
        Optional<HiddenStateCache> old = read(file).filter(x -> x.startLayer == startLayer
                && x.hidden == weights.config().hidden() && x.fingerprint == fingerprint(pairs));
        if (old.isPresent()) {
            progress.accept(pairs.size());
            return old.get();
        }
        HiddenStateCache c = compute(weights, pairs, startLayer, batchSize, progress);
        c.write(file);
        return c;
    }

    /**
     * @param file a cache file
     * @return its content, or empty where the file is missing, truncated, or fails its checksum
     */
    public static Optional<HiddenStateCache> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int head = MAGIC.length + 12 + 8;
            if (size < head + 8) {
                return Optional.empty();
            }
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(Math.min(size, Integer.MAX_VALUE - 8)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (size > all.capacity()) {
                return Optional.empty();
            }
            while (all.hasRemaining() && ch.read(all) >= 0) {
                // read fully
            }
            all.flip();
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return Optional.empty();
            }
            CRC32C crc = new CRC32C();
            crc.update(all.array(), 0, (int) size - 8);
            if (crc.getValue() != all.getLong((int) size - 8)) {
                return Optional.empty();
            }
            int h = all.getInt();
            int start = all.getInt();
            int n = all.getInt();
            long fp = all.getLong();
            int[] lengths = new int[n];
            long floats = 0;
            for (int i = 0; i < n; i++) {
                lengths[i] = all.getInt();
                floats += (long) lengths[i] * h;
            }
            if (all.position() + floats * 4 + 8 != size) {
                return Optional.empty();
            }
            FloatBuffer fb = all.asFloatBuffer();
            float[][] states = new float[n][];
            for (int i = 0; i < n; i++) {
                states[i] = new float[lengths[i] * h];
                fb.get(states[i]);
            }
            return Optional.of(new HiddenStateCache(h, start, fp, states));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hidden-state cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the cache atomically (temporary file, fsync, move).
     *
     * @param file the target
     */
    public void write(Path file) {
        long floats = 0;
        for (float[] s : states) {
            floats += s.length;
        }
        long size = MAGIC.length + 12 + 8 + 4L * states.length + 4 * floats + 8;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("hidden-state cache of " + size + " bytes is over 2 GiB; cache fewer pairs");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(hidden).putInt(startLayer).putInt(states.length).putLong(fingerprint);
        for (float[] s : states) {
            b.putInt(s.length / hidden);
        }
        FloatBuffer fb = b.asFloatBuffer();
        for (float[] s : states) {
            fb.put(s);
        }
        b.position(b.position() + 4 * (int) floats);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        b.flip();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write hidden-state cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fingerprint of the pairs' tokens and types (FNV-1a, 64 bit): a cache is reused only for the
     * very pairs it was computed from.
     *
     * @param pairs the pairs
     * @return the fingerprint
     */
    static long fingerprint(List<PairEncoding> pairs) {
        long h = 0xcbf29ce484222325L;
        for (PairEncoding p : pairs) {
            h = (h ^ p.length()) * 0x100000001b3L;
            for (int t = 0; t < p.length(); t++) {
                h = (h ^ (p.ids()[t] * 2L + p.typeIds()[t])) * 0x100000001b3L;
            }
        }
        return h;
    }

    @Override
    public int size() {
        return states.length;
    }

    /** @return the first layer the cache feeds */
    @Override
    public int startLayer() {
        return startLayer;
    }

    @Override
    public int length(int i) {
        return states[i].length / hidden;
    }

    /**
     * The placeholders of a {@link BertClassifier#createTop} graph for a batch, padded with zeros to
     * its longest pair (padded keys are masked; padded rows are not pooled): {@code hidden_input},
     * {@code attention_mask} and the two shape placeholders.
     */
    @Override
    public Map<String, INDArray> placeholders(int[] batch, BertConfig config) {
        if (batch.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int len = 0;
        for (int i : batch) {
            len = Math.max(len, length(i));
        }
        int b = batch.length;
        float[] x = new float[b * len * hidden];
        float[][] mask = new float[b][len];
        for (int k = 0; k < b; k++) {
            float[] s = states[batch[k]];
            System.arraycopy(s, 0, x, k * len * hidden, s.length);
            Arrays.fill(mask[k], 0, s.length / hidden, 1f);
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(BertEncoder.HIDDEN_INPUT, Nd4j.createFromArray(x).reshape('c', (long) b * len, hidden));
        ph.put(BertEncoder.ATTENTION_MASK, Nd4j.createFromArray(mask));
        ph.put(BertEncoder.HEAD_SHAPE, Nd4j.createFromArray(b, len, config.heads(), config.headSize()));
        ph.put(BertEncoder.HIDDEN_SHAPE, Nd4j.createFromArray(b, len, config.hidden()));
        return ph;
    }

    /**
     * @param i a pair
     * @return a copy of its {@code [length * H]} states, row-major
     */
    public float[] states(int i) {
        return states[i].clone();
    }
}
