// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batched eval-mode forward pass and backward pass of a summed objective over a {@link NetworkGraph}.
 *
 * <p>Examples are independent in eval mode (no dropout; batch normalisation, if any, uses its
 * running statistics), so one backward pass of {@code sum_i f_i} gives every example's own
 * gradient {@code d f_i / d(activation_i)} (docs/DESIGN.md section 5.1).
 */
final class Backprop {
    private Backprop() {
    }

    /**
     * @param nodes the nodes in topological order
     * @param inputs the network inputs
     * @return every node's output; the last is the logits
     */
    static INDArray[] forward(List<Node> nodes, INDArray[] inputs) {
        INDArray[] out = new INDArray[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            if (node instanceof InputNode in) {
                out[n] = inputs[in.inputIndex()];
                continue;
            }
            int[] ins = node.inputs();
            INDArray[] x = new INDArray[ins.length];
            for (int j = 0; j < ins.length; j++) {
                x[j] = out[ins[j]];
            }
            out[n] = node.forward(x);
        }
        return out;
    }

    /**
     * @param nodes the nodes in topological order, after {@link #forward}
     * @param epsLogits d(objective) / d(logits), per example
     * @param run which nodes to run backward (see {@link #needed})
     * @return d(objective) / d(output of node n), for every node reached (null elsewhere)
     */
    static INDArray[] backward(List<Node> nodes, INDArray epsLogits, boolean[] run) {
        INDArray[] eps = new INDArray[nodes.size()];
        int last = nodes.size() - 1;
        eps[last] = epsLogits;
        for (int n = last; n >= 0; n--) {
            if (eps[n] == null || !run[n]) {
                continue;
            }
            Node node = nodes.get(n);
            INDArray[] back = node.backward(eps[n]);
            int[] ins = node.inputs();
            for (int j = 0; j < ins.length; j++) {
                int src = ins[j];
                eps[src] = eps[src] == null ? back[j].dup() : eps[src].add(back[j]);
            }
        }
        return eps;
    }

    /**
     * Which nodes a backward pass must run to reach the targets: the strict descendants of every
     * target, plus the targets themselves when {@code includeTargets} (a dense target computes its
     * delta in its own backward step; a gradient taken at a node's output needs only its descendants).
     *
     * @param nodes the nodes in topological order
     * @param targets node indices
     * @param includeTargets whether the targets run too
     * @return a flag per node
     */
    static boolean[] needed(List<Node> nodes, Set<Integer> targets, boolean includeTargets) {
        boolean[] below = new boolean[nodes.size()];
        boolean[] run = new boolean[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            for (int src : nodes.get(n).inputs()) {
                if (targets.contains(src) || below[src]) {
                    below[n] = true;
                }
            }
            run[n] = below[n] || (includeTargets && targets.contains(n));
        }
        return run;
    }
}
