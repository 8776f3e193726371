package io.github.influence4j.scorers.tracin;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.tracinwe.TracInWeOptions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Service providers of the TracIn self-influence scores, registered in
 * {@code META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider}.
 */
public final class TracInProviders {
    private TracInProviders() {
    }

    private static Map<String, String> weOptions(int defaultTopK) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("top-k", "positions kept per example and checkpoint, largest gradient-row norm first (default "
                + defaultTopK + (defaultTopK == 0 ? " = all" : "") + ")");
        m.put("use-learning-rate", "weight checkpoints by their learning rate (default true)");
        m.put("checkpoints", "comma list of checkpoint ids (default: all holding EMBEDDING_GRADS)");
        m.put("max-matrix-bytes", "unused by self-influence");
        return m;
    }

    /** {@value TracIn#SELF}: TracIn self-influence (Pruthi et al. 2020). */
    public static final class Self implements InfluenceScorerProvider {
        /** For ServiceLoader. */
        public Self() {
        }

        @Override
        public String name() {
            return TracIn.SELF;
        }

        @Override
        public String description() {
            return "TracIn self-influence sum_c eta_c ||grad L||^2 over chosen parameter groups (Pruthi et al. 2020); "
                    + "higher = harder";
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return EnumSet.of(ArtifactKind.LAYER_INPUTS, ArtifactKind.LAYER_OUTPUT_GRADS);
        }

        @Override
        public Map<String, String> options() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("layers", "comma list of groups: layer names, " + TracInOptions.EMBEDDINGS + ", "
                    + TracInOptions.PROJECTED + ", all, or default (the last dense layer before the head)");
            m.put("bias", "include dense-layer biases (default true)");
            m.put("embedding-top-k", "for " + TracInOptions.EMBEDDINGS + ": positions kept (default 0 = all)");
            m.put("use-learning-rate", "weight checkpoints by their learning rate (default true)");
            m.put("checkpoints", "comma list of checkpoint ids (default: all holding gradients)");
            m.put("max-matrix-bytes", "unused by self-influence");
            return m;
        }

        @Override
        public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
            return TracIn.selfInfluence(store, TracInOptions.fromMap(TracIn.SELF, options));
        }
    }

    /** {@value TracIn#WE_SELF}: TracIn-WE self-influence (Yeh et al. 2022). */
    public static final class WeSelf implements InfluenceScorerProvider {
        /** For ServiceLoader. */
        public WeSelf() {
        }

        @Override
        public String name() {
            return TracIn.WE_SELF;
        }

        @Override
        public String description() {
            return "TracIn-WE self-influence sum_c eta_c sum_w ||g_w||^2 over the word embeddings (Yeh et al. 2022); "
                    + "higher = harder";
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return EnumSet.of(ArtifactKind.TOKEN_IDS, ArtifactKind.EMBEDDING_GRADS);
        }

        @Override
        public Map<String, String> options() {
            return weOptions(0);
        }

        @Override
        public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
            return TracIn.weSelfInfluence(store, TracInWeOptions.fromMap(TracIn.WE_SELF, options, 0));
        }
    }

    /** {@value TracIn#WE_TOPK_SELF}: TracIn-WE-Top-k self-influence, k = 10 by default (Yeh et al. 2022). */
    public static final class WeTopKSelf implements InfluenceScorerProvider {
        /** The default k, as in the official notebook. */
        public static final int DEFAULT_K = 10;

        /** For ServiceLoader. */
        public WeTopKSelf() {
        }

        @Override
        public String name() {
            return TracIn.WE_TOPK_SELF;
        }

        @Override
        public String description() {
            return "TracIn-WE-Top-k self-influence: TracIn-WE over the k positions with the largest gradient norm "
                    + "(Yeh et al. 2022); higher = harder";
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return EnumSet.of(ArtifactKind.TOKEN_IDS, ArtifactKind.EMBEDDING_GRADS);
        }

        @Override
        public Map<String, String> options() {
            return weOptions(DEFAULT_K);
        }

        @Override
        public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
            TracInWeOptions o = TracInWeOptions.fromMap(TracIn.WE_TOPK_SELF, options, DEFAULT_K);
            if (o.topK() == 0) {
                throw new io.github.influence4j.core.exception.ConfigurationException("scorer '" + TracIn.WE_TOPK_SELF
                        + "': option top-k='0' is invalid; expected an integer >= 1 (use tracin-we-self for all positions)");
            }
            return TracIn.weSelfInfluence(store, o);
        }
    }
}
