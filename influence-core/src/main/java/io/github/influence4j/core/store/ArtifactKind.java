// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

/**
 * The kinds of training artifact a store can hold (docs/DESIGN.md section 2.2).
 *
 * <p>Each kind has a {@link Scope} (written once per store, or once per checkpoint), says whether
 * it is <em>ragged</em> (a variable number of rows per example: only real token positions are
 * stored, padding never is) and whether it is <em>layered</em> (several instances, one per named
 * dense layer or parameter group, told apart by {@link ArtifactKey#layer()}).
 */
public enum ArtifactKind {
    /** Gold class per example, int scalar. Static. */
    LABELS(Scope.STATIC, false, false),
    /** Token ids of the real positions, int [T_i], all input segments concatenated. Static, ragged. */
    TOKEN_IDS(Scope.STATIC, true, false),
    /** Input segment (premise 0, hypothesis 1) per real position, int [T_i]. Static, ragged, optional. */
    SEGMENT_IDS(Scope.STATIC, true, false),
    /** Pre-softmax outputs in eval mode (dropout off), [K]. */
    LOGITS(Scope.CHECKPOINT, false, false),
    /** Per-example cross-entropy loss, natural log, scalar. */
    LOSS(Scope.CHECKPOINT, false, false),
    /** d(true-class logit) / d(embedding-layer output), [T_i, D], ragged: the input of VoG. */
    INPUT_GRADS(Scope.CHECKPOINT, true, false),
    /** d(loss) / d(word-embedding lookup output), [T_i, D], ragged: the input of TracIn-WE. */
    EMBEDDING_GRADS(Scope.CHECKPOINT, true, false),
    /** Input activation a of a named dense layer, [I]: with {@link #LAYER_OUTPUT_GRADS}, dL/dW = delta a^T. */
    LAYER_INPUTS(Scope.CHECKPOINT, false, true),
    /** Gradient delta = dL/d(pre-activation output) of a named dense layer, [O]; also dL/db. */
    LAYER_OUTPUT_GRADS(Scope.CHECKPOINT, false, true),
    /** Dense per-example gradient of a named parameter group, [P]. */
    PARAM_GRADS(Scope.CHECKPOINT, false, true),
    /** Seeded random projection of per-example gradients, [d]; projection kind, d and seed in the attributes. */
    PROJECTED_GRADS(Scope.CHECKPOINT, false, false),
    /** Logits of a null-input model, [K], for PVI. Optional. */
    NULL_LOGITS(Scope.CHECKPOINT, false, false);

    /** Whether a kind is written once per store or once per checkpoint. */
    public enum Scope {
        /** Written once per store, independent of checkpoints. */
        STATIC,
        /** Written once per checkpoint. */
        CHECKPOINT
    }

    private final Scope scope;
    private final boolean ragged;
    private final boolean layered;

    ArtifactKind(Scope scope, boolean ragged, boolean layered) {
        this.scope = scope;
        this.ragged = ragged;
        this.layered = layered;
    }

    /** @return whether this kind is static or per checkpoint */
    public Scope scope() {
        return scope;
    }

    /** @return true if this kind is written once per store */
    public boolean isStatic() {
        return scope == Scope.STATIC;
    }

    /** @return true if each example holds a variable number of rows (real positions only) */
    public boolean isRagged() {
        return ragged;
    }

    /** @return true if instances are told apart by a layer or parameter-group name */
    public boolean isLayered() {
        return layered;
    }
}
