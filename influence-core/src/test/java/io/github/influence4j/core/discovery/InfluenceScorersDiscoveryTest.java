// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.AmbiguousScorerException;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.exception.ScorerNotFoundException;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link InfluenceScorers} discovery through {@link java.util.ServiceLoader}: each case gets its own
 * {@link URLClassLoader} over a temporary copy of one {@code spi-cases/<case>} directory, so cases
 * never see each other (see {@code src/test/resources/spi-cases/README.md}).
 */
class InfluenceScorersDiscoveryTest {
    private static final String SERVICES = "META-INF/services/" + InfluenceScorerProvider.class.getName();

    @TempDir
    Path tmp;
    private final List<URLClassLoader> loaders = new java.util.ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader l : loaders) {
            l.close();
        }
        InfluenceScorers.reload();
    }

    private URLClassLoader loader(String caseName) throws IOException {
        Path root = tmp.resolve(caseName + "-" + loaders.size());
        Files.createDirectories(root);
        if (caseName != null && !caseName.equals("empty")) {
            Path target = root.resolve(SERVICES);
            Files.createDirectories(target.getParent());
            try (InputStream in = getClass().getResourceAsStream("/spi-cases/" + caseName + "/" + SERVICES)) {
                Files.copy(in, target);
            }
        }
        URLClassLoader l = new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
        loaders.add(l);
        return l;
    }

    private static List<String> names(List<ScorerDefinition> ps) {
        return ps.stream().map(ScorerDefinition::name).toList();
    }

    @Test
    void theCoreTestClassPathRegistersNoProviders() {
        assertEquals(List.of(), names(InfluenceScorers.available(getClass().getClassLoader())),
                "core's test class path must not register providers at its root (the cases below rely on it)");
    }

    @Test
    void zeroProviders() throws IOException {
        ClassLoader l = loader("empty");
        assertEquals(List.of(), InfluenceScorers.available(l));
        ScorerNotFoundException e = assertThrows(ScorerNotFoundException.class, () -> InfluenceScorers.definition("vog", l));
        assertTrue(e.getMessage().contains("no scorer named 'vog'; available: []"), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/services/" + InfluenceScorerProvider.class.getName()), e.getMessage());
    }

    @Test
    void providersSortedByNameAndUnknownNameListsThem() throws IOException {
        ClassLoader l = loader("two");
        assertEquals(List.of("alpha", "beta"), names(InfluenceScorers.available(l)));
        assertEquals("test provider beta", InfluenceScorers.definition("beta", l).description());
        ScorerNotFoundException e = assertThrows(ScorerNotFoundException.class,
                () -> InfluenceScorers.definition("gamma", l));
        assertTrue(e.getMessage().contains("no scorer named 'gamma'; available: [alpha, beta]"), e.getMessage());
    }

    @Test
    void duplicateNamesFailNamingBothClasses() throws IOException {
        ClassLoader l = loader("duplicate");
        AmbiguousScorerException e = assertThrows(AmbiguousScorerException.class, () -> InfluenceScorers.available(l));
        assertTrue(e.getMessage().contains("two scorer providers offer a scorer named 'alpha'"), e.getMessage());
        assertTrue(e.getMessage().contains(TestProviders.Alpha.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(TestProviders.AlphaAgain.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("remove one jar"), e.getMessage());
        assertThrows(AmbiguousScorerException.class, () -> InfluenceScorers.definition("beta", l),
                "an ambiguous class path fails every lookup, not only the duplicated name");
    }

    @Test
    void brokenProvidersAreLoggedAtWarnAndSkipped() throws IOException {
        ClassLoader l = loader("broken");
        String log = captureStderr(() -> assertEquals(List.of("alpha", "beta"), names(InfluenceScorers.available(l))));
        List<String> warnings = log.lines().filter(x -> x.contains("WARN")).toList();
        assertEquals(3, warnings.size(), log);
        assertTrue(log.contains(TestProviders.Throwing.class.getName()) && log.contains("failed on purpose"), log);
        assertTrue(log.contains("io.github.influence4j.core.discovery.NoSuchProvider"), log);
        assertTrue(log.contains(TestProviders.NameThrows.class.getName()) && log.contains("scorers() failed"), log);
    }

    @Test
    void discoveryIsCachedPerClassLoaderUntilReload() throws IOException {
        URLClassLoader a = loader("two");
        URLClassLoader b = loader("two");
        ScorerDefinition first = InfluenceScorers.definition("alpha", a);
        assertSame(first, InfluenceScorers.definition("alpha", a), "same loader: cached instance");
        assertNotSame(first, InfluenceScorers.definition("alpha", b), "another loader: its own discovery");
        // the cache does not re-read the services file ...
        Path services = Path.of(a.getURLs()[0].getPath()).resolve(SERVICES);
        Files.writeString(services, TestProviders.Beta.class.getName() + "\n");
        assertEquals(List.of("alpha", "beta"), names(InfluenceScorers.available(a)));
        // ... until reload() forgets it
        InfluenceScorers.reload();
        assertEquals(List.of("beta"), names(InfluenceScorers.available(a)));
        assertEquals(List.of("alpha", "beta"), names(InfluenceScorers.available(b)));
    }

    @Test
    void overloadsWithoutLoaderUseTheContextClassLoader() throws IOException {
        ClassLoader l = loader("two");
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        try (ArtifactWriter w = MemoryStores.create(new StoreSpec("spi", 2, 2, 2))) {
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 0.1, 1))) {
                c.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, Nd4j.zeros(DataType.FLOAT, 2, 2));
                c.commit();
            }
            t.setContextClassLoader(l);
            assertEquals(List.of("alpha", "beta"), names(InfluenceScorers.available()));
            assertEquals("beta", InfluenceScorers.definition("beta").name());
            TestProviders.Created c = (TestProviders.Created) InfluenceScorers.create("alpha", w.store(), Map.of("k", "v"));
            assertEquals(new TestProviders.Created("alpha", w.store(), Map.of("k", "v")), c);
            t.setContextClassLoader(saved);
            TestProviders.Created viaLoader = (TestProviders.Created) InfluenceScorers.create("beta", w.store(),
                    Map.of(), l);
            assertEquals("beta", viaLoader.name());
            assertThrows(ScorerNotFoundException.class, () -> InfluenceScorers.definition("alpha"),
                    "the test class path itself has no providers");
        } finally {
            t.setContextClassLoader(saved);
        }
        try (ArtifactWriter empty = MemoryStores.create(new StoreSpec("bare", 2, 2, 2))) {
            MissingArtifactException e = assertThrows(MissingArtifactException.class,
                    () -> InfluenceScorers.create("alpha", empty.store(), Map.of(), l));
            assertTrue(e.getMessage().contains("alpha needs [LOGITS]; store 'bare' has [] (0 checkpoints)"),
                    e.getMessage());
        }
    }

    private static String captureStderr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
