package io.github.influence4j.core.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One observation of the model at a training step (DESIGN.md section 2).
 *
 * @param id unique id within the store (letters, digits, {@code _}, {@code -}, {@code .}); also a
 *     directory name in the file store
 * @param step the optimizer step (iteration) at which the model was observed, {@code >= 0}
 * @param epoch the epoch in progress (0-based), {@code >= 0}
 * @param learningRate the learning rate in force at this step: eta_c of TracIn (Pruthi et al. 2020,
 *     Eq. 1); finite and {@code >= 0}
 * @param seed the seed of the training run
 */
public record Checkpoint(String id, long step, int epoch, double learningRate, long seed) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * Validates the checkpoint.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("checkpoint id '" + id
                    + "' may hold only letters, digits, '_', '-' and '.' (it becomes a directory name)");
        }
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint '" + id + "': step must be >= 0, was " + step);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("checkpoint '" + id + "': epoch must be >= 0, was " + epoch);
        }
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new IllegalArgumentException("checkpoint '" + id
                    + "': learning rate must be finite and >= 0, was " + learningRate);
        }
    }
}
