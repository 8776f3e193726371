// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.influence4j.core.store.StoreSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Table 3 of issue 9: our scorers side by side with the PyTorch oracle ({@code ref_scores.py}) on
 * the same data and model, in the oracle's benchmark shape (N = 2,000, V = 5k and 30k, D = 64,
 * L = 32, K = 3, 3 checkpoints), one thread each: examples/s end to end (capture plus scoring) and
 * for scoring alone, their ratio, and the largest difference between the two sets of scores. The
 * Captum figures of the oracle README are quoted beside them.
 */
final class OracleBench {
    static final int N = 2_000;
    static final int L = 32;
    static final int D = 64;
    static final int K = 3;
    static final int CHECKPOINTS = 3;
    static final int[] VOCABULARIES = {5_000, 30_000};

    /**
     * One block of rows: the oracle's benchmark shape at V = 5k and 30k, and (with {@code --full})
     * N = 10^6 in a smaller shape (L = 8, D = 16, V = 5k; about 0.5 GB of embedding gradients per
     * checkpoint), scoring only: end to end at that N would take the PyTorch side hours.
     */
    record Shape(int n, int l, int d, int v, boolean scoringOnly, int... chunks) {
        String label(int chunk) {
            return n == N ? String.format(Locale.ROOT, "%,d", v)
                    : String.format(Locale.ROOT, "%,d (N=%,d L=%d D=%d chunk=%,d)", v, n, l, d, chunk);
        }
    }

    /** Overrides the large rows' N (default 10^6), e.g. to try them quickly at 10^4. */
    static final String BIG_N_PROPERTY = "influence4j.bench.oracleBigN";
    /** With {@code --full}: only the large rows (the N = 2,000 rows take a few minutes more). */
    static final String ONLY_BIG_PROPERTY = "influence4j.bench.oracleOnlyBig";
    /**
     * Reuse the artifacts and the PyTorch side of a shape whose earlier run (with {@code --keep}, or
     * one whose Java side failed) left them in the work directory, and time the Java side again: the
     * PyTorch side of the N = 10^6 rows alone takes about 15 minutes. The table notes the reuse.
     */
    static final String REUSE_PROPERTY = "influence4j.bench.oracleReuse";

    static List<Shape> shapes(BenchOptions o) {
        List<Shape> s = new ArrayList<>();
        if (!Boolean.getBoolean(ONLY_BIG_PROPERTY)) {
            for (int v : VOCABULARIES) {
                s.add(new Shape(N, L, D, v, false, 1024));
            }
        }
        if (!o.quick()) {
            // the default chunk size (1,024: about 3,000 LOGITS files of 12 KB at N = 10^6) and 8,192
            s.add(new Shape(Integer.getInteger(BIG_N_PROPERTY, 1_000_000), 8, 16, 5_000, true, 1024, 8192));
        }
        return s;
    }
    /** Captum TracInCP(layers=["emb"]).self_influence at V = 5k, upper end of the README's range. */
    static final double CAPTUM_EMB_V5K = 52;
    /** Captum TracInCP (all parameters) self_influence at V = 30k (oracle README). */
    static final double CAPTUM_ALL_V30K = 6.3;

    private OracleBench() {
    }

    static String run(BenchOptions o, StoreCache cache) {
        String python = pythonStatus(o);
        List<String> cols = List.of("score", "V", "Java e2e ex/s", "PyTorch e2e ex/s", "e2e Java/PyTorch",
                "Java scoring ex/s", "PyTorch scoring ex/s", "scoring Java/PyTorch", "PyTorch .npy+scoring ex/s",
                "Java/PyTorch .npy", "max |diff| / max |oracle|");
        TextTable t = TextTable.of(cols.toArray(String[]::new));
        List<String> notes = new ArrayList<>();
        int rounds = o.quick() ? 2 : 3;
        double slowest = Double.POSITIVE_INFINITY;
        String slowestName = "";
        double slowestLargeChunks = Double.POSITIVE_INFINITY;
        String slowestLargeName = "";
        for (Shape shape : shapes(o)) {
            int v = shape.v();
            int n = shape.n();
            Path dir = o.work().resolve("oracle-v" + v + (n == N ? "" : "-n" + n));
            Path art = dir.resolve("artifacts");
            Path out = dir.resolve("out");
            boolean reuse = Boolean.getBoolean(REUSE_PROPERTY) && Files.isRegularFile(out.resolve("timings.json"));
            JsonNode py;
            if (reuse) {
                StoreCache.delete(dir.resolve("java-work"));
                notes.add("V=" + shape.label(shape.chunks()[0]) + ": artifacts and PyTorch timings reused from an earlier"
                        + " run (" + REUSE_PROPERTY + "); the Java side timed now");
                try {
                    py = new ObjectMapper().readTree(out.resolve("timings.json").toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                StoreCache.delete(dir);
                OracleData.generate(n, shape.l(), v, shape.d(), K, CHECKPOINTS, 7 + v).write(art);
                try {
                    Files.createDirectories(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                py = python == null ? runPython(o, art, out, rounds, shape.scoringOnly()) : null;
            }
            for (int chunk : shape.chunks()) {
                List<String> args = new ArrayList<>(List.of(art.toString(), dir.resolve("java-work").toString(),
                        out.toString(), Integer.toString(rounds)));
                if (shape.scoringOnly()) {
                    args.add("scoring-only");
                    args.add(Integer.toString(chunk));
                }
                ChildJvm.Outcome java = ChildJvm.run(shape.scoringOnly() ? "3g" : "1g", OracleWorker.class, args);
                for (OracleScores.Score s : OracleScores.all()) {
                    double je = shape.scoringOnly() ? Double.NaN : n / java.number("seconds.e2e." + s.name());
                    double js = n / java.number("seconds.score." + s.name());
                    double pe = py == null ? Double.NaN : n / py.path("e2e").path(s.name()).asDouble(Double.NaN);
                    double ps = py == null ? Double.NaN : n / py.path("score").path(s.name()).asDouble(Double.NaN);
                    double pn = py == null ? Double.NaN : n / py.path("npy").path(s.name()).asDouble(Double.NaN);
                    t.row(s.name(), shape.label(chunk), TextTable.rate(je), TextTable.rate(pe),
                            TextTable.ratio(je / pe), TextTable.rate(js), TextTable.rate(ps), TextTable.ratio(js / ps),
                            TextTable.rate(pn), TextTable.ratio(js / pn), py == null ? "-" : agreement(out, s.outputs()));
                    if (js / pn < slowest) {
                        slowest = js / pn;
                        slowestName = s.name() + " at V=" + v + (n == N ? "" : String.format(Locale.ROOT, ", N=%,d, chunk %,d", n,
                                chunk));
                    }
                    if (chunk != StoreSpec.DEFAULT_CHUNK_SIZE && js / pn < slowestLargeChunks) {
                        slowestLargeChunks = js / pn;
                        slowestLargeName = s.name() + String.format(Locale.ROOT, " at N=%,d, chunk %,d", n, chunk);
                    }
                    if (v == 30_000 && s.name().equals("tracin_we_self")) {
                        notes.add(String.format(Locale.ROOT, "Target, end-to-end TracIn-WE self-influence at V=30k >= 100x"
                                + " Captum TracInCP(layers=[\"emb\"]) per core: Java %s ex/s = %s the README's best Captum"
                                + " emb figure (%.0f ex/s, at V=5k; Captum only slows with V) and %s its all-parameter"
                                + " figure at V=30k (%.1f ex/s) -> %s.", TextTable.rate(je),
                                TextTable.ratio(je / CAPTUM_EMB_V5K), CAPTUM_EMB_V5K, TextTable.ratio(je / CAPTUM_ALL_V30K),
                                CAPTUM_ALL_V30K, je / CAPTUM_EMB_V5K >= 100 ? "met" : "NOT met"));
                    }
                }
                double family = n / java.number("seconds.score.logit_family");
                double familyPy = Double.NaN;
                if (py != null) {
                    familyPy = 0;
                    for (String f : OracleScores.LOGIT_FAMILY) {
                        familyPy += py.path("score").path(f).asDouble(Double.NaN);
                    }
                    familyPy = n / familyPy;
                }
                t.row("logit family, one pass", shape.label(chunk), "-", "-", "-", TextTable.rate(family),
                        TextTable.rate(familyPy), TextTable.ratio(family / familyPy), "-", "-", "-");
                notes.add(String.format(Locale.ROOT, "V=%s: the logit family (%s) scored together in one pass"
                        + " (ScoringEngine.scoreAll) at %s ex/s against PyTorch scoring the same tensors in memory one"
                        + " score after the other at %s ex/s: %s (target >= 0.50x)", shape.label(chunk),
                        String.join(", ", OracleScores.LOGIT_FAMILY), TextTable.rate(family), TextTable.rate(familyPy),
                        TextTable.ratio(family / familyPy)));
                notes.add(String.format(Locale.ROOT, "V=%s: Java capture of every kind: %s s into a file store, %s s into"
                        + " the in-memory store (at N = 2,000 the arithmetic itself takes about 0.02 s; the rest is the stores' writes)"
                        + (py == null ? "" : "; PyTorch capture (activation_grads over 3 checkpoints, in memory): %s s"),
                        shape.label(chunk), TextTable.seconds(java.number("seconds.capture.all")),
                        TextTable.seconds(java.number("seconds.capture.memory")),
                        py == null ? "" : TextTable.seconds(py.path("capture").path("activation_grads").asDouble())));
            }
            if (!o.keep()) {
                StoreCache.delete(dir);
            }
        }
        if (python != null) {
            t.note("PyTorch side not run: " + python + ". Only the Java side is shown.");
        }
        t.note(String.format(Locale.ROOT, "Shape: N=%,d, L=%d, D=%d, K=%d, %d checkpoints (eta 0.8, 0.5, 0.2), masked"
                + " mean pool + linear head (the oracle's model). PyTorch: ref_scores.py in float32 (as the README's"
                + " peer figures), torch.set_num_threads(1); Java: child JVM, OMP_NUM_THREADS=1, float32 store,"
                + " float64 accumulation. e2e = capture exactly the artifacts the score reads (Java: into a new file"
                + " store, closed-form backward of this model written in Java; PyTorch: autograd, one backward of the"
                + " summed loss) then score; scoring = from captured artifacts (Java: reading the file store; PyTorch: tensors in memory);"
                + " PyTorch .npy+scoring = np.load of the captured tensors (padded [N, L, D] layout) then scoring. Best"
                + " of %d rounds each for e2e and capture; scoring alone and .npy+scoring, on both sides: untimed calls for 1 s"
                + " (so that the JIT has compiled Java's loops), then the best of at least " + OracleWorker.SCORING_ROUNDS + " calls spread over at least 1 s (both sides). Scores compared: vog = variance, class-normalised; grand = last layer with"
                + " bias; forgetting: never-learned = C. With --full, rows at N = 10^6 (L = 8, D = 16, V = 5k) time"
                + " scoring only (one capture; no e2e on either side).", N, L, D, K, CHECKPOINTS, rounds));
        t.note("Captum v0.8.0 (oracle README, same shape, 1 thread, float32, V=5k): TracInCP.self_influence all"
                + " parameters 36-49 ex/s; layers=[\"emb\"] 40-52 ex/s; layers=[\"fc\"] 2.1k-4.7k ex/s;"
                + " TracInCPFast 16k-25k ex/s; all parameters at V=30k 6.3 ex/s. ref_scores.py all parameters"
                + " 2.0k-3.2k ex/s. Timings vary about 30% between runs.");
        notes.forEach(t::note);
        if (Double.isFinite(slowestLargeChunks)) {
            t.note(String.format(Locale.ROOT, "Among the rows with chunks larger than the default: slowest %.2fx (%s)",
                    slowestLargeChunks, slowestLargeName));
        }
        t.note(String.format(Locale.ROOT, "slowest scorer vs PyTorch .npy+scoring: %.2fx", slowest)
                + " (" + slowestName + ")");
        return t.render();
    }

    /** @return null if the interpreter has torch and numpy and the oracle is there, else why not */
    static String pythonStatus(BenchOptions o) {
        if (!Files.isRegularFile(o.oracleDir().resolve("ref_scores.py"))) {
            return "no ref_scores.py in " + o.oracleDir().toAbsolutePath().normalize() + " (use --oracle DIR or -D"
                    + BenchOptions.ORACLE_PROPERTY + "=DIR)";
        }
        if (!Files.isExecutable(o.python())) {
            return o.python() + " is absent";
        }
        try {
            Process p = new ProcessBuilder(o.python().toString(), "-c", "import torch, numpy")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return o.python() + " cannot import torch and numpy: " + text.strip();
            }
            return null;
        } catch (IOException e) {
            return "cannot run " + o.python() + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static JsonNode runPython(BenchOptions o, Path art, Path out, int rounds, boolean scoringOnly) {
        Path script = out.resolve("oracle_bench.py");
        try (InputStream in = OracleBench.class.getResourceAsStream("oracle_bench.py")) {
            if (in == null) {
                throw new IllegalStateException("oracle_bench.py is missing from the bench's resources");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder pb = new ProcessBuilder(o.python().toString(), script.toString(), "--oracle",
                    o.oracleDir().toString(), "--artifacts", art.toString(), "--out", out.toString(), "--rounds",
                    Integer.toString(rounds)).redirectErrorStream(true);
            if (scoringOnly) {
                pb.command().add("--scoring-only");
            }
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("MKL_NUM_THREADS", "1");
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("oracle_bench.py failed (exit " + p.exitValue() + "):\n" + text);
            }
            return new ObjectMapper().readTree(out.resolve("timings.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the oracle driver", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * @return the largest |java - oracle| over all outputs, relative to the largest |oracle| of each
     */
    static String agreement(Path out, List<String> outputs) {
        double worst = 0;
        for (String name : outputs) {
            double[] py = NpyFiles.readDoubles(out.resolve(name + ".npy"));
            double[] jv = NpyFiles.readDoubles(out.resolve("java_" + name + ".npy"));
            if (py.length != jv.length) {
                return "length " + jv.length + " vs " + py.length;
            }
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < py.length; i++) {
                scale = Math.max(scale, Math.abs(py[i]));
                diff = Math.max(diff, Math.abs(py[i] - jv[i]));
            }
            worst = Math.max(worst, scale == 0 ? diff : diff / scale);
        }
        return String.format(Locale.ROOT, "%.1e", worst);
    }
}
