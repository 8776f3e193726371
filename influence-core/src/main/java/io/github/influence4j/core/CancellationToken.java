// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import io.github.influence4j.core.exception.CancelledException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels a scoring run from another thread; scorers check it between chunks and then throw
 * {@link CancelledException}.
 */
public final class CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** @return a fresh, uncancelled token */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    /** A token that is never cancelled. */
    public static final CancellationToken NEVER = new CancellationToken();

    private CancellationToken() {
    }

    /** Requests cancellation. Idempotent. Has no effect on {@link #NEVER}. */
    public void cancel() {
        if (this != NEVER) {
            cancelled.set(true);
        }
    }

    /** @return true once {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled.get();
    }
}
