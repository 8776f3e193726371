// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

/**
 * The learning rate of BERT fine-tuning (Devlin et al. 2019, appendix A.2): linear warm-up from 0 to
 * the peak, then linear decay to 0 at the last step; exactly HuggingFace's
 * {@code get_linear_schedule_with_warmup} ({@code step} counts optimizer steps from 0, so the first
 * step's rate is 0 where there is a warm-up).
 *
 * @param peak the rate at the end of the warm-up
 * @param warmupSteps steps of warm-up (0: start at the peak)
 * @param totalSteps all optimizer steps of the run
 */
public record LinearWarmupDecay(double peak, int warmupSteps, int totalSteps) {
    /**
     * Checks the fields.
     *
     * @param peak see the record
     * @param warmupSteps see the record
     * @param totalSteps see the record
     */
    public LinearWarmupDecay {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("LinearWarmupDecay needs peak > 0 and 0 <= warmupSteps <= totalSteps >= 1;"
                    + " got peak " + peak + ", warmupSteps " + warmupSteps + ", totalSteps " + totalSteps);
        }
    }

    /**
     * @param step the 0-based optimizer step
     * @return its learning rate
     */
    public double rate(int step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        return peak * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }
}
