// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.StoreSpec;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a file-store writer writes (docs/DESIGN.md section 2.6): how often it forces its chunks to
 * the device, and which artifact kinds it stores in half precision.
 *
 * <pre>{@code
 * ArtifactWriter w = ArtifactStores.create(dir, spec, WriteOptions.defaults()
 *         .withGroupCommitBytes(64L << 20)
 *         .withFloat16(WriteOptions.GRADIENT_KINDS));
 * }</pre>
 *
 * @param groupCommitBytes group commit: chunk files are moved into place as they fill, and the
 *     capture journal is replaced after every write call that completed a chunk (so a killed
 *     process resumes from the last completed write), but files, directories and the journal are
 *     forced to the device only once this many chunk bytes are unforced, and at each commit (so
 *     after a machine crash a capture resumes from the last forced group; a journal entry whose file
 *     does not match its checksum is rewritten). {@code 0}: force every chunk file, its directory
 *     and the journal after every write call that completed a chunk (before group commit).
 * @param float16 the floating-point kinds written as IEEE binary16 ({@code .npy} dtype {@code <f2},
 *     manifest dtype {@code float16}) whatever dtype the capture hands over; scorers widen them to
 *     float64 as they read. Values beyond 65504 in magnitude become infinite (and fail reads under
 *     {@code NonFinitePolicy.FAIL}); see docs/BENCHMARKS.md for the measured effect on every score.
 * @param smallArtifactBytes on-disk chunks of small artifacts: a dense artifact whose rows for one
 *     store chunk take fewer bytes than this is written in files of a power-of-two number of store
 *     chunks, the most that stay within this many bytes of values (LOGITS of K = 3 in float32 at the
 *     default: 16 store chunks of 1,024, 192 KiB per file instead of 12 KiB), so that reading it is
 *     not dominated by opening thousands of small files (docs/DESIGN.md section 2.5). Ragged
 *     artifacts keep the store's chunks. {@code 0}: every artifact in the store's chunks (which
 *     keeps the manifest at format version 1).
 */
public record WriteOptions(long groupCommitBytes, Set<ArtifactKind> float16, long smallArtifactBytes) {
    /** The default group size: 64 MiB of chunk files per forced group (measured in docs/BENCHMARKS.md). */
    public static final long DEFAULT_GROUP_COMMIT_BYTES = 64L << 20;

    /**
     * The default size of a small artifact's on-disk chunk: 256 KiB of values (measured in
     * docs/BENCHMARKS.md: large enough that per-file costs stop dominating a read, small enough that
     * a read of one store chunk of it, e.g. the labels beside a gradient chunk, reads little more).
     */
    public static final long DEFAULT_SMALL_ARTIFACT_BYTES = 256L << 10;

    /**
     * The per-checkpoint kinds the gradient scores read (VoG, TracIn, TracIn-WE, GraNd), the bulk
     * of a checkpoint's bytes: {@code INPUT_GRADS}, {@code EMBEDDING_GRADS}, {@code LAYER_INPUTS},
     * {@code LAYER_OUTPUT_GRADS}, {@code PARAM_GRADS}, {@code PROJECTED_GRADS}. Logits and losses
     * stay float32.
     */
    public static final Set<ArtifactKind> GRADIENT_KINDS = Set.copyOf(EnumSet.of(ArtifactKind.INPUT_GRADS,
            ArtifactKind.EMBEDDING_GRADS, ArtifactKind.LAYER_INPUTS, ArtifactKind.LAYER_OUTPUT_GRADS,
            ArtifactKind.PARAM_GRADS, ArtifactKind.PROJECTED_GRADS));

    /**
     * Checks the values.
     *
     * @param groupCommitBytes see the record component
     * @param float16 see the record component
     * @param smallArtifactBytes see the record component
     */
    public WriteOptions {
        if (groupCommitBytes < 0) {
            throw new IllegalArgumentException("groupCommitBytes must be >= 0 (0 = force every chunk), was "
                    + groupCommitBytes);
        }
        Objects.requireNonNull(float16, "float16");
        for (ArtifactKind k : float16) {
            if (k.isStatic() || k == ArtifactKind.LABELS || k == ArtifactKind.TOKEN_IDS || k == ArtifactKind.SEGMENT_IDS) {
                throw new IllegalArgumentException("float16 applies to floating-point per-checkpoint kinds, not " + k);
            }
        }
        float16 = Set.copyOf(float16);
        if (smallArtifactBytes < 0) {
            throw new IllegalArgumentException("smallArtifactBytes must be >= 0 (0 = the store's chunks for every"
                    + " artifact), was " + smallArtifactBytes);
        }
    }

    /**
     * @param groupCommitBytes see the record component
     * @param float16 see the record component
     */
    public WriteOptions(long groupCommitBytes, Set<ArtifactKind> float16) {
        this(groupCommitBytes, float16, DEFAULT_SMALL_ARTIFACT_BYTES);
    }

    /**
     * @return group commit of {@link #DEFAULT_GROUP_COMMIT_BYTES}, every kind in its own dtype, small
     *     artifacts in on-disk chunks of up to {@link #DEFAULT_SMALL_ARTIFACT_BYTES}
     */
    public static WriteOptions defaults() {
        return new WriteOptions(DEFAULT_GROUP_COMMIT_BYTES, Set.of(), DEFAULT_SMALL_ARTIFACT_BYTES);
    }

    /**
     * @param bytes unforced chunk bytes per forced group, or 0 to force every chunk
     * @return a copy with that group size
     */
    public WriteOptions withGroupCommitBytes(long bytes) {
        return new WriteOptions(bytes, float16, smallArtifactBytes);
    }

    /**
     * @param kinds the kinds to store as float16 (e.g. {@link #GRADIENT_KINDS})
     * @return a copy storing them so
     */
    public WriteOptions withFloat16(Set<ArtifactKind> kinds) {
        return new WriteOptions(groupCommitBytes, kinds, smallArtifactBytes);
    }

    /**
     * @param bytes the most bytes of values per on-disk chunk of a small artifact, or 0 to write
     *     every artifact in the store's chunks
     * @return a copy with that size
     */
    public WriteOptions withSmallArtifactBytes(long bytes) {
        return new WriteOptions(groupCommitBytes, float16, bytes);
    }

    /**
     * The on-disk chunk size of an artifact: the store's, or for a small dense artifact the store's
     * times the largest power of two whose chunk holds at most {@link #smallArtifactBytes()} bytes
     * of values (never more examples than a power-of-two multiple covering N).
     *
     * @param spec the store
     * @param info the artifact as stored (its dtype after any float16 conversion)
     * @return examples per on-disk chunk, a power-of-two multiple of the store's chunk size
     */
    public int chunkSizeFor(StoreSpec spec, ArtifactInfo info) {
        int s = spec.chunkSize();
        if (smallArtifactBytes == 0 || info.isRagged()) {
            return s;
        }
        long rowBytes = Math.max(1, info.elementsPerRow()) * Npy.elementSize(info.dataType());
        long chunkBytes = rowBytes * s;
        long m = 1;
        while (chunkBytes * m * 2 <= smallArtifactBytes && (long) s * m < spec.numExamples() && s * m * 2 <= (1 << 30)) {
            m *= 2;
        }
        return (int) (s * m);
    }
}
