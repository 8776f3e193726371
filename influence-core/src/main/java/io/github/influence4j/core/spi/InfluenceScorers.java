// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.exception.AmbiguousScorerException;
import io.github.influence4j.core.exception.ScorerNotFoundException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds scorers by name through {@link ServiceLoader}: every {@link ScorerDefinition} offered by an
 * {@link InfluenceScorerProvider} on the class path, built-in or a user's own.
 *
 * <pre>{@code
 * for (ScorerDefinition d : InfluenceScorers.available()) System.out.println(d.name());
 * InfluenceScores s = InfluenceScorers.create("el2n", store, Map.of()).score();
 * }</pre>
 *
 * <p>Discovery is lazy and cached per {@link ClassLoader}. A provider that fails to load is logged
 * at WARN and skipped; two scorers with one name is an {@link AmbiguousScorerException} naming
 * both provider classes (silently different scores are worse than an error); an unknown name is a
 * {@link ScorerNotFoundException} listing what is available.
 */
public final class InfluenceScorers {
    private static final Logger LOG = LoggerFactory.getLogger(InfluenceScorers.class);
    private static final Map<ClassLoader, Map<String, ScorerDefinition>> CACHE = new WeakHashMap<>();
    private static final Map<ScorerDefinition, String> PROVIDERS = Collections.synchronizedMap(new WeakHashMap<>());

    private InfluenceScorers() {
    }

    /** @return the scorers visible to the thread's context class loader, sorted by name */
    public static List<ScorerDefinition> available() {
        return available(defaultLoader());
    }

    /**
     * @param loader the class loader to search
     * @return the scorers visible to it, sorted by name
     */
    public static List<ScorerDefinition> available(ClassLoader loader) {
        return List.copyOf(definitions(loader).values());
    }

    /**
     * @param name a scorer name
     * @return its definition
     * @throws ScorerNotFoundException listing the available names
     */
    public static ScorerDefinition definition(String name) {
        return definition(name, defaultLoader());
    }

    /**
     * @param name a scorer name
     * @param loader the class loader to search
     * @return its definition
     * @throws ScorerNotFoundException listing the available names
     */
    public static ScorerDefinition definition(String name, ClassLoader loader) {
        Map<String, ScorerDefinition> all = definitions(loader);
        ScorerDefinition d = all.get(name);
        if (d == null) {
            throw new ScorerNotFoundException("no scorer named '" + name + "'; available: " + all.keySet()
                    + ". A third-party scorer needs its jar on the classpath and a META-INF/services/"
                    + InfluenceScorerProvider.class.getName() + " entry.");
        }
        return d;
    }

    /**
     * @param definition a definition returned by {@link #available()} or {@link #definition}
     * @return the class name of the provider that offered it (which jar a scorer comes from), or
     *     {@code "?"} for a definition not found by discovery
     */
    public static String providerOf(ScorerDefinition definition) {
        return PROVIDERS.getOrDefault(definition, "?");
    }

    /**
     * @param name a scorer name
     * @param store the store to score
     * @param options options as strings
     * @return the scorer
     */
    public static InfluenceScorer create(String name, TrainingArtifactStore store, Map<String, String> options) {
        return definition(name).create(store, options);
    }

    /**
     * @param name a scorer name
     * @param store the store to score
     * @param options options as strings
     * @param loader the class loader to search
     * @return the scorer
     */
    public static InfluenceScorer create(String name, TrainingArtifactStore store, Map<String, String> options,
            ClassLoader loader) {
        return definition(name, loader).create(store, options);
    }

    /** Forgets every cached discovery, e.g. after jars were added to a class loader. */
    public static void reload() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    private static ClassLoader defaultLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : InfluenceScorers.class.getClassLoader();
    }

    private static Map<String, ScorerDefinition> definitions(ClassLoader loader) {
        synchronized (CACHE) {
            Map<String, ScorerDefinition> m = CACHE.get(loader);
            if (m == null) {
                m = discover(loader);
                CACHE.put(loader, m);
            }
            return m;
        }
    }

    private static Map<String, ScorerDefinition> discover(ClassLoader loader) {
        TreeMap<String, ScorerDefinition> found = new TreeMap<>();
        Map<String, String> owner = new TreeMap<>();
        Iterator<InfluenceScorerProvider> it = ServiceLoader.load(InfluenceScorerProvider.class, loader).iterator();
        while (true) {
            InfluenceScorerProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("Skipping a scorer provider that failed to load: {}", e.toString());
                continue;
            }
            List<ScorerDefinition> offered;
            try {
                offered = List.copyOf(p.scorers());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Skipping scorer provider {}: scorers() failed: {}", p.getClass().getName(), e.toString());
                continue;
            }
            for (ScorerDefinition d : offered) {
                String cls = p.getClass().getName();
                if (found.putIfAbsent(d.name(), d) != null) {
                    throw new AmbiguousScorerException("two scorer providers offer a scorer named '" + d.name() + "': "
                            + owner.get(d.name()) + " and " + cls + "; remove one jar from the classpath or rename one scorer");
                }
                owner.put(d.name(), cls);
                PROVIDERS.put(d, cls);
            }
        }
        LOG.debug("Discovered {} scorers: {}", found.size(), found.keySet());
        return Collections.unmodifiableMap(found);
    }
}
