// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

/**
 * Writes the artifacts of one checkpoint and makes them visible, all at once, with
 * {@link #commit()}. Obtained from {@link ArtifactWriter#beginCheckpoint(Checkpoint)}; use it in
 * try-with-resources:
 *
 * <pre>{@code
 * try (CheckpointWriter c = writer.beginCheckpoint(checkpoint)) {
 *     for (ExampleRange r : writer.store().chunkRanges()) {
 *         if (!c.isComplete(LOGITS, r)) {
 *             c.write(LOGITS, r.from(), logitsOf(r));
 *         }
 *     }
 *     c.commit();
 * }
 * }</pre>
 *
 * <p>Accepts only per-checkpoint kinds; static ones are written on the {@link ArtifactWriter}.
 * {@link #commit()} requires every artifact of the checkpoint, and every static artifact written
 * since the last commit, to cover all N examples, and makes them visible together. Closing
 * without a commit leaves the checkpoint invisible; in the file store its durable chunks are
 * kept, and beginning the same checkpoint again (on this writer or on a resumed one) continues it.
 * After {@link #commit()} or {@link #close()} every method but {@code close()} throws
 * {@link IllegalStateException}. Thread-safe: calls are serialized with those of its writer.
 */
public interface CheckpointWriter extends ArtifactSink, AutoCloseable {

    /** @return the checkpoint being written */
    Checkpoint checkpoint();

    /**
     * Makes this checkpoint, and the static artifacts written since the last commit, visible
     * atomically. On failure nothing becomes visible and this writer stays open.
     *
     * @throws io.github.influence4j.core.exception.ConfigurationException naming an artifact that
     *     does not cover all N examples
     * @throws IllegalStateException if already committed or closed
     */
    void commit();

    /** Ends the checkpoint; uncommitted, it stays invisible (and resumable in the file store). Idempotent. */
    @Override
    void close();
}
