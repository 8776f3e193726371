// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

/**
 * One shared token's part of the TracIn-WE influence of a training example on a test example
 * (Yeh et al. 2022, Sec. 3.2, word-level explanations): {@code sum_c eta_c g_w(x) . g_w(x')}.
 * The contributions of all shared tokens sum to the pair's influence.
 *
 * @param tokenId the token id w
 * @param contribution its contribution (positive = the token makes the training example a proponent)
 */
public record WordContribution(int tokenId, double contribution) {
}
