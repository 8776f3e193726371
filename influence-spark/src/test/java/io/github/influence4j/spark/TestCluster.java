// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session ({@code local[2]}, 4 attempts per task so that retries happen) and one real HDFS
 * (a {@link MiniDFSCluster} with one data node) per test JVM, started by the first test that asks,
 * stopped at JVM exit.
 */
public final class TestCluster {
    private static SparkSession spark;
    private static MiniDFSCluster hdfs;
    private static int counter;

    private TestCluster() {
    }

    /** @return the shared session */
    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2,4]").appName("influence4j-tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> spark.stop()));
        }
        return spark;
    }

    /** @return the shared HDFS */
    public static synchronized MiniDFSCluster hdfs() {
        if (hdfs == null) {
            try {
                File base = Files.createTempDirectory("influence4j-hdfs-").toFile();
                Configuration conf = new Configuration();
                conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
                conf.set("dfs.datanode.address", "127.0.0.1:0");
                conf.set("dfs.datanode.http.address", "127.0.0.1:0");
                conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
                conf.set("dfs.namenode.http-address", "127.0.0.1:0");
                // the client polls the name node when it closes a file, from 400 ms by default
                conf.set("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "5");
                hdfs = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
                hdfs.waitActive();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MiniDFSCluster h = hdfs;
            Runtime.getRuntime().addShutdownHook(new Thread(h::shutdown));
        }
        return hdfs;
    }

    /** @return a Hadoop configuration that reaches the shared HDFS */
    public static Configuration conf() {
        return new Configuration(hdfs().getConfiguration(0));
    }

    /**
     * @param name a readable prefix
     * @return a fresh, unused directory URI on the shared HDFS
     */
    public static synchronized URI hdfsDir(String name) {
        return URI.create(hdfs().getURI().toString() + "/t" + (counter++) + "-" + name);
    }
}
