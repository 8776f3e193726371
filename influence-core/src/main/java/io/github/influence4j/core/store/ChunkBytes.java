package io.github.influence4j.core.store;

import io.github.influence4j.core.CorruptStoreException;
import io.github.influence4j.core.StoreException;
import io.github.influence4j.core.store.ChunkFiles.Origin;
import io.github.influence4j.core.store.Manifest.StoredFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bytes of one chunk file, read once and hashed as they arrive. The caller decodes, then calls
 * {@link #verify()} before handing anything out (so that a damaged file is reported as damaged even
 * when decoding it fails first), and {@link #release()} when done with the bytes.
 *
 * @implNote The file is read in 1 MiB blocks, each hashed while still in cache. SHA-256 (about
 *     1 GB/s per core here) is the slowest step of a read; hashing on a second thread was measured
 *     slower on the 2-vCPU machines this was built on, so it stays on the reading thread. Read
 *     buffers come from a small pool per store so that large chunks do not churn the heap. Under
 *     {@link ChunkVerification#ONCE_PER_OPEN}, a file verified earlier by the same store whose size,
 *     modification time and file key are unchanged is not hashed again.
 */
final class ChunkBytes {
    private static final int BLOCK = 1 << 20;

    private final Origin origin;
    private final StoredFile file;
    private final Pool pool;
    private final Object stamp;
    private final String actualHash;
    private byte[] bytes;

    private ChunkBytes(Origin origin, StoredFile file, Pool pool, byte[] bytes, Object stamp, String actualHash) {
        this.origin = origin;
        this.file = file;
        this.pool = pool;
        this.bytes = bytes;
        this.stamp = stamp;
        this.actualHash = actualHash;
    }

    /**
     * Reads a chunk file whose length matches the manifest, hashing it unless already verified.
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @param pool the buffer pool
     * @return the bytes, {@link #length()} long, not yet compared with the manifest's hash
     * @throws CorruptStoreException if the file is missing or its length differs
     * @throws StoreException if it cannot be read
     */
    static ChunkBytes read(Origin o, StoredFile f, Pool pool) {
        Path path = o.path(f);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Object stamp = pool.stamp(path); // taken before reading: a later change gives another stamp
            long size = ch.size();
            if (size != f.bytes()) {
                throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, size));
            }
            boolean hash = !pool.isVerified(path, stamp);
            MessageDigest md = StoreFiles.sha256();
            byte[] b = pool.take(Math.toIntExact(size));
            int pos = 0;
            while (pos < size) {
                ByteBuffer bb = ByteBuffer.wrap(b, pos, (int) Math.min(BLOCK, size - pos));
                while (bb.hasRemaining()) {
                    if (ch.read(bb) < 0) {
                        pool.give(b);
                        throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, bb.position()));
                    }
                }
                if (hash) {
                    md.update(b, pos, bb.position() - pos);
                }
                pos = bb.position();
            }
            return new ChunkBytes(o, f, pool, b, stamp, hash ? StoreFiles.hex(md) : f.sha256());
        } catch (NoSuchFileException e) {
            throw new CorruptStoreException(ChunkFiles.missingMessage(o, f), e);
        } catch (IOException e) {
            throw new StoreException(ChunkFiles.unreadableMessage(o, f, e), e);
        }
    }

    /** @return the buffer; only the first {@link #length()} bytes are the file */
    byte[] bytes() {
        return bytes;
    }

    /** @return the file's length */
    int length() {
        return (int) file.bytes();
    }

    /**
     * Compares the file's hash with the manifest.
     *
     * @throws CorruptStoreException naming the file, the expected and the actual hash
     */
    void verify() {
        if (!actualHash.equals(file.sha256())) {
            throw new CorruptStoreException(ChunkFiles.hashMessage(origin, file, actualHash));
        }
        pool.markVerified(origin.path(file), stamp);
    }

    /** Returns the buffer to the pool. */
    void release() {
        if (bytes != null) {
            pool.give(bytes);
            bytes = null;
        }
    }

    /**
     * A few reusable read buffers, so that reading large chunks does not allocate each time, and,
     * under {@link ChunkVerification#ONCE_PER_OPEN}, the files already verified.
     */
    static final class Pool {
        private static final int KEEP = 2;
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        private final ChunkVerification verification;
        private final Map<Path, Object> verified = new ConcurrentHashMap<>();

        Pool(ChunkVerification verification) {
            this.verification = verification;
        }

        byte[] take(int size) {
            byte[] b = free.poll();
            return b != null && b.length >= size ? b : new byte[size];
        }

        void give(byte[] b) {
            if (free.size() < KEEP) {
                free.offer(b);
            }
        }

        Object stamp(Path p) throws IOException {
            if (verification == ChunkVerification.EVERY_READ) {
                return "";
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
        }

        boolean isVerified(Path p, Object stamp) {
            return verification == ChunkVerification.ONCE_PER_OPEN && stamp.equals(verified.get(p));
        }

        void markVerified(Path p, Object stamp) {
            if (verification == ChunkVerification.ONCE_PER_OPEN) {
                verified.put(p, stamp);
            }
        }
    }
}
