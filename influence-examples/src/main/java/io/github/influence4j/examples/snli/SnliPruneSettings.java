// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.snli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.influence4j.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What fixes a run directory of {@code snli-prune}: the captured store and the scores depend on
 * it, so a resumed run must use the same values. Seeds, fractions and scores may change between
 * sessions (more training runs are simply added). Stored as {@code settings.json}.
 *
 * @param epochs epochs of every training run (the captured one and the retrainings)
 * @param checkpoints evenly spaced checkpoints captured in the full-data run
 * @param captureSeed the seed of the captured full-data run
 * @param limit train on the first {@code limit} dev pairs and test on the first {@code limit} test
 *     pairs (0: all; for tests)
 * @param noiseRate the nominal fraction of training labels shuffled (0: clean)
 * @param noiseSeed the seed of the label shuffle
 * @param encoder the model trained: {@value #CNN} or {@value #MINILM} (absent in directories of
 *     versions before the transformer: {@value #CNN})
 * @param trainLayers {@value #MINILM} only: the top encoder layers fine-tuned (0: the head only;
 *     absent: {@value #DEFAULT_TRAIN_LAYERS})
 */
public record SnliPruneSettings(int epochs, int checkpoints, long captureSeed, int limit, double noiseRate,
        long noiseSeed, String encoder, Integer trainLayers) {
    /** MiniLM's fine-tuned top layers unless told otherwise. */
    public static final int DEFAULT_TRAIN_LAYERS = 2;
    /** The GloVe CNN trained from scratch. */
    public static final String CNN = "cnn";
    /** all-MiniLM-L6-v2, pretrained, fine-tuned. */
    public static final String MINILM = "minilm";

    /** The settings file's name in a run directory. */
    public static final String FILE = "settings.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The CNN's settings.
     *
     * @param epochs see the record
     * @param checkpoints see the record
     * @param captureSeed see the record
     * @param limit see the record
     * @param noiseRate see the record
     * @param noiseSeed see the record
     */
    public SnliPruneSettings(int epochs, int checkpoints, long captureSeed, int limit, double noiseRate, long noiseSeed) {
        this(epochs, checkpoints, captureSeed, limit, noiseRate, noiseSeed, CNN, DEFAULT_TRAIN_LAYERS);
    }

    /** Validates the fields. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public SnliPruneSettings {
        if (encoder == null) {
            encoder = CNN;
        }
        if (trainLayers == null) {
            trainLayers = DEFAULT_TRAIN_LAYERS;
        }
        if (trainLayers < 0 || trainLayers > 5) {
            throw new IllegalArgumentException("trainLayers must be in [0, 5], got " + trainLayers);
        }
        if (!encoder.equals(CNN) && !encoder.equals(MINILM)) {
            throw new IllegalArgumentException("encoder must be " + CNN + " or " + MINILM + ", got " + encoder);
        }
        if (epochs < 1 || checkpoints < 2 || limit < 0 || !(noiseRate >= 0 && noiseRate < 1)) {
            throw new IllegalArgumentException("need epochs >= 1, checkpoints >= 2, limit >= 0, noise in [0, 1); got "
                    + epochs + ", " + checkpoints + ", " + limit + ", " + noiseRate);
        }
    }

    /** @return the variant's folder name: {@code clean} or {@code noise-20} */
    public String variantName() {
        return noiseRate == 0 ? "clean" : String.format(Locale.ROOT, "noise-%.0f", 100 * noiseRate);
    }

    /**
     * @param dir a run directory
     * @return its settings, if it has any
     */
    public static Optional<SnliPruneSettings> read(Path dir) {
        Path f = dir.resolve(FILE);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                return Optional.empty(); // absent, or left empty by a kill of a version that wrote it in place
            }
            return Optional.of(JSON.readValue(f.toFile(), SnliPruneSettings.class));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read " + f + ": " + e.getMessage()
                    .replaceAll("\\s*\\R.*", "") + "; fix or delete that file", e));
        }
    }

    /**
     * @param dir the run directory (created if absent)
     */
    public void write(Path dir) {
        try {
            AtomicFiles.write(dir.resolve(FILE), out -> JSON.writeValue(out, this)); // a kill leaves the old file or the new
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e));
        }
    }

    /**
     * @param other the settings a directory was started with
     * @return a description of the first difference, or empty if they agree
     */
    public Optional<String> difference(SnliPruneSettings other) {
        if (epochs != other.epochs) {
            return Optional.of("--epochs " + other.epochs + " (now " + epochs + ")");
        }
        if (checkpoints != other.checkpoints) {
            return Optional.of("--checkpoints " + other.checkpoints + " (now " + checkpoints + ")");
        }
        if (captureSeed != other.captureSeed || noiseSeed != other.noiseSeed) {
            return Optional.of("capture seed " + other.captureSeed + ", noise seed " + other.noiseSeed);
        }
        if (!encoder.equals(other.encoder)) {
            return Optional.of("--encoder " + other.encoder + " (now " + encoder + ")");
        }
        if (encoder.equals(MINILM) && !trainLayers.equals(other.trainLayers)) {
            return Optional.of("--train-layers " + other.trainLayers + " (now " + trainLayers + ")");
        }
        if (limit != other.limit) {
            return Optional.of("--limit " + other.limit + " (now " + limit + ")");
        }
        if (Math.abs(noiseRate - other.noiseRate) > 1e-12) {
            return Optional.of("noise " + other.noiseRate + " (now " + noiseRate + ")");
        }
        return Optional.empty();
    }
}
