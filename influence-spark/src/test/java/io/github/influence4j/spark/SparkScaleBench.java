// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import io.github.influence4j.bench.SyntheticShape;
import io.github.influence4j.bench.SyntheticStore;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.spark.scoring.ScoreDataset;
import io.github.influence4j.spark.scoring.SparkScoring;
import io.github.influence4j.spark.store.ShardCopies;
import io.github.influence4j.spark.store.ShardSet;
import io.github.influence4j.spark.store.ShardSetManifest;
import io.github.influence4j.spark.store.ShardSets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The scale-out benchmark of docs/SCALE.md (not a test): one process per measurement.
 *
 * <pre>
 * SparkScaleBench create DIR N FAMILY SHARDS     write a synthetic store set (FAMILY: logit | gradient)
 * SparkScaleBench score DIR MODE SCORER           MODE: one-jvm | local[1] | local[2]; prints seconds and peak RSS
 * </pre>
 *
 * <p>On Spark it also prints the time of each part (scoring, count, sum); with the environment
 * variable {@code BENCH_REPEAT} set, it runs the count and the sum twice more, warm (not counted).</p>
 */
public final class SparkScaleBench {
    private SparkScaleBench() {
    }

    /**
     * @param shape the family's per-example shape
     * @param n examples
     * @return the shape of one shard
     */
    static SyntheticShape shape(String family, int n) {
        return switch (family) {
            // the logit family reads LOGITS (+ NULL_LOGITS for PVI) and LABELS: no gradients, a tiny head
            case "logit" -> new SyntheticShape(n, 1, 1, 1, 3, 4, 100, 2, 65536, false, true);
            // a gradient scorer (TracIn self-influence over the factored head layers): 8-wide layers
            case "gradient" -> new SyntheticShape(n, 1, 1, 1, 3, 4, 100, 8, 16384, false, true);
            default -> throw new IllegalArgumentException("family: logit or gradient, was " + family);
        };
    }

    /**
     * @param args see the class documentation
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        Path dir = Path.of(args[1]).toAbsolutePath();
        URI set = dir.resolve("set").toUri();
        if (args[0].equals("create")) {
            int n = Integer.parseInt(args[2]);
            String family = args[3];
            int shards = Integer.parseInt(args[4]);
            long t0 = System.nanoTime();
            List<ShardSetManifest.Shard> list = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                int from = (int) ((long) n * s / shards);
                int to = (int) ((long) n * (s + 1) / shards);
                String name = ShardCopies.shardName(s);
                Path shardDir = dir.resolve("set").resolve(ShardSets.SHARDS).resolve(name);
                Files.createDirectories(shardDir.getParent());
                SyntheticStore.createFile(shardDir, "bench-" + name, shape(family, to - from), 1);
                list.add(new ShardSetManifest.Shard(name, from, to, "-", "-"));
            }
            ShardSets.commit(set, conf, "bench", list);
            System.out.printf("created %d examples (%s) in %d shards in %.1f s%n", n, family, shards,
                    (System.nanoTime() - t0) / 1e9);
            return;
        }
        String mode = args[2];
        String scorer = args[3];
        ShardSet checked = ShardSets.open(set, conf);
        // not counted in either mode: loading ND4J's native backend
        org.nd4j.linalg.factory.Nd4j.zeros(4).sumNumber();
        long t0 = System.nanoTime();
        long count;
        double checksum;
        if (mode.equals("one-jvm")) {
            try (TrainingArtifactStore all = ShardSets.openStore(set, conf)) {
                InfluenceScores s = InfluenceScorers.create(scorer, all, Map.of()).score();
                count = s.size();
                checksum = java.util.Arrays.stream(s.values()).sum();
            }
        } else {
            SparkSession spark = SparkSession.builder().master(mode).appName("bench").config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
            spark.range(100).count();  // not counted: the session's first job (class loading, code generation)
            long t1 = System.nanoTime();
            ScoreDataset ds = SparkScoring.score(spark, checked, conf, scorer, Map.of());
            long t2 = System.nanoTime();
            count = ds.rows().count();
            long t3 = System.nanoTime();
            checksum = ds.rows().agg(org.apache.spark.sql.functions.sum(ScoreDataset.SCORE)).first().getDouble(0);
            long t4 = System.nanoTime();
            if (System.getenv("BENCH_REPEAT") != null) { // diagnosis: the same two actions again, warm
                for (int r = 0; r < 2; r++) {
                    long a = System.nanoTime();
                    ds.rows().count();
                    long b = System.nanoTime();
                    ds.rows().agg(org.apache.spark.sql.functions.sum(ScoreDataset.SCORE)).first();
                    System.out.printf("again: count %.3f s, sum %.3f s%n", (b - a) / 1e9, (System.nanoTime() - b) / 1e9);
                }
            }
            System.out.printf("session start and first job %.2f s (not counted); score %.3f s, count %.3f s, sum %.3f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            t0 = t1;
            spark.stop();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT mode=%s scorer=%s n=%d seconds=%.3f examples_per_s=%.0f peak_rss_mib=%d checksum=%.6e%n",
                mode, scorer, count, seconds, count / seconds, peakRssMib(), checksum);
    }

    private static long peakRssMib() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
