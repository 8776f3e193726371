// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.memory;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.internal.StaticArtifactWriter;
import io.github.influence4j.core.store.internal.CheckpointHandle;
import io.github.influence4j.core.store.internal.NonFiniteCheck;
import io.github.influence4j.core.store.internal.ReadChecks;
import io.github.influence4j.core.store.internal.WriteChecks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A store held in memory: the same interface and the same checks as the file store, for tests and
 * small runs. Create it with {@link MemoryStores#create(StoreSpec)}.
 *
 * @implNote Dense artifacts are one {@code [N, ...]} array each; ragged ones keep one array per
 *     example and concatenate on read ({@link MemoryArtifact}). Writes are synchronized; reads see
 *     only committed state. A checkpoint closed without a commit is dropped: beginning it again
 *     starts it over.
 */
final class MemoryArtifactStore extends StaticArtifactWriter implements TrainingArtifactStore {
    private static final String STATIC = "";

    private final StoreSpec spec;
    private final NonFinitePolicy nonFinitePolicy;
    /** Committed data: checkpoint id ("" = static) to key to entry. */
    private final Map<String, Map<ArtifactKey, MemoryArtifact>> committed = new HashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    /** Pending data since the last commit. */
    private final Map<String, Map<ArtifactKey, MemoryArtifact>> pending = new LinkedHashMap<>();
    private final Map<ArtifactKey, Map<String, String>> pendingAttributes = new HashMap<>();
    private final Writes writes = new Writes();
    private boolean closed;

    MemoryArtifactStore(StoreSpec spec, NonFinitePolicy nonFinitePolicy) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.nonFinitePolicy = Objects.requireNonNull(nonFinitePolicy, "nonFinitePolicy");
        committed.put(STATIC, new TreeMap<>());
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    @Override
    public synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public synchronized Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
        return infos(committed.get(STATIC));
    }

    @Override
    public synchronized Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
        Map<ArtifactKey, MemoryArtifact> m = committed.get(checkpointId);
        if (m == null || checkpointId.isEmpty()) {
            throw ReadChecks.noSuchCheckpoint(spec, checkpointId, checkpoints);
        }
        return infos(m);
    }

    private static Map<ArtifactKey, ArtifactInfo> infos(Map<ArtifactKey, MemoryArtifact> m) {
        TreeMap<ArtifactKey, ArtifactInfo> out = new TreeMap<>();
        m.forEach((k, e) -> out.put(k, e.info));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
        return readCommitted(STATIC, key, range);
    }

    @Override
    public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
        ReadChecks.checkNotEmptyId(spec, checkpointId, key);
        return readCommitted(checkpointId, key, range);
    }

    private ArtifactChunk readCommitted(String cp, ArtifactKey key, ExampleRange range) {
        MemoryArtifact e;
        synchronized (this) {
            checkWritable();
            Map<ArtifactKey, MemoryArtifact> m = committed.get(cp);
            if (m == null) {
                throw ReadChecks.noSuchCheckpoint(spec, cp, checkpoints);
            }
            e = m.get(key);
            if (e == null) {
                throw ReadChecks.missingArtifact(spec, key, cp, m.keySet());
            }
        }
        ReadChecks.checkRange(spec, range);
        ArtifactChunk chunk = e.read(range);
        if (nonFinitePolicy == NonFinitePolicy.FAIL) {
            try {
                NonFiniteCheck.check(spec.storeId(), cp, chunk);
            } catch (RuntimeException ex) {
                chunk.close();
                throw ex;
            }
        }
        return chunk;
    }

    @Override
    public synchronized String manifestHash() {
        StringBuilder sb = new StringBuilder(spec.toString());
        for (Checkpoint c : checkpoints) {
            sb.append('|').append(c);
        }
        committed.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> en.getValue().forEach((k, e) -> sb.append('|').append(en.getKey()).append(':').append(e.info)));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return "memory:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    // ---------------------------------------------------------------- the writer: static artifacts

    @Override
    public synchronized List<Checkpoint> committedCheckpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public synchronized CheckpointWriter beginCheckpoint(Checkpoint checkpoint) {
        checkWritable();
        if (open.isPresent()) {
            throw WriteChecks.alreadyOpen(spec, open.get().checkpoint(), checkpoint);
        }
        if (committed.containsKey(checkpoint.id())) {
            throw WriteChecks.duplicateCheckpoint(spec, checkpoint);
        }
        CheckpointHandle h = new CheckpointHandle(this, spec, checkpoint, writes);
        open = Optional.of(h);
        pending.put(checkpoint.id(), new TreeMap<>());
        return h;
    }

    @Override
    protected CheckpointHandle.Operations operations() {
        return writes;
    }

    @Override
    public TrainingArtifactStore store() {
        return this;
    }

    @Override
    public synchronized void close() {
        // The memory store stays readable after its writer view is closed: only what is pending is dropped.
        pending.clear();
        open = Optional.empty();
    }

    // ---------------------------------------------------------------- writes, under the store's lock

    /**
     * The store's writes, past the scope checks: the writer calls them for static artifacts, the
     * open checkpoint's {@link CheckpointHandle} for its own.
     */
    private final class Writes implements CheckpointHandle.Operations {
        @Override
        public void checkOpen(CheckpointHandle handle) {
            MemoryArtifactStore.this.checkWritable();
            if (open.orElse(null) != handle) { // the writer was closed, dropping the checkpoint
                throw WriteChecks.checkpointEnded(spec, handle.checkpoint(), false);
            }
        }

        @Override
        public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
            pendingAttributes.put(key, Map.copyOf(attributes));
            MemoryArtifact e = pendingFor(key).get(key);
            if (e != null) {
                e.info = e.info.withAttributes(attributes);
            }
        }

        @Override
        public void write(ArtifactKey key, int from, INDArray values) {
            int n = values.rank() == 0 ? -1 : (int) values.size(0);
            MemoryArtifact e = entry(key, from, Math.max(n, 0), values, false);
            e.putDense(from, n, values);
        }

        @Override
        public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
            long[] offsets = WriteChecks.checkRagged(spec, key, values, lengths);
            MemoryArtifact e = entry(key, from, lengths.length, values, true);
            e.putRagged(from, values, offsets);
        }

        @Override
        public boolean isComplete(ArtifactKey key, ExampleRange range) {
            MemoryArtifact e = pendingFor(key).get(key);
            if (e == null) {
                String cp = key.kind().isStatic() ? STATIC : openCheckpoint().map(Checkpoint::id).orElse(STATIC);
                Map<ArtifactKey, MemoryArtifact> c = committed.get(cp);
                return c != null && c.containsKey(key);
            }
            int clear = e.covered.nextClearBit(range.from());
            return clear >= range.to();
        }

        @Override
        public void commit() {
            for (Map.Entry<String, Map<ArtifactKey, MemoryArtifact>> p : pending.entrySet()) {
                String where = ReadChecks.where(p.getKey());
                p.getValue().forEach((k, e) -> WriteChecks.checkCoverage(spec, k, where, e.covered));
            }
            Map<ArtifactKey, MemoryArtifact> st = pending.remove(STATIC);
            if (st != null) {
                committed.get(STATIC).putAll(st);
            }
            if (open.isPresent()) {
                Checkpoint c = open.get().checkpoint();
                committed.put(c.id(), pending.remove(c.id()));
                checkpoints.add(c);
                open = Optional.empty();
            }
            pending.clear();
            pendingAttributes.clear();
        }

        @Override
        public void abandon(CheckpointHandle handle) {
            if (open.orElse(null) != handle) {
                return;
            }
            pending.remove(handle.checkpoint().id());
            pendingAttributes.keySet().removeIf(k -> !k.kind().isStatic());
            open = Optional.empty();
        }
    }

    // ---------------------------------------------------------------- internals

    private Map<ArtifactKey, MemoryArtifact> pendingFor(ArtifactKey key) {
        String cp = key.kind().isStatic() ? STATIC : openCheckpoint().map(Checkpoint::id).orElse(STATIC);
        return pending.computeIfAbsent(cp, x -> new TreeMap<>());
    }

    private MemoryArtifact entry(ArtifactKey key, int from, int count, INDArray values, boolean ragged) {
        Map<ArtifactKey, MemoryArtifact> m = pendingFor(key);
        MemoryArtifact existing = m.get(key);
        if (existing == null && key.kind().isStatic() && committed.get(STATIC).containsKey(key)) {
            throw WriteChecks.staticAlreadyCommitted(spec, key);
        }
        ArtifactInfo info = WriteChecks.checkWrite(spec, key, from, count, values, ragged,
                Optional.ofNullable(existing).map(x -> x.info), pendingAttributes.getOrDefault(key, Map.of()));
        WriteChecks.checkOrder(spec, key, existing == null ? 0 : existing.cursor, from);
        if (existing == null) {
            existing = new MemoryArtifact(info, spec.numExamples());
            m.put(key, existing);
        }
        if (from != existing.cursor && existing.cursor % spec.chunkSize() != 0 && existing.cursor < spec.numExamples()) {
            // a restart at a chunk boundary discards the incomplete chunk, as the file store does
            existing.covered.clear(existing.cursor - existing.cursor % spec.chunkSize(), existing.cursor);
        }
        existing.cursor = from + count;
        return existing;
    }

    @Override
    protected void checkWritable() {
        if (closed) {
            throw new IllegalStateException("store '" + spec.storeId() + "' is closed");
        }
    }
}
