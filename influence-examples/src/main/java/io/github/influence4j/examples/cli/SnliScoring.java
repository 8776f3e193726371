// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.examples.snli.SnliScores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scoring step of {@code snli-prune}: every score of {@link SnliScores} from the captured
 * store, each written to {@code <dir>/scores/<name>.csv}; a score whose file exists is read back
 * instead of recomputed (resume).
 */
final class SnliScoring {
    static final String SCORES = "scores";

    private SnliScoring() {
    }

    /**
     * @param dir the run directory (its store must be complete)
     * @param names the score names
     * @param o where to print one line per score
     * @param progress progress bars
     * @return the scores, named as {@code names}, in that order
     */
    static List<InfluenceScores> scoreAll(Path dir, List<String> names, PrintWriter o, Progress progress) {
        Path scoresDir = dir.resolve(SCORES);
        List<InfluenceScores> out = new ArrayList<>();
        try {
            Files.createDirectories(scoresDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + scoresDir + ": " + e.getMessage(), e);
        }
        TrainingArtifactStore store = null;
        try {
            for (String name : names) {
                Path file = scoresDir.resolve(name + ".csv");
                if (Files.isRegularFile(file)) {
                    out.add(ScoresFile.read(file, Optional.empty()));
                    o.printf(Locale.ROOT, "      %-22s already computed (%s)%n", name, file);
                    continue;
                }
                if (store == null) {
                    store = ArtifactStores.open(dir.resolve(SnliCapture.STORE));
                }
                SnliScores.Spec spec = SnliScores.spec(name);
                long t = System.nanoTime();
                InfluenceScores s;
                try {
                    s = InfluenceScorers.create(spec.scorer(), store, spec.options()).score(ScoreRequest.builder()
                            .listener(progress.scoringListener()).build());
                } catch (InfluenceException e) {
                    throw new CliException("score " + name + " (" + spec.scorer() + " " + spec.options() + ") failed: "
                            + e.getMessage(), e);
                }
                InfluenceScores named = new InfluenceScores(name, s.exampleIds(), s.values(), s.orientation(),
                        s.provenance());
                Path tmp = scoresDir.resolve("." + name + ".csv.tmp");
                named.writeCsv(tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                out.add(named);
                o.printf(Locale.ROOT, "      %-22s %7.1f s  (%s)%n", name, (System.nanoTime() - t) / 1e9,
                        spec.description());
                o.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scores into " + scoresDir + ": " + e.getMessage(), e);
        } finally {
            if (store != null) {
                store.close();
            }
        }
        return out;
    }
}
