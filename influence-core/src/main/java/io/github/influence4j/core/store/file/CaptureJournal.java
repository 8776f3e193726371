// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredChunk;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of an uncommitted capture: {@code static/pending.json} or
 * {@code checkpoints/<id>/pending.json}, listing the chunks already durable, so that a resumed
 * capture keeps them (docs/DESIGN.md section 2.6). Replaced atomically; deleted after the commit.
 */
final class CaptureJournal {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureJournal.class);

    private CaptureJournal() {
    }

    /**
     * @param root the store directory
     * @param checkpointId a checkpoint id, or {@code ""} for static artifacts
     * @return the journal's path
     */
    static Path file(Path root, String checkpointId) {
        return StoreFiles.scopeDir(root, checkpointId).resolve(StoreFiles.JOURNAL);
    }

    /**
     * @param root the store directory
     * @param spec the store's spec
     * @param checkpoint the open checkpoint, or empty for static artifacts
     * @param pending the artifacts in progress
     */
    static void write(Path root, StoreSpec spec, Optional<Checkpoint> checkpoint,
            Map<ArtifactKey, PendingArtifact> pending) {
        write(root, spec, checkpoint, pending, true);
    }

    /**
     * @param root the store directory
     * @param spec the store's spec
     * @param checkpoint the open checkpoint, or empty for static artifacts
     * @param pending the artifacts in progress
     * @param force whether to force it (the end of a group) or only replace it (safe against a
     *     killed process; after a machine crash its chunks are checked by checksum on resume)
     */
    static void write(Path root, StoreSpec spec, Optional<Checkpoint> checkpoint,
            Map<ArtifactKey, PendingArtifact> pending, boolean force) {
        byte[] bytes = ManifestCodec.encodeJournal(spec, checkpoint, PendingArtifact.stored(pending));
        StoreFiles.writeAtomically(file(root, checkpoint.map(Checkpoint::id).orElse("")), bytes, new byte[0], 0, force,
                force);
    }

    /**
     * Loads a journal, keeping the chunks whose files are present with the recorded length and
     * checksum: under group commit a journal may list chunks that were not yet forced when the
     * machine crashed, and those are rewritten.
     *
     * @param root the store directory
     * @param committed the committed manifest
     * @param checkpointId a checkpoint id, or {@code ""} for static artifacts
     * @param expected the checkpoint being begun, or empty for static artifacts
     * @return the artifacts in progress, empty if there is no journal
     * @throws ConfigurationException if the journal was begun with other checkpoint metadata
     */
    static Map<ArtifactKey, PendingArtifact> load(Path root, Manifest committed, String checkpointId,
            Optional<Checkpoint> expected) {
        StoreSpec spec = committed.spec();
        Map<ArtifactKey, PendingArtifact> out = new TreeMap<>();
        Path file = file(root, checkpointId);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        byte[] bytes;
        try {
            bytes = StoreDirectory.readMetadata(file);
        } catch (IOException e) {
            throw new StoreException("cannot read the capture journal " + file + ": " + e + "; check permissions", e);
        }
        ManifestCodec.Journal j = ManifestCodec.decodeJournal(bytes, file.toString(), spec, checkpointId);
        if (!j.checkpoint().equals(expected)) {
            throw new ConfigurationException("an uncommitted checkpoint '" + checkpointId + "' was begun in store '"
                    + spec.storeId() + "' as " + j.checkpoint().orElseThrow() + ", but is now begun as "
                    + expected.orElseThrow() + "; resume it with the same step, epoch, learning rate and seed, or"
                    + " delete " + file.getParent() + " to start it over");
        }
        j.artifacts().forEach((k, a) -> {
            if (k.kind().isStatic() && committed.statics().containsKey(k)) {
                return; // committed just before a crash, while the journal was not yet deleted
            }
            Path dir = StoreFiles.artifactDir(root, checkpointId, k);
            List<StoredChunk> kept = a.chunks().stream().filter(c -> present(dir, k, c)).toList();
            out.put(k, new PendingArtifact(spec, dir, a.info(), kept));
        });
        return out;
    }

    /**
     * Deletes the journals that a commit killed after writing the manifest but before deleting them
     * left behind: those of committed checkpoints, and the static one if nothing in it is pending.
     * Call with the writer lock held.
     *
     * @param root the store directory
     * @param committed the committed manifest
     * @param staticPending the static artifacts the static journal still holds uncommitted
     */
    static void deleteCommitted(Path root, Manifest committed, Map<ArtifactKey, PendingArtifact> staticPending) {
        List<Path> stale = new ArrayList<>();
        if (staticPending.isEmpty()) {
            stale.add(file(root, ""));
        }
        committed.checkpoints().forEach(c -> stale.add(file(root, c.checkpoint().id())));
        for (Path p : stale) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                LOG.info("Deleting {}: its capture was committed just before the writer stopped", p);
                StoreFiles.deleteIfExists(p);
            }
        }
    }

    private static boolean present(Path dir, ArtifactKey key, StoredChunk c) {
        for (StoredFile f : c.files()) {
            try {
                long size = Files.size(dir.resolve(f.name()));
                if (size != f.bytes()) {
                    LOG.warn("Chunk {} of {} has {} bytes, the journal records {}: it will have to be rewritten",
                            c.range(), key, size, f.bytes());
                    return false;
                }
                if (f.hasCrc32c() && crc32c(dir.resolve(f.name())) != f.crc32c()) {
                    LOG.warn("Chunk {} of {} does not match the CRC32C the journal records (not forced before a"
                            + " crash?): it will have to be rewritten", c.range(), key);
                    return false;
                }
            } catch (IOException e) {
                LOG.warn("Chunk {} of {} is in the journal but unreadable ({}): it will have to be rewritten",
                        c.range(), key, e.toString());
                return false;
            }
        }
        return true;
    }

    private static long crc32c(Path file) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(1 << 20);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return crc.getValue();
    }

    /**
     * Deletes the store-chunk files of small artifacts that a commit killed after writing the
     * manifest but before deleting them left behind: in the directory of every artifact the manifest
     * lists in larger on-disk chunks, the chunk files it does not list. Call with the writer lock held.
     *
     * @param root the store directory
     * @param committed the committed manifest
     */
    static void deleteSuperseded(Path root, Manifest committed) {
        StoreSpec spec = committed.spec();
        List<Map.Entry<String, Map<ArtifactKey, StoredArtifact>>> scopes = new ArrayList<>();
        scopes.add(Map.entry("", committed.statics()));
        committed.checkpoints().forEach(c -> scopes.add(Map.entry(c.checkpoint().id(), c.artifacts())));
        for (Map.Entry<String, Map<ArtifactKey, StoredArtifact>> scope : scopes) {
            scope.getValue().forEach((k, a) -> {
                if (a.chunkSize() == spec.chunkSize()) {
                    return;
                }
                Path dir = StoreFiles.artifactDir(root, scope.getKey(), k);
                Set<String> listed = new HashSet<>();
                a.chunks().forEach(c -> c.files().forEach(f -> listed.add(f.name())));
                List<Path> stale;
                try (Stream<Path> files = Files.list(dir)) {
                    stale = files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.matches("[0-9]+-[0-9]+\\.npy") && !listed.contains(name);
                    }).toList();
                } catch (IOException | UnsupportedOperationException e) {
                    return; // nothing to clean where the directory cannot be listed; reads do not need it
                }
                if (!stale.isEmpty()) {
                    LOG.info("Deleting {} store-chunk files in {}: a commit that listed them in larger chunks stopped"
                            + " before deleting them", stale.size(), dir);
                    stale.forEach(StoreFiles::deleteUnlisted);
                }
            });
        }
    }
}
