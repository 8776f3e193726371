// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The machine-readable results of a pruning experiment: {@code results.json} in a run directory,
 * format {@value #FORMAT} version {@value #VERSION}. {@code snli-prune} rewrites it (atomically)
 * after every finished training run, so a killed run can resume and a partial file still reports.
 *
 * <pre>{@code
 * {
 *   "format": "influence4j-run-results", "formatVersion": 1, "experiment": "snli-prune",
 *   "info": {"command": "influence4j snli-prune --quick", "commit": "3f2a...", "machine": "Linux/amd64, 2 cores",
 *            "java": "17.0.12", "startedAt": "2025-...Z", "wallSeconds": 512.3},
 *   "dataset": {"train": "SNLI dev", "test": "SNLI test", "trainExamples": 9842, "testExamples": 9824,
 *               "classNames": ["entailment", "neutral", "contradiction"], "noiseRate": 0.0, "mislabelled": 0},
 *   "scores": [{"name": "vog", "orientation": "HIGHER_IS_HARDER", "description": "VoG, class-normalised"}],
 *   "trainings": [{"pruning": "EASY", "score": "vog", "fraction": 0.3, "seed": 1, "testAccuracy": 0.652,
 *                  "trainExamples": 6890, "epochs": 10, "wallSeconds": 41.0}],
 *   "detection": [{"score": "el2n", "auroc": 0.91, "precisionAtK": 0.74, "k": 984}],
 *   "examplesFile": "examples.csv",
 *   "dataMap": {"confidence": "data-map-confidence", "variability": "data-map-variability",
 *               "correctness": "data-map-correctness"}
 * }
 * }</pre>
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion {@value #VERSION}; readers reject newer versions
 * @param experiment what produced the file ({@code "snli-prune"}, {@code "synthetic"})
 * @param info how, where and when it was produced
 * @param dataset the data
 * @param scores the scores the experiment pruned by (and the columns of the examples file)
 * @param trainings one entry per finished training run
 * @param detection mislabel-detection quality per score (empty without label noise)
 * @param examplesFile the per-example table's file name in the run directory, or {@code ""}
 * @param dataMap which columns of the examples file hold the data-map statistics
 */
public record RunResults(String format, int formatVersion, String experiment, RunInfo info, DatasetInfo dataset,
        List<ScoreInfo> scores, List<TrainingResult> trainings, List<DetectionResult> detection, String examplesFile,
        DataMapColumns dataMap) {
    /** The format name. */
    public static final String FORMAT = "influence4j-run-results";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The {@link TrainingResult#score()} of full-data runs. */
    public static final String FULL = "full";
    /** The {@link TrainingResult#score()} of random-pruning runs. */
    public static final String RANDOM = "random";

    /**
     * Copies the lists; null collections (absent in older files) become empty.
     *
     * @param format see the record description
     * @param formatVersion see the record description
     * @param experiment see the record description
     * @param info see the record description
     * @param dataset see the record description
     * @param scores see the record description
     * @param trainings see the record description
     * @param detection see the record description
     * @param examplesFile see the record description
     * @param dataMap see the record description
     */
    public RunResults {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(dataset, "dataset");
        scores = scores == null ? List.of() : List.copyOf(scores);
        trainings = trainings == null ? List.of() : List.copyOf(trainings);
        detection = detection == null ? List.of() : List.copyOf(detection);
        examplesFile = examplesFile == null ? "" : examplesFile;
        dataMap = dataMap == null ? DataMapColumns.NONE : dataMap;
    }

    /**
     * @param experiment what produces the file
     * @param info how, where and when
     * @param dataset the data
     * @param scores the scores pruned by
     * @return results with no training runs yet
     */
    public static RunResults start(String experiment, RunInfo info, DatasetInfo dataset, List<ScoreInfo> scores) {
        return new RunResults(FORMAT, VERSION, experiment, info, dataset, scores, List.of(), List.of(), "",
                DataMapColumns.NONE);
    }

    /**
     * @param t a finished training run (replaces an earlier entry with the same pruning, score, fraction and seed)
     * @return a copy with it recorded
     */
    public RunResults withTraining(TrainingResult t) {
        List<TrainingResult> ts = new ArrayList<>();
        for (TrainingResult x : trainings) {
            if (!x.sameRun(t)) {
                ts.add(x);
            }
        }
        ts.add(t);
        return new RunResults(format, formatVersion, experiment, info, dataset, scores, ts, detection, examplesFile,
                dataMap);
    }

    /**
     * @param pruning how the training set was formed
     * @param score the score (or {@link #FULL} / {@link #RANDOM})
     * @param fraction the fraction removed
     * @param seed the seed
     * @return true if that training run is recorded (a resumed experiment skips it)
     */
    public boolean hasTraining(Pruning pruning, String score, double fraction, long seed) {
        return trainings.stream().anyMatch(x -> x.sameRun(new TrainingResult(pruning, score, fraction, seed, 0, 0, 0, 0)));
    }

    /**
     * @param d the detection results
     * @return a copy with them
     */
    public RunResults withDetection(List<DetectionResult> d) {
        return new RunResults(format, formatVersion, experiment, info, dataset, scores, trainings, d, examplesFile,
                dataMap);
    }

    /**
     * @param file the examples file's name in the run directory
     * @param columns the data-map columns in it
     * @return a copy naming them
     */
    public RunResults withExamples(String file, DataMapColumns columns) {
        return new RunResults(format, formatVersion, experiment, info, dataset, scores, trainings, detection, file,
                columns);
    }

    /**
     * @param i the new run information (e.g. the final wall time)
     * @return a copy with it
     */
    public RunResults withInfo(RunInfo i) {
        return new RunResults(format, formatVersion, experiment, i, dataset, scores, trainings, detection, examplesFile,
                dataMap);
    }

    /**
     * @param command the command line that produced the results
     * @param commit the source commit ({@code git rev-parse HEAD}), or "unknown"
     * @param machine OS, architecture and cores
     * @param java the Java version
     * @param startedAt ISO-8601 start time
     * @param wallSeconds wall time so far
     */
    public record RunInfo(String command, String commit, String machine, String java, String startedAt,
            double wallSeconds) {
    }

    /**
     * @param train the training pool's name
     * @param test the evaluation set's name
     * @param trainExamples training pool size
     * @param testExamples evaluation set size
     * @param classNames the class names, index = label
     * @param noiseRate the nominal fraction of shuffled labels (0: clean)
     * @param mislabelled the number of training labels that really differ from gold
     */
    public record DatasetInfo(String train, String test, int trainExamples, int testExamples, List<String> classNames,
            double noiseRate, int mislabelled) {
        /**
         * Copies the class names.
         *
         * @param train see the record description
         * @param test see the record description
         * @param trainExamples see the record description
         * @param testExamples see the record description
         * @param classNames see the record description
         * @param noiseRate see the record description
         * @param mislabelled see the record description
         */
        public DatasetInfo {
            classNames = classNames == null ? List.of() : List.copyOf(classNames);
        }
    }

    /**
     * @param name the score's name (a column of the examples file)
     * @param orientation {@code HIGHER_IS_HARDER} or {@code LOWER_IS_HARDER}
     * @param description a short human description
     */
    public record ScoreInfo(String name, String orientation, String description) {
    }

    /**
     * One finished training run.
     *
     * @param pruning how the training set was formed
     * @param score the score pruned by, {@link #FULL} or {@link #RANDOM}
     * @param fraction the fraction of the pool removed, in [0, 1)
     * @param seed the training seed
     * @param testAccuracy accuracy on the test set, in [0, 1]
     * @param trainExamples examples trained on
     * @param epochs epochs trained
     * @param wallSeconds wall time of this run
     */
    public record TrainingResult(Pruning pruning, String score, double fraction, long seed, double testAccuracy,
            int trainExamples, int epochs, double wallSeconds) {
        /**
         * @param o another result
         * @return true if both describe the same training run (pruning, score, fraction, seed)
         */
        public boolean sameRun(TrainingResult o) {
            return pruning == o.pruning && score.equals(o.score) && Math.abs(fraction - o.fraction) < 1e-9
                    && seed == o.seed;
        }
    }

    /**
     * Mislabel detection by one score: the hardest examples are flagged first.
     *
     * @param score the score
     * @param auroc area under the ROC curve against the known noise mask
     * @param precisionAtK precision among the k hardest
     * @param k the number of mislabelled examples
     */
    public record DetectionResult(String score, double auroc, double precisionAtK, int k) {
    }

    /**
     * @param confidence column of mean p(y) over checkpoints
     * @param variability column of its standard deviation
     * @param correctness column of the fraction of checkpoints predicting y
     */
    public record DataMapColumns(String confidence, String variability, String correctness) {
        /** No data map. */
        public static final DataMapColumns NONE = new DataMapColumns("", "", "");

        /** @return true if all three columns are named */
        public boolean present() {
            return !confidence.isEmpty() && !variability.isEmpty() && !correctness.isEmpty();
        }
    }
}
