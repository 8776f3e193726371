// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.discovery;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.spi.Option;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactRequirements;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;
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

    /** Shared behaviour: one definition named like the provider, whose factory checks the store like a real scorer. */
    public abstract static class Base implements InfluenceScorerProvider {
        private final ScorerDefinition definition;

        Base(String name) {
            this.definition = ScorerDefinition.builder(name)
                    .description("test provider " + name)
                    .orientation(Orientation.HIGHER_IS_HARDER)
                    .requires(ArtifactKind.LOGITS)
                    .option(Option.string("k", "", "a free-form test option"))
                    .factory((def, store, options) -> {
                        ArtifactRequirements.require(store, def.name(), def.requiredArtifacts());
                        return new Created(def.name(), store, options.toMap());
                    })
                    .build();
        }

        @Override
        public List<ScorerDefinition> scorers() {
            return List.of(definition);
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

    /** Its scorers() throws. */
    public static final class NameThrows extends Base {
        /** Public no-argument constructor. */
        public NameThrows() {
            super("unused");
        }

        @Override
        public List<ScorerDefinition> scorers() {
            throw new IllegalStateException("scorers() of NameThrows failed on purpose");
        }
    }
}
