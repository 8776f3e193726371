package io.github.influence4j.scorers.dynamics;

/**
 * EL2N of one chunk (Paul et al. 2021, Sec. 3, "error L2-norm"): ||softmax(z_c) - onehot(y)||_2 per
 * checkpoint, averaged over the selected checkpoints. Pure arithmetic.
 */
final class El2nAccumulator implements LogitAccumulator {
    private final int[] labels;
    private final int k;
    private final double[] sum;
    private final double[] p;
    private int count;

    /**
     * @param labels gold class per example
     * @param k the number of classes
     */
    El2nAccumulator(int[] labels, int k) {
        this.labels = labels.clone();
        this.k = k;
        this.sum = new double[labels.length];
        this.p = new double[k];
    }

    @Override
    public void add(double[] logits, double[] nullLogits) {
        count++;
        for (int i = 0; i < labels.length; i++) {
            LogitMath.softmax(logits, i, k, p);
            double s = 0;
            for (int j = 0; j < k; j++) {
                double e = p[j] - (j == labels[i] ? 1.0 : 0.0);
                s += e * e;
            }
            sum[i] += Math.sqrt(s);
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
