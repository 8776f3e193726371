// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

import java.util.ArrayList;
import java.util.List;

/**
 * Population z-scores over the scored examples, within the gold class or over all of them
 * (Agarwal et al. 2022, Sec. 3, "class-normalised VoG"; Tan et al. 2023, App. B.1). Pure
 * arithmetic, no I/O.
 *
 * @implNote Mean and standard deviation are population statistics (divide by the count,
 *     {@code ddof = 0}), computed in two passes in float64. A group whose standard deviation is
 *     0 (one member, or every member equal) maps every member to 0, "at its group's mean",
 *     instead of 0/0 = NaN; the caller is told which groups were degenerate so it can warn.
 */
final class Standardization {
    private Standardization() {
    }

    /**
     * The result of a standardisation.
     *
     * @param values the z-scores, aligned with the input
     * @param degenerate descriptions of groups whose standard deviation was 0 (e.g. "class 2 (1 example)")
     */
    record Result(double[] values, List<String> degenerate) {
    }

    /**
     * @param values raw values
     * @return (v - mean) / std over all values
     */
    static Result dataset(double[] values) {
        int[] zero = new int[values.length];
        Result r = byGroup(values, zero, 1);
        List<String> d = r.degenerate().isEmpty() ? List.of() : List.of("the dataset (" + values.length + " examples)");
        return new Result(r.values(), d);
    }

    /**
     * @param values raw values
     * @param labels gold class per value, in {@code [0, numClasses)}
     * @param numClasses K
     * @return (v - mean_class) / std_class
     */
    static Result byClass(double[] values, int[] labels, int numClasses) {
        return byGroup(values, labels, numClasses);
    }

    private static Result byGroup(double[] values, int[] groups, int numGroups) {
        if (values.length != groups.length) {
            throw new IllegalArgumentException(values.length + " values but " + groups.length + " labels");
        }
        long[] count = new long[numGroups];
        double[] sum = new double[numGroups];
        for (int i = 0; i < values.length; i++) {
            count[groups[i]]++;
            sum[groups[i]] += values[i];
        }
        double[] mean = new double[numGroups];
        for (int g = 0; g < numGroups; g++) {
            mean[g] = count[g] == 0 ? 0 : sum[g] / count[g];
        }
        double[] ss = new double[numGroups];
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean[groups[i]];
            ss[groups[i]] += d * d;
        }
        double[] sd = new double[numGroups];
        List<String> degenerate = new ArrayList<>();
        for (int g = 0; g < numGroups; g++) {
            sd[g] = count[g] == 0 ? 0 : Math.sqrt(ss[g] / count[g]);
            if (count[g] > 0 && sd[g] == 0) {
                degenerate.add("class " + g + " (" + count[g] + (count[g] == 1 ? " example" : " examples, all equal") + ")");
            }
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int g = groups[i];
            out[i] = sd[g] == 0 ? 0.0 : (values[i] - mean[g]) / sd[g];
        }
        return new Result(out, List.copyOf(degenerate));
    }
}
