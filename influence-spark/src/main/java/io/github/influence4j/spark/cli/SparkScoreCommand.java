// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.cli;

import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.selection.Selection;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.spark.scoring.ScoreDataset;
import io.github.influence4j.spark.scoring.SparkScoring;
import io.github.influence4j.spark.scoring.SparkSelections;
import io.github.influence4j.spark.scoring.SparkTracIn;
import io.github.influence4j.spark.store.ShardSet;
import io.github.influence4j.spark.store.ShardSets;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code influence4j spark-score}: the {@code spark-submit} entry point (docs/SCALE.md section 6).
 * It takes the scorer names and {@code --option key=value} options of {@code influence4j score},
 * scores a store set on the cluster, and writes Parquet; it can also run train-to-test TracIn
 * against a broadcast test store and a selection policy on the scores.
 *
 * <pre>
 * spark-submit --class io.github.influence4j.spark.cli.SparkScoreCommand \
 *     --jars "$(ls influence-spark/target/lib/*.jar | paste -sd,)" influence-spark/target/influence-spark-*.jar \
 *     --set hdfs://nn/runs/snli/set --scorer vog -o normalization=CLASS --out hdfs://nn/runs/snli/scores/vog
 * </pre>
 */
@Command(name = "spark-score", mixinStandardHelpOptions = true,
        description = {"Score every example of a store set on Apache Spark with a scorer found on the class path",
            "(the names and options of 'influence4j score'); write the scores as Parquet."})
public final class SparkScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List the scorers on the driver's class path and exit.")
    boolean list;

    @Option(names = "--set", paramLabel = "URI", description = "The store set's directory (holds set.json): hdfs://, file://, ...")
    URI set;

    @Option(names = "--scorer", paramLabel = "NAME", description = "The scorer's name, as 'score --list' prints it.")
    String scorer;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "A scorer option (repeatable); unknown keys and bad values are errors.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "URI", description = "Write the scores (id, score, shard, provenance) as Parquet here.")
    String out;

    @Option(names = "--test-store", paramLabel = "URI",
            description = "Train-to-test influence against this test store (with --pair); broadcast to the executors.")
    URI testStore;

    @Option(names = "--pair", paramLabel = "NAME", defaultValue = "tracin",
            description = "The train-to-test score with --test-store: tracin or tracin-we (default: ${DEFAULT-VALUE}).")
    String pair;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10",
            description = "Proponents and opponents kept per test example (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--policy", paramLabel = "SPEC", description = "Also select with this policy, as 'influence4j select'.")
    String policy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "The selection's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--selection-out", paramLabel = "URI", description = "Write the selection (id, kept) as Parquet here.")
    String selectionOut;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit (default: the submitted one, else local[*]).")
    String master;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * @param args the command line
     * @return the exit code: 0 done, 1 failed (a one-line reason on stderr), 2 bad usage
     */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkScoreCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("influence4j spark-score: " + e.getMessage());
            return e instanceof InfluenceException || e instanceof IllegalArgumentException ? 1 : 3;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            for (ScorerDefinition d : InfluenceScorers.available()) {
                o.printf("%-24s %s%n", d.name(), d.description());
                d.optionHelp().forEach((k, v) -> o.printf("    -o %s=...  %s%n", k, v));
            }
            return 0;
        }
        if (set == null || (scorer == null && testStore == null)) {
            throw new ParameterException(spec.commandLine(), "spark-score needs --set URI and --scorer NAME"
                    + " (or --test-store URI), or --list");
        }
        if (policy != null && scorer == null) {
            throw new ParameterException(spec.commandLine(), "--policy selects by a score: give --scorer NAME");
        }
        SparkSession.Builder b = SparkSession.builder().appName("influence4j spark-score");
        if (master != null) {
            b.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ShardSet s = ShardSets.open(set, conf);
        if (scorer != null) {
            ScoreDataset scores = SparkScoring.score(spark, s, conf, scorer, options);
            if (out != null) {
                scores.writeParquet(out);
                o.printf("wrote %d %s scores of store set '%s' to %s%n", s.manifest().numExamples(), scores.name(),
                        s.manifest().setId(), out);
            }
            if (policy != null) {
                Selection sel = SparkSelections.select(scores, SparkScoring.labels(spark, s, conf), policy, seed);
                o.printf("%s: kept %d of %d examples%n", sel.spec(), sel.keptCount(), sel.total());
                if (selectionOut != null) {
                    SparkSelections.asRows(spark, sel).write().mode(SaveMode.ErrorIfExists).parquet(selectionOut);
                }
            }
        }
        if (testStore != null) {
            TopInfluences t = SparkTracIn.topK(spark, s, testStore, conf, pair, options, top);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < t.testIds().length; i++) {
                addRows(rows, t.testIds()[i], "proponent", t.proponents(i));
                addRows(rows, t.testIds()[i], "opponent", t.opponents(i));
            }
            StructType schema = new StructType().add("test_id", DataTypes.IntegerType, false)
                    .add("kind", DataTypes.StringType, false).add("rank", DataTypes.IntegerType, false)
                    .add("train_id", DataTypes.IntegerType, false).add("influence", DataTypes.DoubleType, false);
            String where = out == null ? null : scorer == null ? out : out + "-" + pair;
            if (where != null) {
                spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(where);
            }
            o.printf("%s: top-%d proponents and opponents of %d test examples%s%n", t.name(), top, t.testIds().length,
                    where == null ? "" : " written to " + where);
        }
        o.flush();
        return 0;
    }

    private static void addRows(List<Row> rows, int testId, String kind, List<TopInfluences.Influence> list) {
        for (int r = 0; r < list.size(); r++) {
            rows.add(RowFactory.create(testId, kind, r + 1, list.get(r).trainId(), list.get(r).value()));
        }
    }
}
