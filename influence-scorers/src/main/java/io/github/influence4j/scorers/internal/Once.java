package io.github.influence4j.scorers.internal;

import java.util.Objects;

/** Set-once semantics for option builders (STYLE.md: builder setters may be set once). */
public final class Once {
    private Once() {
    }

    /**
     * @param current the value set so far, or null
     * @param value the new value
     * @param scorer the scorer's name, for messages
     * @param what the option's name
     * @param <T> the option's type
     * @return {@code value}
     * @throws IllegalStateException if the option was already set
     */
    public static <T> T set(T current, T value, String scorer, String what) {
        Objects.requireNonNull(value, what);
        if (current != null) {
            throw new IllegalStateException(scorer + " options: " + what + " was already set to " + current);
        }
        return value;
    }
}
