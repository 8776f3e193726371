// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.exception.StoreNotFoundException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredCheckpoint;
import io.github.influence4j.core.store.file.StoreVerification.FileResult;
import io.github.influence4j.core.store.internal.ReadChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The read side of the file store: a snapshot of the committed manifest plus chunk reads that
 * verify every file (docs/DESIGN.md section 2.5). Thread-safe: the manifest is an immutable value
 * replaced at each commit, and every read opens, reads and closes its files.
 */
final class FileStoreReader implements TrainingArtifactStore {
    private final Path root;
    private final NonFinitePolicy policy;
    private volatile Manifest manifest;
    private volatile String manifestHash;
    private volatile boolean closed;
    private final ChunkPool buffers;
    private final DoubleReader doubles;

    private FileStoreReader(Path root, NonFinitePolicy policy, ChunkVerification verification, Manifest manifest,
            String manifestHash) {
        this.root = root;
        this.buffers = new ChunkPool(verification);
        this.doubles = new DoubleReader(buffers);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.manifest = manifest;
        this.manifestHash = manifestHash;
    }

    /**
     * @param root the store directory
     * @param policy what reads do with NaN or infinity
     * @param verification how often chunk hashes are checked
     * @return a reader of the committed state
     */
    static FileStoreReader open(Path root, NonFinitePolicy policy, ChunkVerification verification) {
        byte[] bytes = readManifest(root);
        Manifest m = ManifestCodec.decode(bytes, root.resolve(StoreFiles.MANIFEST).toString());
        return new FileStoreReader(root, policy, verification, m, hashOf(bytes));
    }

    /**
     * @param root the store directory
     * @param policy what reads do with NaN or infinity
     * @param m a manifest just written
     * @param bytes its bytes
     * @return a reader of it
     */
    static FileStoreReader of(Path root, NonFinitePolicy policy, Manifest m, byte[] bytes) {
        return new FileStoreReader(root, policy, ChunkVerification.EVERY_READ, m, hashOf(bytes));
    }

    /**
     * @param root the store directory
     * @return the manifest's bytes
     * @throws StoreNotFoundException if there is none
     */
    static byte[] readManifest(Path root) {
        Path file = root.resolve(StoreFiles.MANIFEST);
        try {
            return StoreDirectory.readMetadata(file);
        } catch (NoSuchFileException e) {
            throw new StoreNotFoundException("no influence4j store at " + root.toAbsolutePath() + ": "
                    + StoreFiles.MANIFEST + " does not exist there" + (Files.isDirectory(root) ? ""
                    : " (nor does the directory)") + ". Check the path, or create a store with"
                    + " ArtifactStores.create(dir, spec).", e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e + "; check permissions", e);
        }
    }

    /**
     * @param manifestBytes the manifest's bytes
     * @return the provenance hash, {@code sha256:<hex>}
     */
    static String hashOf(byte[] manifestBytes) {
        var md = StoreFiles.sha256();
        md.update(manifestBytes);
        return "sha256:" + StoreFiles.hex(md);
    }

    /**
     * Publishes a newly committed manifest.
     *
     * @param m the manifest
     * @param bytes its bytes as written
     */
    void publish(Manifest m, byte[] bytes) {
        this.manifestHash = hashOf(bytes);
        this.manifest = m;
    }

    /** @return the committed manifest */
    Manifest manifest() {
        return manifest;
    }

    /** @return the store directory */
    Path root() {
        return root;
    }

    @Override
    public StoreSpec spec() {
        return manifest.spec();
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return manifest.checkpoints().stream().map(StoredCheckpoint::checkpoint).toList();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
        return infos(manifest.statics());
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
        Manifest m = manifest;
        return infos(m.checkpoint(checkpointId)
                .orElseThrow(() -> ReadChecks.noSuchCheckpoint(m.spec(), checkpointId, checkpoints())).artifacts());
    }

    private static Map<ArtifactKey, ArtifactInfo> infos(Map<ArtifactKey, StoredArtifact> m) {
        TreeMap<ArtifactKey, ArtifactInfo> out = new TreeMap<>();
        m.forEach((k, a) -> out.put(k, a.info()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
        Manifest m = manifest;
        return read(m, "", m.statics(), key, range);
    }

    @Override
    public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
        Manifest m = manifest;
        ReadChecks.checkNotEmptyId(m.spec(), checkpointId, key);
        StoredCheckpoint c = m.checkpoint(checkpointId)
                .orElseThrow(() -> ReadChecks.noSuchCheckpoint(m.spec(), checkpointId, checkpoints()));
        return read(m, checkpointId, c.artifacts(), key, range);
    }

    private ArtifactChunk read(Manifest m, String cp, Map<ArtifactKey, StoredArtifact> artifacts, ArtifactKey key,
            ExampleRange range) {
        checkOpen();
        StoredArtifact a = artifacts.get(key);
        if (a == null) {
            throw ReadChecks.missingArtifact(m.spec(), key, cp, artifacts.keySet());
        }
        ReadChecks.checkRange(m.spec(), range);
        return RangeReader.read(root, m.spec().storeId(), cp, a, range, buffers,
                policy == NonFinitePolicy.FAIL);
    }

    @Override
    public int readDoubles(String checkpointId, ArtifactKey key, ExampleRange range, double[] into) {
        return fast(checkpointId, key, range, (storeId, a, checkFinite, generic) -> doubles.read(root,
                storeId, checkpointId, a, range, checkFinite, into, generic));
    }

    @Override
    public double[] readRaggedDoubles(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths) {
        return fast(checkpointId, key, range, (storeId, a, checkFinite, generic) -> doubles.readRagged(root,
                storeId, checkpointId, a, range, checkFinite, lengths, generic));
    }

    @Override
    public int readFloats(String checkpointId, ArtifactKey key, ExampleRange range, float[] into) {
        return fast(checkpointId, key, range, (storeId, a, checkFinite, generic) -> doubles.readFloats(root,
                storeId, checkpointId, a, range, checkFinite, into, generic));
    }

    @Override
    public float[] readRaggedFloats(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths,
            float @Nullable [] reuse) {
        return fast(checkpointId, key, range, (storeId, a, checkFinite, generic) ->
                doubles.readRaggedFloats(root, storeId, checkpointId, a, range, checkFinite, lengths, generic,
                        reuse));
    }

    /** One of {@link DoubleReader}'s reads, given what every fast read resolves first. */
    private interface FastRead<R> {
        R read(String storeId, StoredArtifact a, boolean checkFinite, DoubleReader.Generic generic);
    }

    /** Resolves the manifest snapshot, scope and artifact once, with the generic read as the fallback. */
    private <R> R fast(String checkpointId, ArtifactKey key, ExampleRange range, FastRead<R> read) {
        Manifest m = manifest;
        Map<ArtifactKey, StoredArtifact> artifacts = scope(m, checkpointId);
        StoredArtifact a = artifact(m, checkpointId, artifacts, key, range);
        return read.read(m.spec().storeId(), a, policy == NonFinitePolicy.FAIL,
                r -> read(m, checkpointId, artifacts, key, r));
    }

    private Map<ArtifactKey, StoredArtifact> scope(Manifest m, String checkpointId) {
        if (checkpointId.isEmpty()) {
            return m.statics();
        }
        return m.checkpoint(checkpointId)
                .orElseThrow(() -> ReadChecks.noSuchCheckpoint(m.spec(), checkpointId, checkpoints())).artifacts();
    }

    private StoredArtifact artifact(Manifest m, String checkpointId, Map<ArtifactKey, StoredArtifact> artifacts,
            ArtifactKey key, ExampleRange range) {
        checkOpen();
        StoredArtifact a = artifacts.get(key);
        if (a == null) {
            throw ReadChecks.missingArtifact(m.spec(), key, checkpointId, artifacts.keySet());
        }
        ReadChecks.checkRange(m.spec(), range);
        return a;
    }

    @Override
    public String manifestHash() {
        return manifestHash;
    }

    /** @return every chunk file checked against the committed manifest */
    StoreVerification verify() {
        return eachArtifact(RangeReader::verify);
    }

    /** @return every chunk file's presence, kind and length checked against the manifest, no byte read */
    StoreVerification checkFiles() {
        return eachArtifact(RangeReader::checkFiles);
    }

    /** Checks the files of one artifact into a list. */
    private interface ArtifactCheck {
        void check(Path root, String storeId, String checkpointId, StoredArtifact a, List<FileResult> out);
    }

    private StoreVerification eachArtifact(ArtifactCheck check) {
        Manifest m = manifest;
        String id = m.spec().storeId();
        List<FileResult> out = new ArrayList<>();
        m.statics().values().forEach(a -> check.check(root, id, "", a, out));
        for (StoredCheckpoint c : m.checkpoints()) {
            c.artifacts().values().forEach(a -> check.check(root, id, c.checkpoint().id(), a, out));
        }
        return new StoreVerification(root, id, out);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store '" + manifest.spec().storeId() + "' at " + root + " is closed");
        }
    }
}
