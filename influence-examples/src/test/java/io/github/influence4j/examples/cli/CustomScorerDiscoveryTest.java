// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.spi.InfluenceScorers;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A third-party scorer (module influence-example-custom-scorer, kept off this module's test
 * classpath) is found by {@code score --list} and {@code score --scorer loss-mean} exactly when its
 * classes are on the class path the CLI searches.
 */
class CustomScorerDiscoveryTest {
    static Path customClasses() {
        String dir = System.getProperty("influence4j.test.customScorerClasses");
        Path p = Path.of(dir == null ? "../influence-example-custom-scorer/target/classes" : dir);
        assertTrue(Files.isRegularFile(p.resolve("META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider")),
                "build influence-example-custom-scorer first (mvn -pl influence-examples -am test does): " + p);
        return p;
    }

    @AfterEach
    void forget() {
        InfluenceScorers.reload();
    }

    static <T> T withCustomScorerOnClasspath(Callable<T> body) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {customClasses().toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(cl);
            return body.call();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void listShowsTheCustomScorerOnlyWhenItsJarIsOnTheClasspath() throws Exception {
        CliRun without = CliRun.of("score", "--list").assertOk();
        assertFalse(without.out().contains("loss-mean"), without.out());

        CliRun with = withCustomScorerOnClasspath(() -> CliRun.of("score", "--list").assertOk());
        assertTrue(with.out().contains("loss-mean"), with.out());
        assertTrue(with.out().contains("requires LOSS"), with.out());
        assertTrue(with.out().contains("com.example.lossmean.LossMean)"), with.out());
        assertTrue(with.out().contains("--option last=..."), with.out());
    }
}
