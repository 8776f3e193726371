// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactKind;
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
 */
public record WriteOptions(long groupCommitBytes, Set<ArtifactKind> float16) {
    /** The default group size: 64 MiB of chunk files per forced group (measured in docs/BENCHMARKS.md). */
    public static final long DEFAULT_GROUP_COMMIT_BYTES = 64L << 20;

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
    }

    /** @return group commit of {@link #DEFAULT_GROUP_COMMIT_BYTES}, every kind in its own dtype */
    public static WriteOptions defaults() {
        return new WriteOptions(DEFAULT_GROUP_COMMIT_BYTES, Set.of());
    }

    /**
     * @param bytes unforced chunk bytes per forced group, or 0 to force every chunk
     * @return a copy with that group size
     */
    public WriteOptions withGroupCommitBytes(long bytes) {
        return new WriteOptions(bytes, float16);
    }

    /**
     * @param kinds the kinds to store as float16 (e.g. {@link #GRADIENT_KINDS})
     * @return a copy storing them so
     */
    public WriteOptions withFloat16(Set<ArtifactKind> kinds) {
        return new WriteOptions(groupCommitBytes, kinds);
    }
}
