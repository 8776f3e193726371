package io.github.influence4j.examples.demo;

import io.github.influence4j.core.InfluenceScores;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Orders scored examples by hardness and prunes by rank.
 *
 * @implNote Ties are broken by example id (lower first among equally hard examples), so every
 *     ordering is deterministic, as DESIGN.md section 4 asks of selection.
 */
public final class Ranking {
    private Ranking() {
    }

    /**
     * @param scores the scores
     * @return indices into {@code scores}, hardest first
     */
    public static int[] hardestFirst(InfluenceScores scores) {
        double[] v = scores.values();
        Comparator<Integer> harderFirst = (a, b) -> {
            int c = scores.orientation().compareHardness(v[b], v[a]);
            return c != 0 ? c : Integer.compare(a, b);
        };
        return IntStream.range(0, v.length).boxed().sorted(harderFirst).mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param scores scores of the training pool
     * @param pruneHard true to remove the hardest examples, false the easiest
     * @param fraction the fraction to remove, in [0, 1)
     * @return the example ids kept, sorted
     */
    public static int[] keepAfterPruning(InfluenceScores scores, boolean pruneHard, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1), was " + fraction);
        }
        int[] order = hardestFirst(scores);
        int n = order.length;
        int remove = (int) Math.round(fraction * n);
        int[] ids = scores.exampleIds();
        int from = pruneHard ? remove : 0;
        int to = pruneHard ? n : n - remove;
        return IntStream.range(from, to).map(r -> ids[order[r]]).sorted().toArray();
    }

    /**
     * @param n the pool size (ids 0..n-1)
     * @param fraction the fraction to remove
     * @param seed the seed
     * @return the ids kept after removing a uniformly random fraction, sorted
     */
    public static int[] keepRandom(int n, double fraction, long seed) {
        int[] p = IntStream.range(0, n).toArray();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int keep = n - (int) Math.round(fraction * n);
        return IntStream.of(p).limit(keep).sorted().toArray();
    }
}
