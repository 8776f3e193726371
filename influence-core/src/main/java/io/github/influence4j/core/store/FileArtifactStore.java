package io.github.influence4j.core.store;

import java.nio.file.Path;

/** The file store (DESIGN.md section 2). Placeholder until the file-store work lands. */
final class FileArtifactStore {
    private FileArtifactStore() {
    }

    static ArtifactWriter create(Path dir, StoreSpec spec) {
        throw new UnsupportedOperationException("file store not implemented yet");
    }

    static ArtifactWriter resume(Path dir) {
        throw new UnsupportedOperationException("file store not implemented yet");
    }

    static TrainingArtifactStore open(Path dir, NonFinitePolicy policy) {
        throw new UnsupportedOperationException("file store not implemented yet");
    }
}
