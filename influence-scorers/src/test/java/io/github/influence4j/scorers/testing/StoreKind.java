package io.github.influence4j.scorers.testing;

import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The two store implementations every scorer must agree on (DESIGN.md section 2). */
public enum StoreKind {
    /** {@link MemoryStores#create(StoreSpec)}. */
    MEMORY,
    /** {@link ArtifactStores#create(Path, StoreSpec)}, re-opened for reading with {@link ArtifactStores#open(Path)}. */
    FILE;

    /**
     * @param spec the store's shape
     * @param dir an empty directory (used by FILE)
     * @return a writer; for FILE, skips the calling test (an assumption) while the file store is not implemented
     */
    public ArtifactWriter writer(StoreSpec spec, Path dir) {
        if (this == MEMORY) {
            return MemoryStores.create(spec);
        }
        try {
            return ArtifactStores.create(dir.resolve("store"), spec);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the file store is not on this branch yet (ArtifactStores.create threw '"
                    + e.getMessage() + "'); the FILE case runs once the file-store work is merged");
            throw e;
        }
    }

    /**
     * @param writer a writer from {@link #writer} with everything committed
     * @param dir the same directory
     * @return the store to read: the memory store itself, or the file store re-opened from disk
     */
    public TrainingArtifactStore reopen(ArtifactWriter writer, Path dir) {
        if (this == MEMORY) {
            return writer.store();
        }
        writer.close();
        return ArtifactStores.open(dir.resolve("store"));
    }
}
