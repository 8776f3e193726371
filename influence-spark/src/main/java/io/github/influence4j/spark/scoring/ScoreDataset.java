// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * Scores computed on Spark: a {@link Dataset} of rows {@code (id INT, score DOUBLE, shard INT)}, one
 * per example of the set, the provenance of each shard, the orientation and the provenance of the
 * whole run. A shard's provenance is the JSON of the {@link ScoreProvenance} of the task that scored
 * it (its store id and manifest hash, the checkpoints, options, backend and platform), so every
 * value can be traced to the bytes it came from: {@link #withProvenance()} joins it to the rows, and
 * {@link #writeParquet} writes the joined rows (Parquet stores the repeated string once per page,
 * dictionary encoding).
 *
 * @implNote The provenance is kept once per shard, not in every row: a 500-byte string converted
 *     into every one of 10^7 Spark SQL rows cost about as much as the scoring itself
 *     (docs/SCALE.md section 7).
 *
 * @param rows the scores: {@code (id, score, shard)}
 * @param name the scorer's name
 * @param orientation which end is hard
 * @param provenance the run's provenance: the set's id and manifest hash, the options in force
 * @param shardProvenance one row per shard: {@code (shard INT, provenance STRING)}, the JSON of the
 *     provenance of the task that scored it
 */
public record ScoreDataset(Dataset<Row> rows, String name, Orientation orientation, ScoreProvenance provenance,
        Dataset<Row> shardProvenance) {
    /** The example id column. */
    public static final String ID = "id";
    /** The score column. */
    public static final String SCORE = "score";
    /** The column of the shard that scored the row. */
    public static final String SHARD = "shard";
    /** The provenance column (JSON) of {@link #shardProvenance} and {@link #withProvenance()}. */
    public static final String PROVENANCE = "provenance";

    /**
     * Checks for nulls.
     *
     * @param rows the scores
     * @param name the scorer's name
     * @param orientation which end is hard
     * @param provenance the run's provenance
     * @param shardProvenance each shard's provenance
     */
    public ScoreDataset {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(shardProvenance, "shardProvenance");
    }

    /**
     * @return the rows with their shard's provenance: {@code (id INT, score DOUBLE, shard INT,
     *     provenance STRING)}, the small per-shard table broadcast to the join
     */
    public Dataset<Row> withProvenance() {
        return rows.join(functions.broadcast(shardProvenance), SHARD).select(ID, SCORE, SHARD, PROVENANCE);
    }

    /**
     * Writes the rows with their shard's provenance ({@link #withProvenance()}) as Parquet through Spark's output committer (a failed job leaves no partial
     * output under {@code path}: files are moved there only when every task succeeded).
     *
     * @param path the output directory ({@code hdfs://...}, {@code file:///...}); must not exist
     */
    public void writeParquet(String path) {
        withProvenance().write().mode(SaveMode.ErrorIfExists).parquet(path);
    }

    /**
     * Collects the scores to the driver (O(N) memory there) as the {@link InfluenceScores} one
     * machine would have produced: ids ascending.
     *
     * @return the scores
     */
    public InfluenceScores collect() {
        List<Row> all = rows.select(ID, SCORE).orderBy(ID).collectAsList();
        int[] ids = new int[all.size()];
        double[] values = new double[all.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = all.get(i).getInt(0);
            values[i] = all.get(i).getDouble(1);
        }
        return new InfluenceScores(name, ids, values, orientation, provenance);
    }
}
