// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a store records about one artifact: its dtype, its per-example shape and free-form
 * attributes (for {@link ArtifactKind#PROJECTED_GRADS}: the projection kind, dimension and seed).
 *
 * @param key the artifact
 * @param dataType the element type on disk: FLOAT, DOUBLE, INT or LONG
 * @param exampleShape the shape of one example: {@code []} for a scalar, {@code [K]} for logits;
 *     for ragged kinds the trailing shape of one position ({@code [D]} for gradients, {@code []}
 *     for token ids)
 * @param attributes free-form metadata, unmodifiable
 */
public record ArtifactInfo(ArtifactKey key, DataType dataType, List<Long> exampleShape,
        Map<String, String> attributes) {

    /**
     * Copies the collections and checks the dtype.
     *
     * @param key the artifact
     * @param dataType the element type on disk: FLOAT, DOUBLE, HALF (IEEE binary16), INT or LONG
     * @param exampleShape the shape of one example: {@code []} for a scalar, {@code [K]} for logits;
     *     for ragged kinds the trailing shape of one position ({@code [D]} for gradients, {@code []}
     *     for token ids)
     * @param attributes free-form metadata, unmodifiable
     */
    public ArtifactInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dataType, "dataType");
        exampleShape = List.copyOf(exampleShape);
        attributes = Map.copyOf(attributes);
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE && dataType != DataType.INT
                && dataType != DataType.LONG && dataType != DataType.HALF) {
            throw new IllegalArgumentException(key + ": dtype " + dataType
                    + " is not supported; use FLOAT, DOUBLE, HALF (float16 storage), INT or LONG");
        }
        for (long d : exampleShape) {
            if (d < 1) {
                throw new IllegalArgumentException(key + ": every dimension must be >= 1, shape was " + exampleShape);
            }
        }
    }

    /**
     * @param key the artifact
     * @param dataType FLOAT, DOUBLE, INT or LONG
     * @param exampleShape the shape of one example ({@code []} for a scalar)
     * @return the info, without attributes
     */
    public static ArtifactInfo of(ArtifactKey key, DataType dataType, long... exampleShape) {
        return new ArtifactInfo(key, dataType, Arrays.stream(exampleShape).boxed().toList(), Map.of());
    }

    /**
     * @param newAttributes the attributes to record instead
     * @return a copy with other attributes
     */
    public ArtifactInfo withAttributes(Map<String, String> newAttributes) {
        return new ArtifactInfo(key, dataType, exampleShape, newAttributes);
    }

    /** @return the per-example shape as an array */
    public long[] shape() {
        return exampleShape.stream().mapToLong(Long::longValue).toArray();
    }

    /** @return the number of elements per example (per position for ragged kinds) */
    public long elementsPerRow() {
        long n = 1;
        for (long d : exampleShape) {
            n *= d;
        }
        return n;
    }

    /** @return true if the kind is ragged */
    public boolean isRagged() {
        return key.kind().isRagged();
    }

    /** @return true if the dtype is FLOAT, DOUBLE or HALF */
    public boolean isFloatingPoint() {
        return dataType == DataType.FLOAT || dataType == DataType.DOUBLE || dataType == DataType.HALF;
    }
}
