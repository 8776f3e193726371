/**
 * The training-artifact store: kinds, checkpoints, chunked reads, the memory and file stores
 * (DESIGN.md section 2).
 *
 * <p>The file store's {@code manifest.json} records, for every chunk file, its length and SHA-256
 * (as DESIGN.md section 2 specifies) and, since 0.1.0, its CRC32C and whether all its values are
 * finite ({@code "crc32c"}, {@code "allFinite"}; both optional, so older stores still open). Reads
 * check the CRC32C by default ({@link io.github.influence4j.core.store.ChunkVerification}) because
 * SHA-256 on every read capped them at about 1 GB/s per core; {@code ArtifactStores.verify} and
 * {@code influence4j inspect --verify} compare all three.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store;
