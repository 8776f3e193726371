// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.examples.report.RunResults.DetectionResult;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes a run directory's results: {@code results.json} (authoritative) and its CSV
 * mirrors {@code trainings.csv} (one row per training run), {@code summary.csv} (mean and std over
 * seeds) and {@code detection.csv}. Every file is written crash-safely ({@link AtomicFiles}: a
 * temporary name, forced, moved into place), so a run killed at any moment leaves the previous
 * complete results.
 */
public final class ResultsFiles {
    /** The results file's name in a run directory. */
    public static final String RESULTS_JSON = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsFiles() {
    }

    /**
     * Writes {@code results.json} and the CSV mirrors into {@code runDir} (created if absent).
     *
     * @param runDir the run directory
     * @param results the results
     */
    public static void write(Path runDir, RunResults results) {
        try {
            Files.createDirectories(runDir);
            writeAtomically(runDir.resolve(RESULTS_JSON), w -> JSON.writeValue(w, results));
            writeAtomically(runDir.resolve("trainings.csv"), w -> {
                w.write("pruning,score,fraction,seed,test_accuracy,train_examples,epochs,wall_seconds\n");
                for (TrainingResult t : results.trainings()) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%d,%d,%s%n", t.pruning(), t.score(),
                            t.fraction(), t.seed(), t.testAccuracy(), t.trainExamples(), t.epochs(), t.wallSeconds()));
                }
            });
            writeAtomically(runDir.resolve("summary.csv"), w -> {
                w.write("pruning,score,fraction,seeds,mean_test_accuracy,std_test_accuracy\n");
                for (CurvePoint p : PruningSummary.aggregate(results.trainings())) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%s%n", p.pruning(), p.score(), p.fraction(),
                            p.n(), p.mean(), p.std()));
                }
            });
            if (!results.detection().isEmpty()) {
                writeAtomically(runDir.resolve("detection.csv"), w -> {
                    w.write("score,auroc,precision_at_k,k\n");
                    for (DetectionResult d : results.detection()) {
                        w.write(String.format(Locale.ROOT, "%s,%s,%s,%d%n", d.score(), d.auroc(), d.precisionAtK(),
                                d.k()));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write results into " + runDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param runDir a run directory
     * @return true if it holds a {@code results.json}
     */
    public static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(RESULTS_JSON));
    }

    /**
     * @param runDir a run directory
     * @return its results
     * @throws ResultsException if {@code results.json} is missing, malformed, of another format or
     *     of a newer version
     */
    public static RunResults read(Path runDir) {
        Path file = runDir.resolve(RESULTS_JSON);
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ResultsException("run directory " + runDir + " has no " + RESULTS_JSON
                    + "; pass a directory written by 'influence4j snli-prune' (or another experiment)", e);
        } catch (JacksonException e) {
            throw new ResultsException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ResultsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ResultsException(file + " is empty or not a JSON object");
        }
        String format = tree.path("format").asText("");
        if (!format.equals(RunResults.FORMAT)) {
            throw new ResultsException(file + ": format is '" + format + "', expected '" + RunResults.FORMAT + "'");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version < 1 || version > RunResults.VERSION) {
            throw new ResultsException(file + ": format version " + version + " is not supported (this build reads up"
                    + " to " + RunResults.VERSION + "); use a newer influence4j");
        }
        try {
            return JSON.treeToValue(tree, RunResults.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ResultsException(file + " does not match the results format: " + e.getMessage(), e);
        }
    }

    /**
     * @param runDir the run directory
     * @param results its results
     * @return the per-example table named by the results, if any
     */
    public static java.util.Optional<ExampleTable> readExamples(Path runDir, RunResults results) {
        if (results.examplesFile().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ExampleTable.read(runDir.resolve(results.examplesFile())));
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    /** Writes UTF-8 text crash-safely with {@link AtomicFiles}. */
    static void writeAtomically(Path file, Body body) throws IOException {
        AtomicFiles.write(file, out -> {
            // as Files.newBufferedWriter: an encoder that reports malformed input
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
            body.write(w);
            w.close(); // flushes; idempotent (Jackson closes the writer itself); the file is forced after
        });
    }

    /** @return the results' scores, in file order */
    static List<String> scoreNames(RunResults r) {
        return r.scores().stream().map(RunResults.ScoreInfo::name).toList();
    }
}
