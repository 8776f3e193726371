// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.selection.Selection;
import io.github.influence4j.core.selection.SelectionPolicy;
import io.github.influence4j.core.selection.Selections;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Selection policies (docs/DESIGN.md section 4: rank cut-offs, softmax and linear sampling,
 * random and stratified baselines, class balancing) on scores computed with Spark, giving the
 * kept ids one machine gives.
 *
 * <pre>{@code
 * Selection s = SparkSelections.select(vog, labels, "prune-easy:0.3", 42L);
 * Dataset<Integer> keep = SparkSelections.keptIds(spark, s);
 * }</pre>
 *
 * @implNote The scores (and labels) are collected to the driver, ordered by id, and the policy of
 *     {@code core.selection} runs there unchanged: 12 bytes per example (1.2 GB at 10^8), and the
 *     same arithmetic, seeded draws and tie-breaking as on one machine, hence the same kept ids.
 *     A distributed sort would need the policies' tie-breaking and random streams re-implemented;
 *     the driver pass is what keeps the ids identical.
 */
public final class SparkSelections {
    private SparkSelections() {
    }

    /**
     * @param scores scores from {@link SparkScoring}
     * @param labels the gold label of every example, index = id ({@link SparkScoring#labels}), or an
     *     empty array when the policy uses none
     * @param policySpec a policy spec, as {@code influence4j select --policy}
     * @param seed the seed
     * @return the selection
     */
    public static Selection select(ScoreDataset scores, int[] labels, String policySpec, long seed) {
        SelectionPolicy policy = Selections.parse(policySpec);
        InfluenceScores s = scores.collect();
        int[] aligned = labels.length == 0 ? labels : Arrays.stream(s.exampleIds()).map(i -> labels[i]).toArray();
        return policy.select(s, aligned, seed);
    }

    /**
     * @param spark the session
     * @param selection a selection
     * @return its kept ids as a Dataset (column {@code value})
     */
    public static Dataset<Integer> keptIds(SparkSession spark, Selection selection) {
        List<Integer> ids = Arrays.stream(selection.keptIds()).boxed().toList();
        return spark.createDataset(ids, Encoders.INT());
    }

    /**
     * @param spark the session
     * @param selection a selection
     * @return rows {@code (id INT, kept BOOLEAN)} for every example selected over
     */
    public static Dataset<Row> asRows(SparkSession spark, Selection selection) {
        int[] kept = selection.keptIds();
        int[] pruned = selection.prunedIds();
        List<Row> rows = new java.util.ArrayList<>(kept.length + pruned.length);
        for (int id : kept) {
            rows.add(org.apache.spark.sql.RowFactory.create(id, true));
        }
        for (int id : pruned) {
            rows.add(org.apache.spark.sql.RowFactory.create(id, false));
        }
        return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("id", org.apache.spark.sql.types.DataTypes.IntegerType, false)
                .add("kept", org.apache.spark.sql.types.DataTypes.BooleanType, false)).orderBy("id");
    }
}
