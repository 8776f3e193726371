// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads the golden fixtures of {@code src/test/resources/golden/tracin} (see the README there)
 * into stores: the artifacts exported by {@code make_golden.py} (per-example torch autograd) and
 * the oracle's outputs.
 */
final class GoldenStores {
    static final String ROOT = "/golden/tracin/";

    /** Which artifacts to put in a store. */
    enum Part {
        /** LAYER_INPUTS / LAYER_OUTPUT_GRADS of hid and fc. */
        FACTORED,
        /** TOKEN_IDS and EMBEDDING_GRADS. */
        EMBEDDING,
        /** PARAM_GRADS of emb, hid and fc. */
        PARAM
    }

    /** Where a store lives. */
    enum Backend {
        MEMORY, FILE
    }

    private GoldenStores() {
    }

    static JsonNode meta() {
        return meta(ROOT);
    }

    static InputStream resource(String path) {
        return resource(ROOT, path);
    }

    static INDArray npy(String path) {
        return npy(ROOT, path);
    }

    /** @return {@code meta.json} of a golden fixture directory under the test resources */
    static JsonNode meta(String root) {
        try (InputStream in = resource(root, "meta.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String root, String path) {
        InputStream in = GoldenStores.class.getResourceAsStream(root + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + root + path);
        }
        return in;
    }

    static INDArray npy(String root, String path) {
        try (InputStream in = resource(root, path)) {
            return Npy.read(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return an oracle output, flattened row-major, as doubles */
    static double[] oracle(String name) {
        INDArray a = npy("oracle/" + name + ".npy");
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    static TrainingArtifactStore store(String split, DataType dtype, int chunkSize, Set<Part> parts) {
        return store(split, dtype, chunkSize, parts, Backend.MEMORY, null);
    }

    static TrainingArtifactStore store(String split, DataType dtype, int chunkSize, Set<Part> parts, Backend backend,
            Path dir) {
        JsonNode meta = meta();
        int n = meta.get(split.equals("train") ? "n_train" : "n_test").asInt();
        StoreSpec spec = new StoreSpec("golden-" + split, n, meta.get("K").asInt(), chunkSize);
        ArtifactWriter w = writer(spec, backend, dir);
        String base = "artifacts/" + split + "/";
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, npy(base + "LABELS.npy").castTo(DataType.INT));
        int[] lengths = lengths(npy(base + "TOKEN_IDS.offsets.npy"));
        if (parts.contains(Part.EMBEDDING)) {
            w.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0, npy(base + "TOKEN_IDS.values.npy").castTo(DataType.INT),
                    lengths);
        }
        int i = 0;
        for (JsonNode c : meta.get("checkpoints")) {
            String id = c.get("id").asText();
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint(id, c.get("step").asLong(), c.get("epoch").asInt(),
                    c.get("lr").asDouble(), meta.get("seed").asLong()))) {
                String cb = base + id + "/";
                if (parts.contains(Part.FACTORED)) {
                    for (String layer : new String[] {"hid", "fc"}) {
                        cw.write(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layer), 0,
                                npy(cb + "LAYER_INPUTS." + layer + ".npy").castTo(dtype));
                        cw.write(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer), 0,
                                npy(cb + "LAYER_OUTPUT_GRADS." + layer + ".npy").castTo(dtype));
                    }
                }
                if (parts.contains(Part.EMBEDDING)) {
                    cw.writeRagged(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), 0,
                            npy(cb + "EMBEDDING_GRADS.values.npy").castTo(dtype), lengths);
                }
                if (parts.contains(Part.PARAM)) {
                    for (String group : new String[] {"emb", "hid", "fc"}) {
                        cw.write(ArtifactKey.of(ArtifactKind.PARAM_GRADS, group), 0,
                                npy(cb + "PARAM_GRADS." + group + ".npy").castTo(dtype));
                    }
                }
                cw.commit();
            }
            i++;
        }
        if (i == 0) {
            w.commit();
        }
        return w.store();
    }

    static ArtifactWriter writer(StoreSpec spec, Backend backend, Path dir) {
        return backend == Backend.MEMORY ? MemoryStores.create(spec)
                : ArtifactStores.create(dir.resolve(spec.storeId() + "-" + System.nanoTime()), spec);
    }

    static int[] lengths(INDArray offsets) {
        long[] off = offsets.castTo(DataType.LONG).toLongVector();
        int[] len = new int[off.length - 1];
        for (int i = 0; i < len.length; i++) {
            len[i] = (int) (off[i + 1] - off[i]);
        }
        return len;
    }

    static Set<Part> parts(Part... p) {
        return p.length == 0 ? EnumSet.noneOf(Part.class) : EnumSet.of(p[0], p);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("tracin-golden");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
