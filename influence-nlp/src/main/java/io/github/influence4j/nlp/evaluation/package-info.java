// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Whether influence estimates predict retraining: the linear datamodeling score (LDS; Park et al.
 * 2023, Sec. 2.2; Ilyas et al. 2022) over random training subsets ({@link
 * io.github.influence4j.nlp.evaluation.LinearDatamodelingScore}, {@link
 * io.github.influence4j.nlp.evaluation.RandomSubsets}), the brittleness test of removing a test
 * example's top positive influencers ({@link io.github.influence4j.nlp.evaluation.Brittleness}), and
 * the SNLI retraining that measures the model outputs they compare with ({@link
 * io.github.influence4j.nlp.evaluation.SnliRetrainer}).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp.evaluation;
