// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads scores back from the files {@code score --out} writes: CSV (with its {@code # score=...
 * orientation=...} comment line) or {@code .npy} (plus {@code <name>.ids.npy} for a subset; the
 * orientation must then be given).
 */
final class ScoresFile {
    private static final Pattern COMMENT = Pattern.compile("#.*\\bscore=(\\S+).*\\borientation=(\\S+).*");

    private ScoresFile() {
    }

    /**
     * @param file a .csv or .npy scores file
     * @param orientation overrides (or, for .npy, supplies) the orientation
     * @return the scores, with a provenance that names the file
     * @throws CliException for a missing, malformed or ambiguous file
     */
    static InfluenceScores read(Path file, Optional<Orientation> orientation) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("scores file " + file + " does not exist; write one with 'influence4j score --out'");
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (n.endsWith(".csv")) {
                return readCsv(file, orientation);
            }
            if (n.endsWith(".npy")) {
                return readNpy(file, orientation.orElseThrow(() -> new CliException(file
                        + ": a .npy file does not record which end is hard; add --orientation HIGHER_IS_HARDER or"
                        + " LOWER_IS_HARDER")));
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new CliException("scores file " + file + " must end in .csv or .npy");
    }

    private static InfluenceScores readCsv(Path file, Optional<Orientation> override) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String name = null;
        Orientation orientation = override.orElse(null);
        int at = 0;
        while (at < lines.size() && (lines.get(at).startsWith("#") || lines.get(at).isBlank())) {
            Matcher m = COMMENT.matcher(lines.get(at));
            if (m.matches()) {
                name = m.group(1);
                if (orientation == null) {
                    orientation = parseOrientation(m.group(2), file);
                }
            }
            at++;
        }
        if (at >= lines.size()) {
            throw new CliException(file + " holds no header line 'example_id,<score>'");
        }
        String[] header = lines.get(at).split(",", -1);
        if (header.length != 2 || !header[0].strip().equals("example_id")) {
            throw new CliException(file + ": expected the header 'example_id,<score>', found '" + lines.get(at) + "'");
        }
        name = name != null ? name : header[1].strip();
        if (orientation == null) {
            throw new CliException(file + " does not record which end is hard (no '# ... orientation=' line); add"
                    + " --orientation HIGHER_IS_HARDER or LOWER_IS_HARDER");
        }
        int count = (int) lines.stream().skip(at + 1L).filter(l -> !l.isBlank()).count();
        int[] ids = new int[count];
        double[] values = new double[count];
        int i = 0;
        for (int ln = at + 1; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 2) {
                    throw new NumberFormatException(f.length + " fields");
                }
                ids[i] = Integer.parseInt(f[0].strip());
                values[i] = Double.parseDouble(f[1].strip());
            } catch (NumberFormatException e) {
                throw new CliException(file + " line " + (ln + 1) + ": expected '<id>,<value>', found '" + line + "'", e);
            }
            i++;
        }
        return create(file, name, ids, values, orientation);
    }

    private static InfluenceScores readNpy(Path file, Orientation orientation) throws IOException {
        double[] values;
        try (InputStream in = Files.newInputStream(file)) {
            values = Npy.read(in, file.toString()).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        }
        String base = file.getFileName().toString().replaceFirst("(?i)\\.npy$", "");
        Path idsFile = file.resolveSibling(base + ".ids.npy");
        int[] ids;
        if (Files.isRegularFile(idsFile)) {
            try (InputStream in = Files.newInputStream(idsFile)) {
                ids = Npy.read(in, idsFile.toString()).castTo(DataType.INT32).reshape(-1).toIntVector();
            }
            if (ids.length != values.length) {
                throw new CliException(idsFile + " holds " + ids.length + " ids for " + values.length + " values in " + file);
            }
        } else {
            ids = java.util.stream.IntStream.range(0, values.length).toArray();
        }
        return create(file, base, ids, values, orientation);
    }

    private static Orientation parseOrientation(String s, Path file) {
        try {
            return Orientation.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": unknown orientation '" + s + "'; expected HIGHER_IS_HARDER or LOWER_IS_HARDER", e);
        }
    }

    /**
     * Accepts the rows in any order (a spreadsheet may have sorted them by score) and puts them in
     * example-id order; a negative or repeated id, or a NaN, is an error naming the example.
     */
    private static InfluenceScores create(Path file, String name, int[] rawIds, double[] rawValues, Orientation o) {
        Integer[] order = new Integer[rawIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> rawIds[i]));
        int[] ids = new int[rawIds.length];
        double[] values = new double[rawIds.length];
        for (int i = 0; i < order.length; i++) {
            ids[i] = rawIds[order[i]];
            values[i] = rawValues[order[i]];
            if (ids[i] < 0) {
                throw new CliException(file + ": example id " + ids[i] + " is negative; ids are row numbers of the store,"
                        + " 0 and up");
            }
            if (i > 0 && ids[i] == ids[i - 1]) {
                throw new CliException(file + ": example " + ids[i] + " appears twice; each example needs one score");
            }
            if (Double.isNaN(values[i])) {
                throw new CliException(file + ": the score of example " + ids[i] + " is NaN; rescore the store or drop"
                        + " that row");
            }
        }
        ScoreProvenance p = ScoreProvenance.builder(name).version("file").options(Map.of("file", file.toString()))
                .store("file:" + file, "").build();
        try {
            return new InfluenceScores(name, ids, values, o, p);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
    }
}
