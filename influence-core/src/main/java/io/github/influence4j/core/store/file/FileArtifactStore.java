// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredCheckpoint;
import io.github.influence4j.core.store.internal.StaticArtifactWriter;
import io.github.influence4j.core.store.internal.CheckpointHandle;
import io.github.influence4j.core.store.internal.ReadChecks;
import io.github.influence4j.core.store.internal.WriteChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store (docs/DESIGN.md sections 2.5 and 2.6): {@code manifest.json} plus {@code .npy} chunk files that
 * numpy opens without our code. Create it with {@link ArtifactStores#create}, continue an
 * interrupted capture with {@link ArtifactStores#resume}, read it with {@link ArtifactStores#open}.
 *
 * @implNote Crash safety: every chunk file is written under a temporary name, forced and moved
 *     into place atomically as soon as its chunk is full; the chunks of the capture in progress are
 *     listed in a small journal ({@code pending.json} of the scope, replaced atomically after each
 *     write call that completed a chunk); {@code commit()} replaces {@code manifest.json}
 *     atomically, after all chunks are durable, and only then deletes the journal. A crash at any
 *     moment leaves the last committed manifest, and only what it lists is visible; resuming keeps
 *     the journalled chunks and rewrites the rest. One writer at a time: a writer holds a lock on
 *     {@code writer.lock}, which the OS releases if its process dies. {@link #store()} returns a
 *     read view that stays usable after the writer is closed, like the memory store's. A
 *     checkpoint closed without a commit keeps its journal, so beginning it again, on this writer
 *     or a resumed one, keeps its durable chunks.
 */
final class FileArtifactStore extends StaticArtifactWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FileArtifactStore.class);

    private final FileStoreReader reader;
    private final Path root;
    private final StoreSpec spec;
    private final WriterLock lock;
    private final Map<ArtifactKey, PendingArtifact> pendingStatic;
    private Map<ArtifactKey, PendingArtifact> pendingCheckpoint = new TreeMap<>();
    private final Map<ArtifactKey, Map<String, String>> pendingAttributes = new HashMap<>();
    private final Writes writes = new Writes();
    private final WriteOptions options;
    private boolean closed;

    private FileArtifactStore(FileStoreReader reader, WriterLock lock, WriteOptions options) {
        this.options = options;
        this.reader = reader;
        this.root = reader.root();
        this.spec = reader.spec();
        this.lock = lock;
        this.pendingStatic = CaptureJournal.load(root, reader.manifest(), "", Optional.empty());
        pendingStatic.values().forEach(p -> p.forceEachFile(options.groupCommitBytes() <= 0));
    }

    static ArtifactWriter create(Path dir, StoreSpec spec, WriteOptions options) {
        StoreFiles.createStoreDirectory(dir);
        WriterLock lock = WriterLock.acquire(dir);
        try {
            Manifest m = Manifest.empty(spec);
            byte[] bytes = ManifestCodec.encode(m);
            StoreFiles.writeAtomically(dir.resolve(StoreFiles.MANIFEST), bytes);
            LOG.info("Created store '{}' at {} (N = {}, K = {}, chunk size {})", spec.storeId(), dir,
                    spec.numExamples(), spec.numClasses(), spec.chunkSize());
            return new FileArtifactStore(FileStoreReader.of(dir, NonFinitePolicy.FAIL, m, bytes), lock, options);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    static ArtifactWriter resume(Path dir, WriteOptions options) {
        FileStoreReader r = FileStoreReader.open(dir, NonFinitePolicy.FAIL, ChunkVerification.EVERY_READ);
        WriterLock lock = WriterLock.acquire(dir);
        try {
            StoreDirectory.deleteTemporaryFiles(dir); // of writes a kill interrupted before their rename
            // re-read under the lock: another writer may have committed in between
            FileArtifactStore w = new FileArtifactStore(FileStoreReader.open(dir, NonFinitePolicy.FAIL, ChunkVerification.EVERY_READ), lock,
                    options);
            CaptureJournal.deleteCommitted(dir, w.reader.manifest(), w.pendingStatic);
            CaptureJournal.deleteSuperseded(dir, w.reader.manifest());
            LOG.info("Resumed store '{}' at {}: {} committed checkpoints", r.spec().storeId(), dir,
                    w.reader.checkpoints().size());
            return w;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    // ------------------------------------------------------------------ the writer: static artifacts

    @Override
    public StoreSpec spec() {
        return spec;
    }

    @Override
    public TrainingArtifactStore store() {
        return reader;
    }

    @Override
    public List<Checkpoint> committedCheckpoints() {
        return reader.checkpoints();
    }

    @Override
    public synchronized CheckpointWriter beginCheckpoint(Checkpoint checkpoint) {
        checkWritable();
        if (open.isPresent()) {
            throw WriteChecks.alreadyOpen(spec, open.get().checkpoint(), checkpoint);
        }
        if (reader.manifest().checkpoint(checkpoint.id()).isPresent()) {
            throw WriteChecks.duplicateCheckpoint(spec, checkpoint);
        }
        pendingCheckpoint = CaptureJournal.load(root, reader.manifest(), checkpoint.id(), Optional.of(checkpoint));
        pendingCheckpoint.values().forEach(p -> p.forceEachFile(options.groupCommitBytes() <= 0));
        CheckpointHandle h = new CheckpointHandle(this, spec, checkpoint, writes);
        open = Optional.of(h);
        if (!pendingCheckpoint.isEmpty()) {
            LOG.info("Resuming checkpoint '{}' of store '{}': keeping the durable chunks of {}", checkpoint.id(),
                    spec.storeId(), pendingCheckpoint.keySet());
        }
        return h;
    }

    @Override
    protected CheckpointHandle.Operations operations() {
        return writes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.ifPresent(h -> LOG.info("Closed the writer of store '{}' with checkpoint '{}' uncommitted; its durable"
                + " chunks are kept: ArtifactStores.resume(dir) and beginCheckpoint with the same checkpoint continue"
                + " it", spec.storeId(), h.checkpoint().id()));
        lock.release();
    }

    // ------------------------------------------------------------------ writes, under the store's lock

    /**
     * The store's writes, past the scope checks: the writer calls them for static artifacts, the
     * open checkpoint's {@link CheckpointHandle} for its own.
     */
    private final class Writes implements CheckpointHandle.Operations {
        @Override
        public void checkOpen(CheckpointHandle handle) {
            checkWritable();
        }

        @Override
        public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
            pendingAttributes.put(key, Map.copyOf(attributes));
            PendingArtifact p = scope(key).get(key);
            if (p != null) {
                p.setInfo(p.info().withAttributes(attributes));
                if (p.hasDurableChunks()) {
                    writeJournal(key.kind().isStatic());
                }
            }
        }

        @Override
        public void write(ArtifactKey key, int from, INDArray values) {
            int n = values.rank() == 0 ? -1 : (int) values.size(0);
            PendingArtifact p = pending(key, from, Math.max(n, 0), values, false);
            if (p.appendDense(from, Npy.contiguous(values), n)) {
                chunksWritten(p, key.kind().isStatic());
            }
        }

        @Override
        public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
            long[] offsets = WriteChecks.checkRagged(spec, key, values, lengths);
            PendingArtifact p = pending(key, from, lengths.length, values, true);
            if (p.appendRagged(from, Npy.contiguous(values), offsets)) {
                chunksWritten(p, key.kind().isStatic());
            }
        }

        @Override
        public boolean isComplete(ArtifactKey key, ExampleRange range) {
            if (key.kind().isStatic() && reader.manifest().statics().containsKey(key)) {
                return true;
            }
            PendingArtifact p = scope(key).get(key);
            return p != null && p.isComplete(range);
        }

        @Override
        public void commit() {
            Optional<Checkpoint> cp = openCheckpoint();
            pendingStatic.forEach((k, p) -> WriteChecks.checkCoverage(spec, k, "static artifacts", p.covered()));
            cp.ifPresent(c -> pendingCheckpoint.forEach((k, p) ->
                    WriteChecks.checkCoverage(spec, k, ReadChecks.where(c.id()), p.covered())));
            if (pendingStatic.isEmpty() && cp.isEmpty()) {
                return;
            }
            pendingStatic.values().forEach(p -> p.pack(options.chunkSizeFor(spec, p.info())));
            pendingCheckpoint.values().forEach(p -> p.pack(options.chunkSizeFor(spec, p.info())));
            pendingStatic.values().forEach(PendingArtifact::forceFiles); // and their directories
            pendingCheckpoint.values().forEach(PendingArtifact::forceFiles);
            Manifest old = reader.manifest();
            Map<ArtifactKey, StoredArtifact> statics = new TreeMap<>(old.statics());
            statics.putAll(PendingArtifact.committed(pendingStatic));
            List<StoredCheckpoint> cps = new ArrayList<>(old.checkpoints());
            cp.ifPresent(c -> cps.add(new StoredCheckpoint(c, PendingArtifact.committed(pendingCheckpoint))));
            Manifest m = new Manifest(spec, statics, cps);
            byte[] bytes = ManifestCodec.encode(m);
            StoreFiles.writeAtomically(root.resolve(StoreFiles.MANIFEST), bytes);
            reader.publish(m, bytes);
            if (!pendingStatic.isEmpty()) {
                StoreFiles.deleteIfExists(CaptureJournal.file(root, ""));
            }
            cp.ifPresent(c -> StoreFiles.deleteIfExists(CaptureJournal.file(root, c.id())));
            pendingStatic.values().forEach(PendingArtifact::deleteSuperseded);
            pendingCheckpoint.values().forEach(PendingArtifact::deleteSuperseded);
            LOG.debug("Committed {} to store '{}': static {}, checkpoint artifacts {}",
                    cp.map(c -> "checkpoint '" + c.id() + "'").orElse("static artifacts"), spec.storeId(),
                    pendingStatic.keySet(), pendingCheckpoint.keySet());
            pendingStatic.clear();
            pendingCheckpoint = new TreeMap<>();
            pendingAttributes.clear();
            open = Optional.empty();
        }

        @Override
        public void abandon(CheckpointHandle handle) {
            if (closed || open.orElse(null) != handle) {
                return;
            }
            LOG.info("Closed checkpoint '{}' of store '{}' uncommitted; its durable chunks are kept: beginCheckpoint"
                    + " with the same checkpoint continues it", handle.checkpoint().id(), spec.storeId());
            pendingCheckpoint = new TreeMap<>();
            pendingAttributes.keySet().removeIf(k -> !k.kind().isStatic());
            open = Optional.empty();
        }
    }

    // ------------------------------------------------------------------ internals

    private PendingArtifact pending(ArtifactKey key, int from, int count, INDArray values, boolean ragged) {
        Map<ArtifactKey, PendingArtifact> m = scope(key);
        PendingArtifact existing = m.get(key);
        if (existing == null && key.kind().isStatic() && reader.manifest().statics().containsKey(key)) {
            throw WriteChecks.staticAlreadyCommitted(spec, key);
        }
        boolean half = options.float16().contains(key.kind())
                && (values.dataType() == DataType.FLOAT || values.dataType() == DataType.DOUBLE);
        Optional<ArtifactInfo> before = Optional.ofNullable(existing).map(PendingArtifact::info)
                .map(i -> half && i.dataType() == DataType.HALF ? retyped(i, values.dataType()) : i);
        ArtifactInfo info = WriteChecks.checkWrite(spec, key, from, count, values, ragged, before,
                pendingAttributes.getOrDefault(key, Map.of()));
        if (half) {
            info = retyped(info, DataType.HALF);
        }
        WriteChecks.checkOrder(spec, key, existing == null ? 0 : existing.cursor(), from);
        if (existing == null) {
            existing = new PendingArtifact(spec, StoreFiles.artifactDir(root, scopeId(key), key), info, List.of());
            existing.forceEachFile(options.groupCommitBytes() <= 0);
            m.put(key, existing);
        }
        return existing;
    }

    private static ArtifactInfo retyped(ArtifactInfo i, DataType dt) {
        return new ArtifactInfo(i.key(), dt, i.exampleShape(), i.attributes());
    }

    private Map<ArtifactKey, PendingArtifact> scope(ArtifactKey key) {
        return key.kind().isStatic() ? pendingStatic : pendingCheckpoint;
    }

    private String scopeId(ArtifactKey key) {
        return key.kind().isStatic() ? "" : openCheckpoint().map(Checkpoint::id).orElse("");
    }

    /**
     * After a write call completed chunks: without group commit, the chunk files were forced as
     * they were written; force their directory and the journal. With group commit, replace the
     * journal without forcing (a killed process resumes from it) until the scope's unforced chunk
     * bytes reach the group size, then force the group's files, their directories and the journal.
     */
    private void chunksWritten(PendingArtifact p, boolean isStatic) {
        if (options.groupCommitBytes() <= 0) {
            p.forceDirectory();
            writeJournal(isStatic);
            return;
        }
        Map<ArtifactKey, PendingArtifact> scope = isStatic ? pendingStatic : pendingCheckpoint;
        long unforced = 0;
        for (PendingArtifact a : scope.values()) {
            unforced += a.unforcedBytes();
        }
        if (unforced >= options.groupCommitBytes()) {
            scope.values().forEach(PendingArtifact::forceFiles);
            writeJournal(isStatic);
        } else {
            CaptureJournal.write(root, spec, isStatic ? Optional.empty() : openCheckpoint(), scope, false);
        }
    }

    private void writeJournal(boolean isStatic) {
        CaptureJournal.write(root, spec, isStatic ? Optional.empty() : openCheckpoint(),
                isStatic ? pendingStatic : pendingCheckpoint);
    }

    @Override
    protected void checkWritable() {
        if (closed) {
            throw new IllegalStateException("the writer of store '" + spec.storeId() + "' at " + root + " is closed;"
                    + " ArtifactStores.resume(dir) opens a new one");
        }
    }
}
