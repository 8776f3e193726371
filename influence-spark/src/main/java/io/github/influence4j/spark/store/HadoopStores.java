// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.exception.StoreNotFoundException;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.StoreVerification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Influence4j file stores on any Hadoop {@link FileSystem} ({@code hdfs://}, {@code file://}, or
 * whatever the user's Hadoop configuration provides), with the file store's format, checksums and
 * commit rules (docs/DESIGN.md sections 2.5 and 2.6; docs/SCALE.md section 2). Additive: the
 * local file store ({@code core.store.file}) is used unchanged on both ends.
 *
 * <ul>
 *   <li><b>Writing</b> ({@link #publish}): a store is written and committed locally by
 *       {@code ArtifactStores} (its own crash-safe protocol), then uploaded into a temporary
 *       directory {@code <parent>/_temporary/<name>.<attempt>} (every chunk file first, forced with
 *       {@code hsync} and its length checked, {@code manifest.json} last) and renamed onto its
 *       target in one atomic rename that fails if the target exists. A second attempt (a Spark retry
 *       or a speculative copy) therefore either commits the whole store or finds one already
 *       committed and keeps it: the first committer wins, nothing is half-written.</li>
 *   <li><b>Reading</b> ({@link #open}): on a local file system the store is opened in place; on any
 *       other, its files are copied to a local scratch directory (deleted on close), their lengths
 *       checked against the manifest, and the copy is read by {@code ArtifactStores}, which checks
 *       every chunk's CRC32C (or SHA-256) on every read. The manifest hash can be required to match
 *       the one a store set recorded, which is how a shard from another run is refused.</li>
 * </ul>
 */
public final class HadoopStores {
    /** The manifest file of a store (docs/DESIGN.md section 2.5). */
    public static final String MANIFEST = "manifest.json";
    /** The directory, beside committed stores, that holds uploads in progress. */
    public static final String TEMPORARY = "_temporary";
    private static final Logger LOG = LoggerFactory.getLogger(HadoopStores.class);

    private HadoopStores() {
    }

    /**
     * Uploads a committed local file store to a Hadoop file system and commits it there atomically.
     *
     * @param localStore a committed store directory on this machine
     * @param target the store's URI (its parent must be writable; the target itself must not exist
     *     unless an earlier attempt committed it)
     * @param conf the Hadoop configuration
     * @param attempt a name unique to this attempt (e.g. Spark's task attempt id)
     * @return the manifest hash of the store now at {@code target}: ours, or the first committer's
     * @throws StoreException if the upload fails (the temporary directory is removed)
     */
    public static String publish(java.nio.file.Path localStore, URI target, Configuration conf, String attempt) {
        byte[] manifest = readLocal(localStore.resolve(MANIFEST));
        String hash = hashOf(manifest);
        List<StoreVerification.FileResult> files = ArtifactStores.checkFiles(localStore).files();
        Path tgt = new Path(target);
        Path tmp = new Path(new Path(tgt.getParent(), TEMPORARY), tgt.getName() + "." + attempt);
        FileSystem fs = fileSystem(target, conf);
        try {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
            for (StoreVerification.FileResult f : files) {
                upload(fs, localStore.resolve(f.file()), new Path(tmp, f.file()), f.bytes());
            }
            upload(fs, localStore.resolve(MANIFEST), new Path(tmp, MANIFEST), manifest.length);
            if (commitRename(fs, tmp, tgt, conf)) {
                LOG.debug("committed store {} ({} files)", target, files.size() + 1);
                return hash;
            }
            fs.delete(tmp, true);
            String existing = manifestHash(target, conf);
            if (!existing.equals(hash)) {
                LOG.info("store {} was committed first by another attempt with manifest {} (this attempt: {}); "
                        + "keeping the first", target, existing, hash);
            }
            return existing;
        } catch (IOException e) {
            deleteQuietly(fs, tmp);
            throw new StoreException("cannot publish store " + localStore + " to " + target + ": " + e
                    + "; nothing was committed there, run the task again", e);
        } catch (RuntimeException e) {
            deleteQuietly(fs, tmp);
            throw e;
        }
    }

    /**
     * Opens a store on a Hadoop file system for reading.
     *
     * @param store the store's URI
     * @param conf the Hadoop configuration
     * @param expectedHash the manifest hash the store must have, if any
     * @return the store; closing it deletes any local copy
     * @throws StoreNotFoundException if there is no manifest at {@code store}
     * @throws CorruptStoreException if the manifest hash differs from {@code expectedHash}, or a file
     *     is missing or of the wrong length
     */
    public static TrainingArtifactStore open(URI store, Configuration conf, Optional<String> expectedHash) {
        FileSystem fs = fileSystem(store, conf);
        if (fs instanceof LocalFileSystem || "file".equals(fs.getUri().getScheme())) {
            java.nio.file.Path dir = java.nio.file.Path.of(fs.makeQualified(new Path(store)).toUri());
            TrainingArtifactStore opened = ArtifactStores.open(dir);
            checkHash(store, opened.manifestHash(), expectedHash, opened);
            return opened;
        }
        java.nio.file.Path scratch = scratchDir();
        try {
            byte[] manifest = read(fs, new Path(new Path(store), MANIFEST), store);
            checkHash(store, hashOf(manifest), expectedHash, null);
            Files.write(scratch.resolve(MANIFEST), manifest);
            for (StoreVerification.FileResult f : ArtifactStores.checkFiles(scratch).files()) {
                download(fs, new Path(new Path(store), f.file()), scratch.resolve(f.file()), f.bytes(), store);
            }
            return new LocalCopy(ArtifactStores.open(scratch), scratch);
        } catch (IOException e) {
            LocalCopy.deleteTree(scratch);
            throw new StoreException("cannot copy store " + store + " to " + scratch + ": " + e, e);
        } catch (RuntimeException e) {
            LocalCopy.deleteTree(scratch);
            throw e;
        }
    }

    /**
     * @param store a store's URI
     * @param conf the Hadoop configuration
     * @return {@code sha256:} and the SHA-256 of its {@code manifest.json}, as its manifest hash
     * @throws StoreNotFoundException if there is no manifest
     */
    public static String manifestHash(URI store, Configuration conf) {
        return hashOf(readManifest(store, conf));
    }

    /**
     * @param store a store's URI
     * @param conf the Hadoop configuration
     * @return the bytes of its {@code manifest.json}
     * @throws StoreNotFoundException if there is none
     */
    public static byte[] readManifest(URI store, Configuration conf) {
        try {
            return read(fileSystem(store, conf), new Path(new Path(store), MANIFEST), store);
        } catch (IOException e) {
            throw new StoreException("cannot read the manifest of " + store + ": " + e, e);
        }
    }

    /**
     * Opens only the manifest of a store (no chunk is copied): its spec, checkpoints and artifacts.
     * Reads of chunks fail.
     *
     * @param store a store's URI
     * @param conf the Hadoop configuration
     * @return the store's metadata view; close it
     */
    public static TrainingArtifactStore openManifestOnly(URI store, Configuration conf) {
        byte[] manifest = readManifest(store, conf);
        java.nio.file.Path scratch = scratchDir();
        try {
            Files.write(scratch.resolve(MANIFEST), manifest);
            return new LocalCopy(ArtifactStores.open(scratch), scratch);
        } catch (IOException | RuntimeException e) {
            LocalCopy.deleteTree(scratch);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Writes a small file atomically: to {@code .<name>.tmp} beside it, forced, then renamed over
     * the target (replacing it) in one step.
     *
     * @param target the file's URI
     * @param bytes its content
     * @param conf the Hadoop configuration
     */
    public static void writeAtomically(URI target, byte[] bytes, Configuration conf) {
        Path tgt = new Path(target);
        Path tmp = new Path(tgt.getParent(), "." + tgt.getName() + ".tmp");
        FileSystem fs = fileSystem(target, conf);
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
                out.hsync();
            }
            if (isLocal(fs)) {
                Files.move(java.nio.file.Path.of(fs.makeQualified(tmp).toUri()),
                        java.nio.file.Path.of(fs.makeQualified(tgt).toUri()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                FileContext.getFileContext(target, conf).rename(tmp, tgt, Options.Rename.OVERWRITE);
            }
        } catch (IOException e) {
            deleteQuietly(fs, tmp);
            throw new StoreException("cannot write " + target + ": " + e + "; the previous version is unchanged", e);
        }
    }

    /**
     * @param uri a file or directory
     * @param conf the Hadoop configuration
     * @return its file system; the raw (checksum-file-free) one for {@code file://}, so that no
     *     {@code .crc} side files enter a store
     */
    public static FileSystem fileSystem(URI uri, Configuration conf) {
        try {
            FileSystem fs = FileSystem.get(uri, conf);
            return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (IOException e) {
            throw new StoreException("cannot reach the file system of " + uri + ": " + e
                    + "; check the URI and the Hadoop configuration", e);
        }
    }

    static String hashOf(byte[] manifest) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    /** @return true if renamed, false if the target already existed (another attempt won) */
    private static boolean commitRename(FileSystem fs, Path tmp, Path tgt, Configuration conf) throws IOException {
        fs.mkdirs(tgt.getParent());
        if (isLocal(fs)) {
            java.nio.file.Path from = java.nio.file.Path.of(fs.makeQualified(tmp).toUri());
            java.nio.file.Path to = java.nio.file.Path.of(fs.makeQualified(tgt).toUri());
            if (Files.exists(to)) {
                return false;
            }
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                return false;
            }
        }
        try {
            FileContext.getFileContext(tgt.toUri(), conf).rename(tmp, tgt, Options.Rename.NONE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static void upload(FileSystem fs, java.nio.file.Path from, Path to, long bytes) throws IOException {
        try (InputStream in = Files.newInputStream(from); FSDataOutputStream out = fs.create(to, false)) {
            in.transferTo(out);
            out.hsync();
        }
        long len = fs.getFileStatus(to).getLen();
        if (len != bytes) {
            throw new IOException("uploaded " + to + " has " + len + " bytes, expected " + bytes);
        }
    }

    private static void download(FileSystem fs, Path from, java.nio.file.Path to, long bytes, URI store)
            throws IOException {
        Files.createDirectories(to.getParent());
        if (!fs.exists(from)) {
            throw new CorruptStoreException("store " + store + " lacks " + from.getName() + " (" + from
                    + ") that its manifest lists; restore it or capture the store again");
        }
        try (InputStream in = fs.open(from)) {
            Files.copy(in, to);
        }
        long len = Files.size(to);
        if (len != bytes) {
            throw new CorruptStoreException("store " + store + ": " + from + " has " + len
                    + " bytes, its manifest records " + bytes + "; restore it or capture the store again");
        }
    }

    private static byte[] read(FileSystem fs, Path file, URI store) throws IOException {
        if (!fs.exists(file)) {
            throw new StoreNotFoundException("no influence4j store at " + store + " (no " + MANIFEST
                    + "); check the URI, or capture the store");
        }
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

    private static void checkHash(URI store, String actual, Optional<String> expected, TrainingArtifactStore opened) {
        if (expected.isPresent() && !expected.get().equals(actual)) {
            if (opened != null) {
                opened.close();
            }
            throw new CorruptStoreException("store " + store + " has manifest hash " + actual + " but its store set"
                    + " recorded " + expected.get() + ": the shard was replaced or comes from another run;"
                    + " restore the shard that was committed, or capture the set again");
        }
    }

    private static byte[] readLocal(java.nio.file.Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new StoreNotFoundException("no influence4j store at " + file.getParent() + " (no " + MANIFEST + ")", e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e, e);
        }
    }

    private static java.nio.file.Path scratchDir() {
        try {
            return Files.createTempDirectory("influence4j-store-");
        } catch (IOException e) {
            throw new StoreException("cannot create a scratch directory under java.io.tmpdir: " + e
                    + "; set spark.local.dir / java.io.tmpdir to a writable disk", e);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }
}
