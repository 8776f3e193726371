// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the artifacts of one scope are written: the static artifacts of a store
 * ({@link ArtifactWriter}) or the artifacts of one checkpoint ({@link CheckpointWriter}). Each
 * accepts only the kinds of its scope ({@link ArtifactKind#isStatic()}), so capture code that
 * takes an {@code ArtifactSink} works with either and cannot write into the wrong one.
 *
 * <p>Rules, checked with errors that name the artifact, the range and what to do: the first write
 * of an artifact fixes its dtype and per-example shape and later writes must agree; writes to one
 * artifact go in ascending example order, and a write may restart at any chunk boundary (a
 * resumed capture), which discards the incomplete chunk it overlaps. Values are copied before a
 * write returns.
 */
public interface ArtifactSink {

    /** @return the spec of the store written to */
    StoreSpec spec();

    /**
     * Sets free-form attributes of an artifact (for example the projection of
     * {@link ArtifactKind#PROJECTED_GRADS}); recorded in its {@link ArtifactInfo}.
     *
     * @param key an artifact of this sink's scope
     * @param attributes string metadata
     * @throws io.github.influence4j.core.exception.ConfigurationException if the key belongs to the other scope
     */
    void setAttributes(ArtifactKey key, Map<String, String> attributes);

    /**
     * Writes dense values for examples {@code [from, from + values.size(0))}.
     *
     * @param key a dense artifact of this sink's scope
     * @param from first example id
     * @param values {@code [n, ...exampleShape]}; FLOAT, DOUBLE, INT or LONG; copied before return
     * @throws io.github.influence4j.core.exception.ConfigurationException if the write breaks a rule
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException if dtype or shape
     *     disagree with earlier writes or with the kind
     */
    void write(ArtifactKey key, int from, INDArray values);

    /**
     * Writes ragged values for examples {@code [from, from + lengths.length)}: example i owns the
     * next {@code lengths[i]} rows of {@code values}. Only real positions: never padding.
     *
     * @param key a ragged artifact of this sink's scope
     * @param from first example id
     * @param values {@code [sum lengths, ...exampleShape]}; copied before return
     * @param lengths real positions per example, each {@code >= 0}
     * @throws io.github.influence4j.core.exception.ConfigurationException if the write breaks a rule
     */
    void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths);

    /**
     * @param key an artifact of this sink's scope
     * @param range examples
     * @return true if every example of the range is already written (durably, in the file store)
     *     or committed, so that a resumed capture can skip it
     */
    boolean isComplete(ArtifactKey key, ExampleRange range);
}
