package io.github.influence4j.core.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The committed state of a file store, as recorded in {@code manifest.json} (DESIGN.md section 2).
 * Immutable: a commit builds a new one.
 *
 * @param spec the store's shape
 * @param statics the static artifacts, sorted by key
 * @param checkpoints the committed checkpoints, in commit order
 */
record Manifest(StoreSpec spec, Map<ArtifactKey, StoredArtifact> statics, List<StoredCheckpoint> checkpoints) {
    /** The format version this library writes and reads. */
    static final int FORMAT_VERSION = 1;
    /** The value of the manifest's {@code format} field. */
    static final String FORMAT_NAME = "influence4j-store";

    Manifest {
        Objects.requireNonNull(spec, "spec");
        statics = Collections.unmodifiableMap(new TreeMap<>(statics));
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * @param spec the store's shape
     * @return a manifest with no artifacts and no checkpoints
     */
    static Manifest empty(StoreSpec spec) {
        return new Manifest(spec, Map.of(), List.of());
    }

    /**
     * @param id a checkpoint id
     * @return the committed checkpoint with that id
     */
    Optional<StoredCheckpoint> checkpoint(String id) {
        return checkpoints.stream().filter(c -> c.checkpoint().id().equals(id)).findFirst();
    }

    /**
     * One committed checkpoint and its artifacts.
     *
     * @param checkpoint the metadata
     * @param artifacts the artifacts captured there, sorted by key
     */
    record StoredCheckpoint(Checkpoint checkpoint, Map<ArtifactKey, StoredArtifact> artifacts) {
        StoredCheckpoint {
            Objects.requireNonNull(checkpoint, "checkpoint");
            artifacts = Collections.unmodifiableMap(new TreeMap<>(artifacts));
        }
    }

    /**
     * One artifact and its chunk files.
     *
     * @param info dtype, per-example shape and attributes
     * @param chunks the chunks in example order (all of them once committed; the durable ones in a journal)
     */
    record StoredArtifact(ArtifactInfo info, List<StoredChunk> chunks) {
        StoredArtifact {
            Objects.requireNonNull(info, "info");
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * One chunk: the examples it holds and its files (one for dense kinds; values then offsets for
     * ragged kinds).
     *
     * @param range the examples
     * @param files the files
     */
    record StoredChunk(ExampleRange range, List<StoredFile> files) {
        StoredChunk {
            Objects.requireNonNull(range, "range");
            files = List.copyOf(files);
        }
    }

    /**
     * One {@code .npy} file of a chunk.
     *
     * @param name the file name inside its artifact directory, e.g. {@code 0-1024.npy}
     * @param bytes the file's length in bytes
     * @param sha256 the lower-case hex SHA-256 of the whole file
     */
    record StoredFile(String name, long bytes, String sha256) {
        StoredFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
