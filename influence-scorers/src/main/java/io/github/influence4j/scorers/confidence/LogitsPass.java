package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.ScoringRun;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.internal.ArtifactReads;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk loop shared by the logit-based scorers: for each example range of the run, read and
 * check the labels, then, per selected checkpoint in order, read {@code LOGITS} (and
 * {@code NULL_LOGITS} for PVI) of width K and feed them to a fresh {@link LogitAccumulator}. Memory
 * is O(chunk x K) plus the O(N) outputs.
 */
final class LogitsPass {
    private static final Logger LOG = LoggerFactory.getLogger(LogitsPass.class);
    static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    static final ArtifactKey NULL_LOGITS = ArtifactKey.of(ArtifactKind.NULL_LOGITS);

    private LogitsPass() {
    }

    /**
     * @param run the scoring run (ranges, cancellation, progress)
     * @param scorer the scorer's name
     * @param checkpoints selected checkpoints, in training order
     * @param withNull whether to read {@code NULL_LOGITS} too
     * @param outputs the number of output scores of the accumulator
     * @param factory makes an accumulator from (labels of the chunk, K)
     * @return {@code [outputs][N]}; entries outside the run's ranges are 0
     */
    static double[][] run(ScoringRun run, String scorer, List<Checkpoint> checkpoints, boolean withNull, int outputs,
            BiFunction<int[], Integer, LogitAccumulator> factory) {
        TrainingArtifactStore store = run.store();
        int n = store.numExamples();
        int k = store.numClasses();
        double[][] all = new double[outputs][n];
        for (ExampleRange range : run.ranges()) {
            run.checkCancelled();
            int[] labels = ArtifactReads.labels(store, scorer, range);
            LogitAccumulator acc = factory.apply(labels, k);
            for (Checkpoint c : checkpoints) {
                double[] z = ArtifactReads.dense(store, scorer, c, LOGITS, range, k);
                double[] zn = withNull ? ArtifactReads.dense(store, scorer, c, NULL_LOGITS, range, k) : new double[0];
                acc.add(z, zn);
            }
            double[][] r = acc.results();
            for (int o = 0; o < outputs; o++) {
                System.arraycopy(r[o], 0, all[o], range.from(), range.size());
            }
            LOG.trace("{}: scored {}", scorer, range);
            run.progress(range);
        }
        return all;
    }
}
