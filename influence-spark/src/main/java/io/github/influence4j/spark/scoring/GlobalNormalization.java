// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.VogScorers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-phase aggregate of a score normalised over all scored examples: class- or
 * dataset-normalised VoG (Agarwal et al. 2022, Sec. 3; Tan et al. 2023, App. B.1; docs/DESIGN.md
 * section 3.1), whose z-score needs the mean and standard deviation of a group spread over shards.
 *
 * <ol>
 *   <li>each task scores its shard with {@code normalization=NONE} (raw VoG) and reads its labels;</li>
 *   <li>each shard sums count and value per group; the driver adds the partial sums in shard order
 *       and divides: the group means;</li>
 *   <li>each shard sums {@code (v - mean)^2} per group; the driver adds them: population standard
 *       deviations ({@code ddof = 0});</li>
 *   <li>each shard maps {@code v -> (v - mean_g) / sd_g} (0 for a group whose deviation is 0).</li>
 * </ol>
 *
 * @implNote These are the two passes of one machine's {@code Standardization}, with each sum split
 *     at shard boundaries: the sums are re-associated, so means and deviations may differ from one
 *     machine's in the last bits (a relative difference of order N x 1e-16), and z-scores by that
 *     much relative to the group's deviation. Raw values are per example and identical.
 */
final class GlobalNormalization implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GlobalNormalization.class);
    private final Normalization normalization;

    private GlobalNormalization(Normalization normalization) {
        this.normalization = normalization;
    }

    /**
     * @param def a scorer definition
     * @param options its options as strings
     * @return the two-phase plan if the score is normalised over all examples
     */
    static Optional<GlobalNormalization> of(ScorerDefinition def, Map<String, String> options) {
        if (def != VogScorers.VOG) {
            return Optional.empty();
        }
        Normalization n = def.parse(options).get(VogScorers.NORMALIZATION);
        return n == Normalization.NONE ? Optional.empty() : Optional.of(new GlobalNormalization(n));
    }

    Map<String, String> shardOptions(Map<String, String> options) {
        Map<String, String> o = new TreeMap<>(options);
        o.put(VogScorers.NORMALIZATION.key(), Normalization.NONE.name());
        return o;
    }

    boolean needsLabels() {
        return normalization == Normalization.CLASS;
    }

    JavaRDD<InternalRow> apply(JavaRDD<ShardScores> blocks, int numClasses) {
        int groups = normalization == Normalization.CLASS ? numClasses : 1;
        boolean byClass = needsLabels();
        List<double[]> sums = blocks.map(b -> sums(b, groups, byClass)).collect();
        double[] count = new double[groups];
        double[] mean = new double[groups];
        for (double[] s : sums) {
            for (int g = 0; g < groups; g++) {
                count[g] += s[g];
                mean[g] += s[groups + g];
            }
        }
        for (int g = 0; g < groups; g++) {
            mean[g] = count[g] == 0 ? 0 : mean[g] / count[g];
        }
        double[] m = mean;
        List<double[]> squares = blocks.map(b -> squares(b, m, byClass)).collect();
        double[] sd = new double[groups];
        for (double[] s : squares) {
            for (int g = 0; g < groups; g++) {
                sd[g] += s[g];
            }
        }
        List<String> degenerate = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            sd[g] = count[g] == 0 ? 0 : Math.sqrt(sd[g] / count[g]);
            if (count[g] > 0 && sd[g] == 0) {
                degenerate.add((byClass ? "class " + g : "the dataset") + " (" + (long) count[g] + " examples)");
            }
        }
        if (!degenerate.isEmpty()) {
            LOG.warn("VoG: standard deviation 0 in {}: those examples get 0", degenerate);
        }
        double[] s = sd;
        return blocks.flatMap(b -> {
            double[] z = new double[b.values().length];
            for (int i = 0; i < z.length; i++) {
                int g = byClass ? b.labels()[i] : 0;
                z[i] = s[g] == 0 ? 0.0 : (b.values()[i] - m[g]) / s[g];
            }
            return SparkScoring.rowsOf(b, z);
        });
    }

    private static double[] sums(ShardScores b, int groups, boolean byClass) {
        double[] s = new double[2 * groups];
        for (int i = 0; i < b.values().length; i++) {
            int g = byClass ? b.labels()[i] : 0;
            s[g]++;
            s[groups + g] += b.values()[i];
        }
        return s;
    }

    private static double[] squares(ShardScores b, double[] mean, boolean byClass) {
        double[] s = new double[mean.length];
        for (int i = 0; i < b.values().length; i++) {
            int g = byClass ? b.labels()[i] : 0;
            double d = b.values()[i] - mean[g];
            s[g] += d * d;
        }
        return s;
    }
}
