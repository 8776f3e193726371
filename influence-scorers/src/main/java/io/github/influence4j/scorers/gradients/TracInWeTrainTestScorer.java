// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** TracIn-WE train-to-test: TracIn over the embedding group, plus word-level explanations. */
final class TracInWeTrainTestScorer implements TracInWeScorer {
    private final TracInTrainTestScorer delegate;

    TracInWeTrainTestScorer(TracInTrainTestScorer delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return delegate.requiredArtifacts();
    }

    @Override
    public InfluenceMatrix matrix(ScoreRequest request) {
        return delegate.matrix(request);
    }

    @Override
    public TopInfluences topK(int k, ScoreRequest request) {
        return delegate.topK(k, request);
    }

    @Override
    public List<WordContribution> explain(int testId, int trainId) {
        TrainingArtifactStore test = delegate.test();
        TrainingArtifactStore train = delegate.train();
        Objects.checkIndex(testId, test.numExamples());
        Objects.checkIndex(trainId, train.numExamples());
        TracInPlan plan = delegate.plan();
        List<EmbeddingGradients> a = new ArrayList<>();
        List<EmbeddingGradients> b = new ArrayList<>();
        try (GradientReader ra = new GradientReader(test, plan.groups(), ExampleRange.of(testId, testId + 1));
                GradientReader rb = new GradientReader(train, plan.groups(), ExampleRange.of(trainId, trainId + 1))) {
            for (var c : plan.checkpoints()) {
                a.add(((GroupBlock.Embedding) ra.read(c.id()).get(0)).gradients());
                b.add(((GroupBlock.Embedding) rb.read(c.id()).get(0)).gradients());
            }
        }
        return WordExplanations.explain(a, 0, b, 0, plan.etas());
    }
}
