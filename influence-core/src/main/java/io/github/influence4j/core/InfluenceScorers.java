package io.github.influence4j.core;

import io.github.influence4j.core.exception.AmbiguousScorerException;
import io.github.influence4j.core.exception.ScorerNotFoundException;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
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
 * Finds scorers by name through {@link ServiceLoader} (DESIGN.md section 1).
 *
 * <pre>{@code
 * for (InfluenceScorerProvider p : InfluenceScorers.available()) System.out.println(p.name());
 * InfluenceScores s = InfluenceScorers.create("el2n", store, Map.of()).score();
 * }</pre>
 *
 * <p>Discovery is lazy and cached per {@link ClassLoader}. A provider that fails to load is logged
 * at WARN and skipped; two providers with one name is an {@link AmbiguousScorerException} naming
 * both classes (silently different scores are worse than an error); an unknown name is a
 * {@link ScorerNotFoundException} listing what is available.
 */
public final class InfluenceScorers {
    private static final Logger LOG = LoggerFactory.getLogger(InfluenceScorers.class);
    private static final Map<ClassLoader, Map<String, InfluenceScorerProvider>> CACHE = new WeakHashMap<>();

    private InfluenceScorers() {
    }

    /** @return the providers visible to the thread's context class loader, sorted by name */
    public static List<InfluenceScorerProvider> available() {
        return available(defaultLoader());
    }

    /**
     * @param loader the class loader to search
     * @return the providers visible to it, sorted by name
     */
    public static List<InfluenceScorerProvider> available(ClassLoader loader) {
        return List.copyOf(providers(loader).values());
    }

    /**
     * @param name a provider name
     * @return the provider
     * @throws ScorerNotFoundException listing the available names
     */
    public static InfluenceScorerProvider provider(String name) {
        return provider(name, defaultLoader());
    }

    /**
     * @param name a provider name
     * @param loader the class loader to search
     * @return the provider
     * @throws ScorerNotFoundException listing the available names
     */
    public static InfluenceScorerProvider provider(String name, ClassLoader loader) {
        Map<String, InfluenceScorerProvider> all = providers(loader);
        InfluenceScorerProvider p = all.get(name);
        if (p == null) {
            throw new ScorerNotFoundException("no scorer named '" + name + "'; available: " + all.keySet()
                    + ". A third-party scorer needs its jar on the classpath and a META-INF/services/"
                    + InfluenceScorerProvider.class.getName() + " entry.");
        }
        return p;
    }

    /**
     * @param name a provider name
     * @param store the store to score
     * @param options options as strings
     * @return the scorer
     */
    public static InfluenceScorer create(String name, TrainingArtifactStore store, Map<String, String> options) {
        return provider(name).create(store, options);
    }

    /**
     * @param name a provider name
     * @param store the store to score
     * @param options options as strings
     * @param loader the class loader to search
     * @return the scorer
     */
    public static InfluenceScorer create(String name, TrainingArtifactStore store, Map<String, String> options,
            ClassLoader loader) {
        return provider(name, loader).create(store, options);
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

    private static Map<String, InfluenceScorerProvider> providers(ClassLoader loader) {
        synchronized (CACHE) {
            Map<String, InfluenceScorerProvider> m = CACHE.get(loader);
            if (m == null) {
                m = discover(loader);
                CACHE.put(loader, m);
            }
            return m;
        }
    }

    private static Map<String, InfluenceScorerProvider> discover(ClassLoader loader) {
        TreeMap<String, InfluenceScorerProvider> found = new TreeMap<>();
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
            String name;
            try {
                name = p.name();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Skipping scorer provider {}: name() failed: {}", p.getClass().getName(), e.toString());
                continue;
            }
            InfluenceScorerProvider prev = found.putIfAbsent(name, p);
            if (prev != null) {
                throw new AmbiguousScorerException("two scorer providers are named '" + name + "': "
                        + prev.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one jar from the classpath or rename one provider");
            }
        }
        LOG.debug("Discovered {} scorer providers: {}", found.size(), found.keySet());
        return Collections.unmodifiableMap(found);
    }
}
