// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The oracle fixtures of {@code golden/confidence-vog/} (see its README): builds a store from the
 * artifacts written by {@code generate.py} and reads the oracle's scores.
 */
public final class GoldenFixture {
    private static final String ROOT = "/golden/confidence-vog/";
    private static final JsonNode MANIFEST = json("artifacts/manifest.json");

    private GoldenFixture() {
    }

    /** @return N */
    public static int numExamples() {
        return MANIFEST.get("num_examples").asInt();
    }

    /** @return the checkpoint ids, in order */
    public static List<String> checkpointIds() {
        List<String> ids = new ArrayList<>();
        MANIFEST.get("checkpoints").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    /**
     * @param name an oracle output, e.g. {@code "vog_var_classnorm"}
     * @return its values (float64)
     */
    public static double[] oracle(String name) {
        return doubles("oracle_output/" + name + ".npy");
    }

    /**
     * @param path a path under the fixture root, e.g. {@code "extra/pvi_last.npy"}
     * @return its values as float64
     */
    public static double[] doubles(String path) {
        INDArray a = npy(path);
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * Builds a store holding every artifact of the fixture.
     *
     * @param kind memory or file
     * @param dir a temporary directory
     * @param floatType DOUBLE (as generated) or FLOAT (cast, as a float32 capture would store)
     * @param chunkSize the store's chunk size
     * @return the committed store
     */
    public static TrainingArtifactStore store(StoreKind kind, Path dir, DataType floatType, int chunkSize) {
        int n = numExamples();
        StoreSpec spec = new StoreSpec(MANIFEST.get("store_id").asText(), n, MANIFEST.get("num_classes").asInt(), chunkSize);
        ArtifactWriter w = kind.writer(spec, dir);
        writeDense(w, ArtifactKey.of(ArtifactKind.LABELS), npy("artifacts/static/LABELS.npy"), chunkSize);
        writeRagged(w, ArtifactKey.of(ArtifactKind.TOKEN_IDS), npy("artifacts/static/TOKEN_IDS.values.npy"),
                npy("artifacts/static/TOKEN_IDS.offsets.npy"), chunkSize);
        List<String> ragged = new ArrayList<>();
        MANIFEST.get("ragged_kinds").forEach(k -> ragged.add(k.asText()));
        for (JsonNode c : MANIFEST.get("checkpoints")) {
            String id = c.get("id").asText();
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint(id, c.get("step").asLong(), c.get("epoch").asInt(),
                    c.get("lr").asDouble(), c.get("seed").asLong()))) {
                for (JsonNode k : MANIFEST.get("checkpoint_kinds")) {
                    String name = k.asText();
                    String base = "artifacts/checkpoints/" + id + "/" + name;
                    ArtifactKey key = ArtifactKey.parse(name);
                    if (ragged.contains(name)) {
                        writeRagged(cw, key, npy(base + ".values.npy").castTo(floatType), npy(base + ".offsets.npy"), chunkSize);
                    } else {
                        writeDense(cw, key, npy(base + ".npy").castTo(floatType), chunkSize);
                    }
                }
                cw.commit();
            }
        }
        w.commit();
        return kind.reopen(w, dir);
    }

    private static void writeDense(ArtifactSink w, ArtifactKey key, INDArray all, int chunk) {
        long n = all.size(0);
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            INDArray part = all.rank() == 1 ? all.get(NDArrayIndex.interval(from, to))
                    : all.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            w.write(key, (int) from, part.dup('c'));
        }
    }

    private static void writeRagged(ArtifactSink w, ArtifactKey key, INDArray values, INDArray offsetsArray, int chunk) {
        long[] off = offsetsArray.castTo(DataType.LONG).dup().data().asLong();
        int n = off.length - 1;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            int[] lengths = new int[to - from];
            for (int i = from; i < to; i++) {
                lengths[i - from] = (int) (off[i + 1] - off[i]);
            }
            INDArray part = values.rank() == 1 ? values.get(NDArrayIndex.interval(off[from], off[to]))
                    : values.get(NDArrayIndex.interval(off[from], off[to]), NDArrayIndex.all());
            w.writeRagged(key, from, part.dup('c'), lengths);
        }
    }

    private static INDArray npy(String path) {
        try (InputStream in = open(path)) {
            return Npy.read(in, ROOT + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String path) {
        try (InputStream in = open(path)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = GoldenFixture.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + ROOT + path
                    + "; regenerate with golden/confidence-vog/generate.py (see its README)");
        }
        return in;
    }
}
