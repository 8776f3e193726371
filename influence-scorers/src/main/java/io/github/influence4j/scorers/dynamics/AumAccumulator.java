package io.github.influence4j.scorers.dynamics;

/**
 * Area under the margin of one chunk (Pleiss et al. 2020, Eq. 1-2): the margin
 * z_y - max_{k != y} z_k of the pre-softmax logits, averaged over the selected checkpoints. Pure
 * arithmetic.
 */
final class AumAccumulator implements LogitAccumulator {
    private final int[] labels;
    private final int k;
    private final double[] sum;
    private int count;

    /**
     * @param labels gold class per example
     * @param k the number of classes, {@code >= 2}
     */
    AumAccumulator(int[] labels, int k) {
        this.labels = labels.clone();
        this.k = k;
        this.sum = new double[labels.length];
    }

    @Override
    public void add(double[] logits, double[] nullLogits) {
        count++;
        for (int i = 0; i < labels.length; i++) {
            int o = i * k;
            int y = labels[i];
            double other = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != y) {
                    other = Math.max(other, logits[o + j]);
                }
            }
            sum[i] += logits[o + y] - other;
        }
    }

    @Override
    public double[][] results() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum[i] / count;
        }
        return new double[][] {out};
    }
}
