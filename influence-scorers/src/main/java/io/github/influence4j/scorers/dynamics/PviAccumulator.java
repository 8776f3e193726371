package io.github.influence4j.scorers.dynamics;

/**
 * Pointwise V-information of one chunk (Ethayarajh et al. 2022, Def. 3):
 * PVI(x -> y) = log2 p_x(y) - log2 p_null(y), with p = softmax of {@code LOGITS} and of
 * {@code NULL_LOGITS} at the same checkpoint, averaged over the selected checkpoints. Pure
 * arithmetic.
 *
 * @implNote Base-2 logarithms (bits), via log-sum-exp in float64 divided by ln 2.
 */
final class PviAccumulator implements LogitAccumulator {
    private static final double LN2 = Math.log(2.0);
    private final int[] labels;
    private final int k;
    private final double[] sum;
    private int count;

    /**
     * @param labels gold class per example
     * @param k the number of classes
     */
    PviAccumulator(int[] labels, int k) {
        this.labels = labels.clone();
        this.k = k;
        this.sum = new double[labels.length];
    }

    @Override
    public void add(double[] logits, double[] nullLogits) {
        count++;
        for (int i = 0; i < labels.length; i++) {
            double lx = LogitMath.logSoftmax(logits, i, k, labels[i]);
            double ln = LogitMath.logSoftmax(nullLogits, i, k, labels[i]);
            sum[i] += (lx - ln) / LN2;
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
