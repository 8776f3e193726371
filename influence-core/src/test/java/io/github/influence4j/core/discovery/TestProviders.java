package io.github.influence4j.core.discovery;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactRequirements;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Map;
import java.util.Set;

/** Scorer providers for the discovery tests, registered by the services files under {@code spi-cases/}. */
public final class TestProviders {
    private TestProviders() {
    }

    /** A scorer that remembers what it was created with; scoring is not what these tests are about. */
    public record Created(String name, TrainingArtifactStore store, Map<String, String> options) implements InfluenceScorer {
        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return Set.of(ArtifactKind.LOGITS);
        }

        @Override
        public InfluenceScores score(ScoreRequest request) {
            throw new UnsupportedOperationException("test scorer " + name + " does not score");
        }
    }

    /** Shared behaviour: a name, and create() checks the store like a real scorer. */
    public abstract static class Base implements InfluenceScorerProvider {
        private final String name;

        Base(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test provider " + name;
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return Set.of(ArtifactKind.LOGITS);
        }

        @Override
        public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
            ArtifactRequirements.require(store, name, requiredArtifacts());
            return new Created(name, store, Map.copyOf(options));
        }
    }

    /** Named {@code alpha}. */
    public static final class Alpha extends Base {
        /** Public no-argument constructor, as ServiceLoader requires. */
        public Alpha() {
            super("alpha");
        }
    }

    /** Named {@code beta}. */
    public static final class Beta extends Base {
        /** Public no-argument constructor. */
        public Beta() {
            super("beta");
        }
    }

    /** A second provider named {@code alpha}. */
    public static final class AlphaAgain extends Base {
        /** Public no-argument constructor. */
        public AlphaAgain() {
            super("alpha");
        }
    }

    /** Its constructor throws. */
    public static final class Throwing extends Base {
        /** Always throws. */
        public Throwing() {
            super("throwing");
            throw new IllegalStateException("constructor of Throwing failed on purpose");
        }
    }

    /** Its name() throws. */
    public static final class NameThrows extends Base {
        /** Public no-argument constructor. */
        public NameThrows() {
            super("unused");
        }

        @Override
        public String name() {
            throw new IllegalStateException("name() of NameThrows failed on purpose");
        }
    }
}
