// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.text;

import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trims a GloVe text file to the words a corpus uses: keeps, verbatim and in file order, every line
 * whose word is a token ({@link Tokenizer#ptb()}) of the given SNLI files. This is how the bundled
 * {@code glove.6B.100d.snli-devtest.txt.gz} was made (see {@code NOTICE-GloVe.md}).
 *
 * <pre>{@code
 * java -cp ... io.github.influence4j.nlp.text.GloveSubset OUT.txt.gz GLOVE.txt.gz SNLI1.tsv.gz [SNLI2 ...]
 * }</pre>
 */
public final class GloveSubset {
    private static final Logger LOG = LoggerFactory.getLogger(GloveSubset.class);

    private GloveSubset() {
    }

    /**
     * @param args output file, GloVe file, then one or more SNLI files
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: GloveSubset OUT.txt.gz GLOVE.txt[.gz] SNLI_FILE...; got "
                    + List.of(args));
        }
        Set<String> vocab = new HashSet<>();
        for (int i = 2; i < args.length; i++) {
            for (SnliPair p : SnliReader.read(Path.of(args[i]))) {
                vocab.addAll(Tokenizer.ptb().tokenize(p.premise()));
                vocab.addAll(Tokenizer.ptb().tokenize(p.hypothesis()));
            }
        }
        int kept = write(Path.of(args[1]), Path.of(args[0]), vocab);
        LOG.info("kept {} of {} corpus word types ({} without a vector) in {}", kept, vocab.size(),
                vocab.size() - kept, args[0]);
    }

    private static int write(Path glove, Path out, Set<String> vocab) {
        int kept = 0;
        try (InputStream in = Files.newInputStream(glove);
                BufferedReader r = new BufferedReader(new InputStreamReader(
                        glove.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
                OutputStream os = new GZIPOutputStream(Files.newOutputStream(out));
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int sp = line.indexOf(' ');
                if (sp > 0 && vocab.contains(line.substring(0, sp))) {
                    w.write(line);
                    w.write('\n');
                    kept++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot trim " + glove + " to " + out + ": " + e.getMessage(), e);
        }
        return kept;
    }
}
