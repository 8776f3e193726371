// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFilesTest {
    @TempDir
    Path dir;

    @Test
    void resultsRoundTripThroughJson() throws Exception {
        RunResults r = SyntheticResults.results();
        ResultsFiles.write(dir, r);
        RunResults back = ResultsFiles.read(dir);
        assertEquals(r, back);
        String json = Files.readString(dir.resolve("results.json"));
        assertTrue(json.contains("\"format\" : \"influence4j-run-results\""), json.substring(0, 200));
        assertTrue(json.contains("\"pruning\" : \"EASY\""));
    }

    @Test
    void csvMirrorsHoldEveryRunAndTheSummary() throws Exception {
        RunResults r = SyntheticResults.results();
        ResultsFiles.write(dir, r);
        List<String> trainings = Files.readAllLines(dir.resolve("trainings.csv"));
        assertEquals(1 + r.trainings().size(), trainings.size());
        assertEquals("pruning,score,fraction,seed,test_accuracy,train_examples,epochs,wall_seconds", trainings.get(0));
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        // full + 3 fractions x (random + 3 scores x 2 directions)
        assertEquals(1 + 1 + 3 * (1 + 3 * 2), summary.size());
        assertTrue(Files.readString(dir.resolve("detection.csv")).contains("el2n,0.91,0.6,58"));
    }

    @Test
    void examplesTableRoundTripsExactly() throws Exception {
        ExampleTable t = SyntheticResults.examples();
        t.write(dir.resolve("examples.csv"));
        assertEquals(t, ExampleTable.read(dir.resolve("examples.csv")));
        assertTrue(Files.readString(dir.resolve("examples.csv")).contains("Infinity"));
    }

    @Test
    void withTrainingReplacesTheSameRunAndHasTrainingFindsIt() {
        RunResults r = SyntheticResults.results();
        int n = r.trainings().size();
        RunResults again = r.withTraining(new TrainingResult(Pruning.EASY, "vog", 0.3, 2, 0.5, 1, 1, 1));
        assertEquals(n, again.trainings().size());
        assertTrue(again.hasTraining(Pruning.EASY, "vog", 0.3, 2));
        assertTrue(!again.hasTraining(Pruning.EASY, "vog", 0.3, 4));
        assertEquals(0.5, again.trainings().get(n - 1).testAccuracy());
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingListsAreEmpty() throws Exception {
        Files.writeString(dir.resolve("results.json"), """
                {"format": "influence4j-run-results", "formatVersion": 1, "experiment": "x", "futureField": 3,
                 "info": {"command": "c", "commit": "k", "machine": "m", "java": "17", "startedAt": "t", "wallSeconds": 1},
                 "dataset": {"train": "a", "test": "b", "trainExamples": 1, "testExamples": 1, "noiseRate": 0, "mislabelled": 0}}
                """);
        RunResults r = ResultsFiles.read(dir);
        assertTrue(r.trainings().isEmpty() && r.scores().isEmpty() && r.examplesFile().isEmpty());
        assertTrue(!r.dataMap().present());
    }

    @Test
    void wrongFormatOrVersionIsAClearError() throws Exception {
        Files.writeString(dir.resolve("results.json"), "{\"format\": \"something-else\"}");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFiles.read(dir));
        assertTrue(e.getMessage().contains("something-else"), e.getMessage());
        Files.writeString(dir.resolve("results.json"), "[]");
        assertThrows(ResultsException.class, () -> ResultsFiles.read(dir));
        Files.delete(dir.resolve("results.json"));
        e = assertThrows(ResultsException.class, () -> ResultsFiles.read(dir));
        assertTrue(e.getMessage().contains("has no results.json"), e.getMessage());
    }

    @Test
    void malformedExamplesFileNamesTheLine() throws Exception {
        Files.writeString(dir.resolve("e.csv"), "example_id,label,vog\n0,1,0.5\n1,2,abc\n");
        ResultsException e = assertThrows(ResultsException.class, () -> ExampleTable.read(dir.resolve("e.csv")));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
