// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.bytedeco.javacpp.Pointer;

/**
 * Samples the memory of this JVM on a daemon thread and keeps the peaks: heap used (including
 * garbage), heap live after a collection (the heap pools' usage after each GC, from GC
 * notifications: what survives, so what grows if anything is O(N)), native memory outside the JVM's
 * own pools (resident set size minus the heap and non-heap memory the JVM has committed: ND4J's
 * off-heap buffers, which ND4J 1.0.0-M2.1 does not account through {@link Pointer#totalBytes()}, plus
 * native libraries and malloc arenas), and the resident set size ({@link Pointer#physicalBytes()}).
 * {@link #peakRssFromProc()} reads the kernel's own high-water mark, which no sampling can miss.
 *
 * <pre>{@code
 * try (MemoryProbe probe = MemoryProbe.start(5)) {
 *     ... work ...
 *     MemoryProbe.Peaks p = probe.peaks();
 * }
 * }</pre>
 */
public final class MemoryProbe implements AutoCloseable {
    private final Thread thread;
    private final long periodMillis;
    private volatile boolean running = true;
    private volatile long heapUsed;
    private volatile long heapLive;
    private volatile long offHeap;
    private volatile long rss;

    private MemoryProbe(long periodMillis) {
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "memory-probe");
        this.thread.setDaemon(true);
    }

    /**
     * @param periodMillis sampling period, {@code >= 1}
     * @return a running probe
     */
    public static MemoryProbe start(long periodMillis) {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("periodMillis must be >= 1, was " + periodMillis);
        }
        MemoryProbe p = new MemoryProbe(periodMillis);
        p.listenToCollections();
        p.sample();
        p.thread.start();
        return p;
    }

    /**
     * Peak memory figures, in bytes.
     *
     * @param heapUsed peak heap in use, garbage included
     * @param heapLive peak heap left after a collection
     * @param offHeap peak native memory: RSS minus the JVM's committed heap and non-heap (ND4J buffers,
     *     native libraries, malloc arenas); an upper bound on ND4J's off-heap use
     * @param rss peak resident set size seen by sampling
     * @param rssHighWater the kernel's VmHWM for this process, or -1 where /proc is absent
     */
    public record Peaks(long heapUsed, long heapLive, long offHeap, long rss, long rssHighWater) {
        /** @return heap live after GC plus off-heap, the memory the work itself holds */
        public long heldBytes() {
            return heapLive + offHeap;
        }
    }

    /** @return the peaks so far (takes one more sample first) */
    public Peaks peaks() {
        sample();
        return new Peaks(heapUsed, heapLive, offHeap, rss, peakRssFromProc());
    }

    private void listenToCollections() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        NotificationListener listener = (notification, handback) -> {
            if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long live = 0;
            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    live += e.getValue().getUsed();
                }
            }
            synchronized (this) {
                heapLive = Math.max(heapLive, live);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void sample() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        heapUsed = Math.max(heapUsed, used);
        long resident = Pointer.physicalBytes();
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()
                + ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
        offHeap = Math.max(offHeap, resident - committed);
        rss = Math.max(rss, resident);
    }

    /**
     * @return this process's peak resident set size (VmHWM of /proc/self/status) in bytes, or -1
     *     where it cannot be read
     */
    public static long peakRssFromProc() {
        return procStatusBytes("VmHWM:");
    }

    static long procStatusBytes(String field) {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
