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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes of one chunk file, read for decoding while its SHA-256 is computed on another thread.
 * The caller decodes, then calls {@link #verify()} before handing anything out, and
 * {@link #release()} when done with the bytes.
 *
 * @implNote Hashing is the one step of a read slower than the disk (SHA-256 runs at about 1 GB/s
 *     per core), so for files of at least 1 MiB it overlaps with the decode on a second thread; if
 *     no thread has picked the task up when the decode is done, the reading thread hashes itself.
 *     Read buffers come from a small pool per store so that large chunks do not churn the heap.
 *     Under {@link ChunkVerification#ONCE_PER_OPEN} a file verified earlier by the same store, with
 *     an unchanged size, modification time and file key, is not hashed again.
 */
final class ChunkBytes {
    private static final int ASYNC_MIN = 1 << 20;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "influence4j-sha256-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Origin origin;
    private final StoredFile file;
    private final Pool pool;
    private byte[] bytes;
    private final FutureTask<String> hash;
    private final Object stamp;
    private final boolean preVerified;

    private ChunkBytes(Origin origin, StoredFile file, Pool pool, byte[] bytes, Object stamp) {
        this.origin = origin;
        this.file = file;
        this.pool = pool;
        this.bytes = bytes;
        this.stamp = stamp;
        this.preVerified = pool.isVerified(origin.path(file), stamp);
        int len = Math.toIntExact(file.bytes());
        this.hash = new FutureTask<>(() -> {
            MessageDigest md = StoreFiles.sha256();
            md.update(bytes, 0, len);
            return StoreFiles.hex(md);
        });
        if (preVerified) {
            hash.cancel(false);
        } else if (len >= ASYNC_MIN) {
            HASHERS.execute(hash);
        }
    }

    /**
     * Reads a chunk file whose length matches the manifest and starts hashing it.
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @param pool the buffer pool
     * @return the bytes, {@link #length()} long, not yet verified
     * @throws CorruptStoreException if the file is missing or its length differs
     * @throws StoreException if it cannot be read
     */
    static ChunkBytes read(Origin o, StoredFile f, Pool pool) {
        try (FileChannel ch = FileChannel.open(o.path(f), StandardOpenOption.READ)) {
            Object stamp = pool.stamp(o.path(f)); // taken before reading: a later change gives another stamp
            long size = ch.size();
            if (size != f.bytes()) {
                throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, size));
            }
            byte[] b = pool.take(Math.toIntExact(size));
            ByteBuffer bb = ByteBuffer.wrap(b, 0, (int) size);
            while (bb.hasRemaining()) {
                if (ch.read(bb) < 0) {
                    pool.give(b);
                    throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, bb.position()));
                }
            }
            return new ChunkBytes(o, f, pool, b, stamp);
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
     * Waits for the hash (or computes it) and compares it with the manifest.
     *
     * @throws CorruptStoreException naming the file, the expected and the actual hash
     */
    void verify() {
        if (preVerified) {
            return;
        }
        String actual;
        try {
            actual = hash.cancel(false) ? hashHere() : hash.get(); // not started yet: hash on this thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while verifying " + origin.describe(file), e);
        } catch (ExecutionException | CancellationException e) {
            throw new IllegalStateException("hashing " + origin.describe(file) + " failed", e);
        }
        if (!actual.equals(file.sha256())) {
            throw new CorruptStoreException(ChunkFiles.hashMessage(origin, file, actual));
        }
        pool.markVerified(origin.path(file), stamp);
    }

    private String hashHere() {
        MessageDigest md = StoreFiles.sha256();
        md.update(bytes, 0, length());
        return StoreFiles.hex(md);
    }

    /** Returns the buffer to the pool, after any hashing of it has finished. */
    void release() {
        if (bytes != null) {
            if (!hash.cancel(false)) {
                try {
                    hash.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    bytes = null;
                    return; // a hashing thread may still read the buffer: do not reuse it
                } catch (ExecutionException | CancellationException e) {
                    // nothing to do: the buffer is free either way
                }
            }
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
