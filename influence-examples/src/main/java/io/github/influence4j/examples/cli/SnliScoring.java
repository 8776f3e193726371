// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.ScoringEngine;
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
 * store, each written to {@code <dir>/scores/<name>.csv} as soon as it is done; a score whose file
 * exists is read back instead of recomputed (resume). The logit scores (EL2N, forgetting, AUM, the
 * data-map coordinates) are computed together in one pass over {@code LOGITS}
 * ({@link ScoringEngine#scoreAll}).
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
            InfluenceScores[] done = new InfluenceScores[names.size()];
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Path file = scoresDir.resolve(name + ".csv");
                if (Files.isRegularFile(file)) {
                    done[i] = ScoresFile.read(file, Optional.empty());
                    o.printf(Locale.ROOT, "      %-22s already computed (%s)%n", name, file);
                } else {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                store = ArtifactStores.open(dir.resolve(SnliCapture.STORE));
                List<InfluenceScorer> scorers = new ArrayList<>();
                for (int i : missing) {
                    SnliScores.Spec spec = SnliScores.spec(names.get(i));
                    try {
                        scorers.add(InfluenceScorers.create(spec.scorer(), store, spec.options()));
                    } catch (InfluenceException e) {
                        throw failed(names.get(i), spec, e);
                    }
                }
                // the logit scores share one pass over LOGITS; each score is saved as soon as it is done
                long[] t = {System.nanoTime()};
                try {
                    ScoringEngine.scoreAll(scorers, ScoreRequest.builder().listener(progress.scoringListener()).build(),
                            (s, j) -> {
                                int i = missing.get(j);
                                done[i] = save(scoresDir, names.get(i), s, o, t);
                            });
                } catch (InfluenceException e) {
                    throw new CliException("scoring " + missing.stream().map(names::get).toList() + " failed: "
                            + e.getMessage(), e);
                }
            }
            out.addAll(List.of(done));
        } finally {
            if (store != null) {
                store.close();
            }
        }
        return out;
    }

    private static CliException failed(String name, SnliScores.Spec spec, InfluenceException e) {
        return new CliException("score " + name + " (" + spec.scorer() + " " + spec.options() + ") failed: "
                + e.getMessage(), e);
    }

    /** Writes one score under its column name; {@code t[0]}: when the previous score was done. */
    private static InfluenceScores save(Path scoresDir, String name, InfluenceScores s, PrintWriter o, long[] t) {
        InfluenceScores named = new InfluenceScores(name, s.exampleIds(), s.values(), s.orientation(), s.provenance());
        Path file = scoresDir.resolve(name + ".csv");
        Path tmp = scoresDir.resolve("." + name + ".csv.tmp");
        try {
            named.writeCsv(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scores into " + scoresDir + ": " + e.getMessage(), e);
        }
        long now = System.nanoTime();
        o.printf(Locale.ROOT, "      %-22s %7.1f s  (%s)%n", name, (now - t[0]) / 1e9, SnliScores.spec(name).description());
        o.flush();
        t[0] = now;
        return named;
    }
}
