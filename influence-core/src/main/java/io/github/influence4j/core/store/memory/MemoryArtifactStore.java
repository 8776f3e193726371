package io.github.influence4j.core.store.memory;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.internal.NonFiniteCheck;
import io.github.influence4j.core.store.internal.ReadChecks;
import io.github.influence4j.core.store.internal.WriteChecks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A store held in memory: the same interface and the same checks as the file store, for tests and
 * small runs. Create it with {@link MemoryStores#create(StoreSpec)}.
 *
 * @implNote Dense artifacts are one {@code [N, ...]} array each; ragged ones keep one array per
 *     example and concatenate on read. Writes are synchronized; reads see only committed state.
 */
final class MemoryArtifactStore implements TrainingArtifactStore, ArtifactWriter {
    private static final String STATIC = "";

    private final StoreSpec spec;
    private final NonFinitePolicy nonFinitePolicy;
    /** Committed data: checkpoint id ("" = static) to key to entry. */
    private final Map<String, Map<ArtifactKey, Entry>> committed = new HashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    /** Pending data since the last commit. */
    private final Map<String, Map<ArtifactKey, Entry>> pending = new LinkedHashMap<>();
    private final Map<ArtifactKey, Map<String, String>> pendingAttributes = new HashMap<>();
    private Optional<Checkpoint> open = Optional.empty();
    private boolean closed;

    MemoryArtifactStore(StoreSpec spec, NonFinitePolicy nonFinitePolicy) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.nonFinitePolicy = Objects.requireNonNull(nonFinitePolicy, "nonFinitePolicy");
        committed.put(STATIC, new TreeMap<>());
    }

    private static final class Entry {
        ArtifactInfo info;
        final BitSet covered = new BitSet();
        /** Where a continuing write starts (see WriteChecks.checkOrder). */
        int cursor;
        INDArray dense;
        INDArray[] rows;

        Entry(ArtifactInfo info, int n) {
            this.info = info;
            if (info.isRagged()) {
                rows = new INDArray[n];
            } else {
                long[] shape = new long[info.exampleShape().size() + 1];
                shape[0] = n;
                long[] es = info.shape();
                System.arraycopy(es, 0, shape, 1, es.length);
                dense = Nd4j.create(info.dataType(), shape);
            }
        }
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
        Map<ArtifactKey, Entry> m = committed.get(checkpointId);
        if (m == null || checkpointId.isEmpty()) {
            throw ReadChecks.noSuchCheckpoint(spec, checkpointId, checkpoints);
        }
        return infos(m);
    }

    private static Map<ArtifactKey, ArtifactInfo> infos(Map<ArtifactKey, Entry> m) {
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
        Entry e;
        synchronized (this) {
            checkOpen();
            Map<ArtifactKey, Entry> m = committed.get(cp);
            if (m == null) {
                throw ReadChecks.noSuchCheckpoint(spec, cp, checkpoints);
            }
            e = m.get(key);
            if (e == null) {
                throw ReadChecks.missingArtifact(spec, key, cp, m.keySet());
            }
        }
        ReadChecks.checkRange(spec, range);
        ArtifactChunk chunk;
        if (e.info.isRagged()) {
            long[] offsets = new long[range.size() + 1];
            List<INDArray> parts = new ArrayList<>();
            for (int i = 0; i < range.size(); i++) {
                INDArray r = e.rows[range.from() + i];
                long len = r.isEmpty() ? 0 : r.size(0);
                offsets[i + 1] = offsets[i] + len;
                if (len > 0) {
                    parts.add(r);
                }
            }
            INDArray values;
            if (parts.isEmpty()) {
                long[] shape = new long[e.info.exampleShape().size() + 1];
                System.arraycopy(e.info.shape(), 0, shape, 1, shape.length - 1);
                values = Nd4j.create(e.info.dataType(), shape);
            } else {
                values = parts.size() == 1 ? parts.get(0).dup() : Nd4j.concat(0, parts.toArray(new INDArray[0]));
            }
            chunk = ArtifactChunk.ragged(e.info, range, values, offsets);
        } else {
            INDArrayIndex[] idx = new INDArrayIndex[e.dense.rank()];
            idx[0] = NDArrayIndex.interval(range.from(), range.to());
            for (int d = 1; d < idx.length; d++) {
                idx[d] = NDArrayIndex.all();
            }
            chunk = ArtifactChunk.dense(e.info, range, e.dense.get(idx).dup());
        }
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

    // ---------------------------------------------------------------- writer

    @Override
    public synchronized List<Checkpoint> committedCheckpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public synchronized void beginCheckpoint(Checkpoint checkpoint) {
        checkOpen();
        if (open.isPresent()) {
            throw WriteChecks.alreadyOpen(spec, open.get(), checkpoint);
        }
        if (committed.containsKey(checkpoint.id())) {
            throw WriteChecks.duplicateCheckpoint(spec, checkpoint);
        }
        open = Optional.of(checkpoint);
        pending.put(checkpoint.id(), new TreeMap<>());
    }

    @Override
    public synchronized void setAttributes(ArtifactKey key, Map<String, String> attributes) {
        pendingAttributes.put(key, Map.copyOf(attributes));
        Entry e = pendingFor(key).get(key);
        if (e != null) {
            e.info = new ArtifactInfo(key, e.info.dataType(), e.info.exampleShape(), attributes);
        }
    }

    private Map<ArtifactKey, Entry> pendingFor(ArtifactKey key) {
        String cp = key.kind().isStatic() ? STATIC : open.map(Checkpoint::id).orElse(STATIC);
        return pending.computeIfAbsent(cp, x -> new TreeMap<>());
    }

    @Override
    public synchronized void write(ArtifactKey key, int from, INDArray values) {
        checkOpen();
        int n = values.rank() == 0 ? -1 : (int) values.size(0);
        Entry e = entry(key, from, Math.max(n, 0), values, false);
        INDArrayIndex[] idx = new INDArrayIndex[e.dense.rank()];
        idx[0] = NDArrayIndex.interval(from, from + n);
        for (int d = 1; d < idx.length; d++) {
            idx[d] = NDArrayIndex.all();
        }
        e.dense.put(idx, values);
        e.covered.set(from, from + n);
    }

    @Override
    public synchronized void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
        checkOpen();
        long[] offsets = WriteChecks.checkRagged(spec, key, values, lengths);
        Entry e = entry(key, from, lengths.length, values, true);
        for (int i = 0; i < lengths.length; i++) {
            INDArray r;
            if (lengths[i] == 0) {
                long[] shape = new long[e.info.exampleShape().size() + 1];
                System.arraycopy(e.info.shape(), 0, shape, 1, shape.length - 1);
                r = Nd4j.create(e.info.dataType(), shape);
            } else if (values.rank() == 1) {
                r = values.get(NDArrayIndex.interval(offsets[i], offsets[i + 1])).dup();
            } else {
                r = values.get(NDArrayIndex.interval(offsets[i], offsets[i + 1]), NDArrayIndex.all()).dup();
            }
            e.rows[from + i] = r;
        }
        e.covered.set(from, from + lengths.length);
    }

    private Entry entry(ArtifactKey key, int from, int count, INDArray values, boolean ragged) {
        Map<ArtifactKey, Entry> m = pendingFor(key);
        Entry existing = m.get(key);
        if (existing == null && key.kind().isStatic() && committed.get(STATIC).containsKey(key)) {
            throw WriteChecks.staticAlreadyCommitted(spec, key);
        }
        ArtifactInfo info = WriteChecks.checkWrite(spec, open, key, from, count, values, ragged,
                Optional.ofNullable(existing).map(x -> x.info), pendingAttributes.getOrDefault(key, Map.of()));
        WriteChecks.checkOrder(spec, key, existing == null ? 0 : existing.cursor, from);
        if (existing == null) {
            existing = new Entry(info, spec.numExamples());
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
    public synchronized boolean isComplete(ArtifactKey key, ExampleRange range) {
        Entry e = pendingFor(key).get(key);
        if (e == null) {
            String cp = key.kind().isStatic() ? STATIC : open.map(Checkpoint::id).orElse(STATIC);
            Map<ArtifactKey, Entry> c = committed.get(cp);
            return c != null && c.containsKey(key);
        }
        int clear = e.covered.nextClearBit(range.from());
        return clear >= range.to();
    }

    @Override
    public synchronized void commit() {
        checkOpen();
        for (Map.Entry<String, Map<ArtifactKey, Entry>> p : pending.entrySet()) {
            String where = ReadChecks.where(p.getKey());
            p.getValue().forEach((k, e) -> WriteChecks.checkCoverage(spec, k, where, e.covered));
        }
        Map<ArtifactKey, Entry> st = pending.remove(STATIC);
        if (st != null) {
            committed.get(STATIC).putAll(st);
        }
        if (open.isPresent()) {
            Checkpoint c = open.get();
            committed.put(c.id(), pending.remove(c.id()));
            checkpoints.add(c);
            open = Optional.empty();
        }
        pending.clear();
        pendingAttributes.clear();
    }

    @Override
    public TrainingArtifactStore store() {
        return this;
    }

    @Override
    public synchronized void close() {
        // The memory store stays readable after its writer view is closed: only a pending checkpoint is dropped.
        pending.clear();
        open = Optional.empty();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store '" + spec.storeId() + "' is closed");
        }
    }
}
