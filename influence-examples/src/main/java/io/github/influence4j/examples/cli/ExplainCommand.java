// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GradientScorers;
import io.github.influence4j.scorers.gradients.TracInWeScorer;
import io.github.influence4j.scorers.gradients.WordContribution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code influence4j explain}: train-to-test influence from the command line. For each selected
 * test example, the top-k proponents and opponents among the training examples by TracIn (Pruthi
 * et al. 2020), TracIn-WE with its word-level terms (Yeh et al. 2022) or TRAK (Park et al. 2023),
 * written as {@code top-k.csv}, {@code top-k.json} and one HTML page per test example.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Top-k proponents and opponents of test examples (TracIn, TracIn-WE, TRAK).",
        description = {"Scores a training store against a test store captured at the same checkpoints and writes, per test",
            "example, its top-k proponents (positive influence) and opponents: OUT/top-k.csv, OUT/top-k.json and",
            "OUT/html/test-<id>.html (TracIn-WE adds the shared words that carry each influence)."})
final class ExplainCommand extends Subcommand implements Callable<Integer> {
    /** The methods. */
    enum Method {
        tracin, tracin_we, trak;

        String label() {
            return name().replace('_', '-');
        }
    }

    @Option(names = "--store", paramLabel = "TRAIN", required = true, description = "The training store's directory.")
    Path store;

    @Option(names = "--test-store", paramLabel = "TEST", required = true,
            description = "The test store's directory, captured at the same checkpoints.")
    Path testStore;

    @Option(names = "--method", paramLabel = "M", required = true, converter = MethodConverter.class,
            description = "tracin, tracin-we or trak.")
    Method method;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "Proponents and opponents kept (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--examples", paramLabel = "ID", split = ",",
            description = "Test example ids (default: the first 20).")
    @Nullable List<Integer> examples;

    @Option(names = "--layers", paramLabel = "NAME", split = ",",
            description = "tracin, trak: parameter groups (layer names, PROJECTED_GRADS, all); default: the method's.")
    @Nullable List<String> layers;

    @Option(names = "--projection-dim", paramLabel = "K", defaultValue = "512", description = "trak: k (default: ${DEFAULT-VALUE}).")
    int projectionDim;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "0", description = "trak: ridge lambda (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--words", paramLabel = "N", defaultValue = "5", description = "tracin-we: shared words listed per pair (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "explain", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    /** Parses the method names with their hyphen. */
    static final class MethodConverter implements picocli.CommandLine.ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            for (Method m : Method.values()) {
                if (m.label().equals(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a method; use tracin, tracin-we or trak");
        }
    }

    /** One entry of a top-k list. */
    record Entry(String kind, int rank, int trainId, double influence, List<Map<String, Object>> words) {
    }

    @Override
    public Integer call() {
        if (topK < 1 || topK > 10_000) {
            throw new ParameterException(spec.commandLine(), "--top-k must be in [1, 10000], was " + topK);
        }
        if (words < 0 || projectionDim < 1 || !(lambda >= 0)) {
            throw new ParameterException(spec.commandLine(), "--words must be >= 0, --projection-dim >= 1, --lambda >= 0");
        }
        PrintWriter o = spec.commandLine().getOut();
        try (TrainingArtifactStore train = StoreArgs.open(store); TrainingArtifactStore test = StoreArgs.open(testStore)) {
            int[] ids = examples == null ? IntStream.range(0, Math.min(20, test.numExamples())).toArray()
                    : examples.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
            for (int id : ids) {
                if (id < 0 || id >= test.numExamples()) {
                    throw new ParameterException(spec.commandLine(), "--examples: " + id + " is outside [0, "
                            + test.numExamples() + ") of test store " + testStore);
                }
            }
            OptionValues.Builder b = OptionValues.builder();
            if (layers != null && method != Method.tracin_we) {
                b.set(ScorerOptions.LAYERS, layers);
            }
            if (method == Method.trak) {
                b.set(GradientScorers.PROJECTION_DIM, projectionDim).set(GradientScorers.LAMBDA, Double.toString(lambda));
            }
            TrainToTestScorer scorer = switch (method) {
                case tracin -> Scorers.tracIn(train, test, b.build());
                case tracin_we -> Scorers.tracInWe(train, test, b.build());
                case trak -> Scorers.trak(List.of(train), List.of(test), b.build());
            };
            long t0 = System.nanoTime();
            TopInfluences top = scorer.topK(topK, ScoreRequest.builder().examples(ids).build());
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<Integer, List<Entry>> lists = new LinkedHashMap<>();
            for (int t = 0; t < ids.length; t++) {
                List<Entry> es = new ArrayList<>();
                add(es, "proponent", top.proponents(t), ids[t], scorer);
                add(es, "opponent", top.opponents(t), ids[t], scorer);
                lists.put(ids[t], es);
            }
            write(lists, test, train);
            o.printf(Locale.ROOT, "%s: top-%d proponents and opponents of %d test examples of '%s' among %d training"
                    + " examples of '%s' in %.2f s%n", method.label(), topK, ids.length, test.id(), train.numExamples(),
                    train.id(), secs);
            o.printf("wrote %s, %s and %d pages under %s%n", out.resolve("top-k.csv"), out.resolve("top-k.json"), ids.length,
                    out.resolve("html"));
        }
        return ExitCodes.OK;
    }

    private void add(List<Entry> es, String kind, List<TopInfluences.Influence> list, int testId, TrainToTestScorer s) {
        int rank = 1;
        for (TopInfluences.Influence i : list) {
            List<Map<String, Object>> ws = new ArrayList<>();
            if (s instanceof TracInWeScorer we && words > 0) {
                List<WordContribution> all = we.explain(testId, i.trainId());
                List<WordContribution> pick = new ArrayList<>(all);
                if (!kind.equals("proponent")) {
                    java.util.Collections.reverse(pick);
                }
                for (WordContribution w : pick.subList(0, Math.min(words, pick.size()))) {
                    ws.add(Map.of("token", w.tokenId(), "contribution", w.contribution()));
                }
            }
            es.add(new Entry(kind, rank++, i.trainId(), i.value(), ws));
        }
    }

    private void write(Map<Integer, List<Entry>> lists, TrainingArtifactStore test, TrainingArtifactStore train) {
        StringBuilder csv = new StringBuilder("test_id,kind,rank,train_id,influence,words\n");
        lists.forEach((t, es) -> es.forEach(e -> csv.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.9g,%s%n", t, e.kind(),
                e.rank(), e.trainId(), e.influence(), String.join(" ", e.words().stream()
                        .map(w -> w.get("token") + ":" + String.format(Locale.ROOT, "%.4g", (Double) w.get("contribution")))
                        .toList())))));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", method.label());
        json.put("k", topK);
        json.put("trainStore", train.id());
        json.put("testStore", test.id());
        Map<String, Object> byTest = new LinkedHashMap<>();
        lists.forEach((t, es) -> byTest.put(Integer.toString(t), es));
        json.put("tests", byTest);
        try {
            AtomicFiles.write(out.resolve("top-k.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("top-k.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(json));
            for (Map.Entry<Integer, List<Entry>> e : lists.entrySet()) {
                AtomicFiles.write(out.resolve("html/test-" + e.getKey() + ".html"),
                        page(e.getKey(), e.getValue(), test, train).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new CliException("cannot write the explanations under " + out + ": " + e.getMessage(), e);
        }
    }

    private String page(int testId, List<Entry> es, TrainingArtifactStore test, TrainingArtifactStore train) {
        IntFunction<String> testText = i -> ExplainText.tokens(test, i);
        IntFunction<String> trainText = i -> ExplainText.tokens(train, i);
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(method.label()).append(": test example ").append(testId).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;text-align:left}")
                .append(".pos{color:#1a7f37}.neg{color:#b42318}</style></head><body><h1>Test example ").append(testId)
                .append("</h1><p>").append(ExplainText.escape(testText.apply(testId))).append("</p><p>Method <b>")
                .append(method.label()).append("</b>, training store <code>").append(ExplainText.escape(train.id()))
                .append("</code>. Positive influence = the training example helps this prediction (proponent).</p>");
        for (String kind : List.of("proponent", "opponent")) {
            h.append("<h2>").append(kind.equals("proponent") ? "Proponents" : "Opponents").append("</h2><table><tr><th>#</th>"
                    + "<th>train id</th><th>influence</th><th>tokens</th>").append(method == Method.tracin_we
                    ? "<th>shared words (contribution)</th>" : "").append("</tr>");
            for (Entry e : es) {
                if (!e.kind().equals(kind)) {
                    continue;
                }
                h.append("<tr><td>").append(e.rank()).append("</td><td>").append(e.trainId()).append("</td><td class=\"")
                        .append(e.influence() >= 0 ? "pos" : "neg").append("\">")
                        .append(String.format(Locale.ROOT, "%.4g", e.influence())).append("</td><td>")
                        .append(ExplainText.escape(trainText.apply(e.trainId()))).append("</td>");
                if (method == Method.tracin_we) {
                    h.append("<td>").append(ExplainText.escape(String.join(", ", e.words().stream().map(w -> w.get("token")
                            + String.format(Locale.ROOT, " (%.3g)", (Double) w.get("contribution"))).toList())))
                            .append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }
}
