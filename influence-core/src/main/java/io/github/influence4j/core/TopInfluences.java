// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The top-k proponents and opponents of each test example (docs/DESIGN.md section 1.1), found without
 * materialising the {@code [test x train]} influence matrix. Sign convention as in
 * {@link InfluenceMatrix}: positive = proponent. Immutable.
 *
 * <pre>{@code
 * TopInfluences top = Scorers.tracIn(trainStore, testStore).topK(10);
 * for (TopInfluences.Influence p : top.proponentsOf(42)) System.out.println(p.trainId() + " " + p.value());
 * }</pre>
 *
 * @implNote Proponents are the (at most k) training examples with the largest <em>strictly
 *     positive</em> influence, in descending order; opponents those with the most negative,
 *     ascending. Exact zeros (for TracIn-WE: no shared token) are neither. Equal values are ordered
 *     by training id, lowest first, and the k-th place goes to the lower id.
 */
public final class TopInfluences {
    /**
     * One training example's influence on a test example.
     *
     * @param trainId the training example id
     * @param value its influence (positive = proponent)
     */
    public record Influence(int trainId, double value) {
    }

    private final String name;
    private final int k;
    private final int[] testIds;
    private final List<List<Influence>> proponents;
    private final List<List<Influence>> opponents;
    private final ScoreProvenance provenance;

    private TopInfluences(String name, int k, int[] testIds, List<List<Influence>> proponents,
            List<List<Influence>> opponents, ScoreProvenance provenance) {
        this.name = name;
        this.k = k;
        this.testIds = testIds;
        this.proponents = proponents;
        this.opponents = opponents;
        this.provenance = provenance;
    }

    /** @return the score's name */
    public String name() {
        return name;
    }

    /** @return k, the most proponents (and opponents) kept per test example */
    public int k() {
        return k;
    }

    /** @return a copy of the test example ids, strictly increasing */
    public int[] testIds() {
        return testIds.clone();
    }

    /**
     * @param testIndex an index into {@link #testIds()}
     * @return its proponents, largest influence first (unmodifiable, at most k)
     */
    public List<Influence> proponents(int testIndex) {
        return proponents.get(testIndex);
    }

    /**
     * @param testIndex an index into {@link #testIds()}
     * @return its opponents, most negative influence first (unmodifiable, at most k)
     */
    public List<Influence> opponents(int testIndex) {
        return opponents.get(testIndex);
    }

    /**
     * @param testId a test example id
     * @return its proponents
     * @throws IllegalArgumentException if that test example was not scored
     */
    public List<Influence> proponentsOf(int testId) {
        return proponents.get(indexOf(testId));
    }

    /**
     * @param testId a test example id
     * @return its opponents
     * @throws IllegalArgumentException if that test example was not scored
     */
    public List<Influence> opponentsOf(int testId) {
        return opponents.get(indexOf(testId));
    }

    private int indexOf(int testId) {
        int i = Arrays.binarySearch(testIds, testId);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no top-k list for test example " + testId);
        }
        return i;
    }

    /** @return where the values came from */
    public ScoreProvenance provenance() {
        return provenance;
    }

    /**
     * @param numTest the number of test examples
     * @param k the most proponents and opponents to keep per test example, {@code >= 1}
     * @return a mutable collector for scorers: offer every (test, train, value) once, then build
     */
    public static Collector collector(int numTest, int k) {
        return new Collector(numTest, k);
    }

    @Override
    public String toString() {
        return "TopInfluences[" + name + ", k=" + k + ", " + testIds.length + " test examples]";
    }

    /**
     * Keeps, per test example, the k largest positive and the k most negative values offered, in
     * O(k) memory per test example and O(log k) per offer. Not thread-safe.
     */
    public static final class Collector {
        private final int k;
        private final Heap[] pro;
        private final Heap[] con;

        private Collector(int numTest, int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, was " + k);
            }
            if (numTest < 0) {
                throw new IllegalArgumentException("numTest must be >= 0, was " + numTest);
            }
            this.k = k;
            this.pro = new Heap[numTest];
            this.con = new Heap[numTest];
            for (int i = 0; i < numTest; i++) {
                pro[i] = new Heap(k);
                con[i] = new Heap(k);
            }
        }

        /**
         * @param testIndex the test example's index (row)
         * @param trainId the training example's id
         * @param value the influence; zero and NaN are ignored
         */
        public void offer(int testIndex, int trainId, double value) {
            if (value > 0) {
                pro[testIndex].offer(value, trainId);
            } else if (value < 0) {
                con[testIndex].offer(-value, trainId);
            }
        }

        /**
         * @param name the score's name
         * @param testIds the test ids, one per index offered, strictly increasing
         * @param provenance where the values came from
         * @return the result
         */
        public TopInfluences build(String name, int[] testIds, ScoreProvenance provenance) {
            Objects.requireNonNull(name, "name");
            if (testIds.length != pro.length) {
                throw new IllegalArgumentException(name + ": " + testIds.length + " test ids for " + pro.length + " rows");
            }
            List<List<Influence>> p = new ArrayList<>(pro.length);
            List<List<Influence>> c = new ArrayList<>(con.length);
            for (int i = 0; i < pro.length; i++) {
                p.add(pro[i].sorted(1));
                c.add(con[i].sorted(-1));
            }
            return new TopInfluences(name, k, testIds.clone(), List.copyOf(p), List.copyOf(c),
                    Objects.requireNonNull(provenance, "provenance"));
        }
    }

    /** A bounded min-heap on (score, -id): its root is the worst kept entry. */
    private static final class Heap {
        private final double[] score;
        private final int[] id;
        private int size;

        Heap(int k) {
            score = new double[k];
            id = new int[k];
        }

        /** @return true if (s1, i1) ranks below (s2, i2): smaller score, or equal score and larger id */
        private static boolean worse(double s1, int i1, double s2, int i2) {
            return s1 < s2 || (s1 == s2 && i1 > i2);
        }

        void offer(double s, int i) {
            if (size < score.length) {
                score[size] = s;
                id[size] = i;
                siftUp(size++);
            } else if (worse(score[0], id[0], s, i)) {
                score[0] = s;
                id[0] = i;
                siftDown(0);
            }
        }

        private void siftUp(int j) {
            while (j > 0) {
                int parent = (j - 1) >>> 1;
                if (!worse(score[j], id[j], score[parent], id[parent])) {
                    return;
                }
                swap(j, parent);
                j = parent;
            }
        }

        private void siftDown(int j) {
            while (true) {
                int l = 2 * j + 1;
                int r = l + 1;
                int m = j;
                if (l < size && worse(score[l], id[l], score[m], id[m])) {
                    m = l;
                }
                if (r < size && worse(score[r], id[r], score[m], id[m])) {
                    m = r;
                }
                if (m == j) {
                    return;
                }
                swap(j, m);
                j = m;
            }
        }

        private void swap(int a, int b) {
            double s = score[a];
            score[a] = score[b];
            score[b] = s;
            int t = id[a];
            id[a] = id[b];
            id[b] = t;
        }

        List<Influence> sorted(int sign) {
            Integer[] order = new Integer[size];
            for (int j = 0; j < size; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> worse(score[a], id[a], score[b], id[b]) ? 1
                    : worse(score[b], id[b], score[a], id[a]) ? -1 : 0);
            List<Influence> out = new ArrayList<>(size);
            for (int j : order) {
                out.add(new Influence(id[j], sign * score[j]));
            }
            return List.copyOf(out);
        }
    }
}
