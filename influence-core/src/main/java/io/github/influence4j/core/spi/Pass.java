// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the {@link ScoringEngine} over a store's example chunks, feeding one or several
 * scores: per chunk a fresh accumulator per distinct score (scores with equal
 * {@link ChunkScore#sharingKey()} share one), then the union of their checkpoints in training
 * order, each checkpoint fed to the accumulators that use it, so every accumulator sees its own
 * checkpoints in its own order exactly as when scored alone: results are bit-identical.
 */
final class Pass {
    /** Bytes of float64 values per read that {@link ScoringEngine#chunkSizeForBytes} aims at. */
    static final long TARGET_BYTES = 4L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Pass.class);

    /**
     * One requested score.
     *
     * @param definition its definition (name, orientation, version)
     * @param options its resolved options
     * @param score the resolved score
     * @param output which output of the score's accumulators
     */
    record Member(ScorerDefinition definition, OptionValues options, ChunkScore score, int output) {
    }

    /** One accumulator per chunk, feeding the members that share it. */
    private static final class Unit {
        final ChunkScore score;
        final List<Integer> members = new ArrayList<>();
        final Set<String> checkpointIds = new HashSet<>();
        double[][] all;
        ChunkAccumulator acc;

        Unit(ChunkScore score) {
            this.score = score;
            score.checkpoints().forEach(c -> checkpointIds.add(c.id()));
        }
    }

    private Pass() {
    }

    /**
     * @param name the run's name, given to the listener
     * @param store the store (the same for every member)
     * @param members the requested scores
     * @param request which examples, listener, cancellation, chunk size
     * @return one score per member, in order
     */
    static List<InfluenceScores> run(String name, TrainingArtifactStore store, List<Member> members,
            ScoreRequest request) {
        Map<Object, Unit> byKey = new LinkedHashMap<>();
        boolean reuse = true;
        int chunk = Integer.MAX_VALUE;
        for (int m = 0; m < members.size(); m++) {
            ChunkScore s = members.get(m).score();
            Object key = s.sharingKey().map(k -> (Object) List.of("key", k)).orElse(new Identity(s));
            byKey.computeIfAbsent(key, k -> new Unit(s)).members.add(m);
            int c = s.chunkSizeFor(store);
            reuse &= c > 0;
            chunk = Math.min(chunk, c > 0 ? c : store.spec().chunkSize());
        }
        List<Unit> units = List.copyOf(byKey.values());
        ScoreRequest req = request.chunkSize() > 0 ? request : withChunkSize(request, chunk);
        ScoringRun run = ScoringRun.start(name, store, req);
        List<Checkpoint> order = new ArrayList<>();
        for (Checkpoint c : store.checkpoints()) {
            if (units.stream().anyMatch(u -> u.checkpointIds.contains(c.id()))) {
                order.add(c);
            }
        }
        for (Unit u : units) {
            LOG.info("{}: {} checkpoints {}, options {}, store '{}'", name, u.score.checkpoints().size(),
                    ArtifactReads.ids(u.score.checkpoints()), members.get(u.members.get(0)).options(), store.id());
            u.score.start(run);
        }
        PassReads reads = new PassReads(store, name, reuse);
        for (ExampleRange range : run.ranges()) {
            run.checkCancelled();
            ChunkReads chunkReads = new ChunkReads(store, name, range, reads);
            try {
                for (Unit u : units) {
                    u.acc = u.score.accumulator(chunkReads);
                }
                for (Checkpoint c : order) {
                    reads.step();
                    for (Unit u : units) {
                        if (u.checkpointIds.contains(c.id())) {
                            u.acc.add(c, chunkReads);
                        }
                    }
                }
                reads.step();
                for (Unit u : units) {
                    double[][] r = u.acc.results();
                    if (u.all == null) {
                        int outputs = r.length;
                        for (int m : u.members) {
                            outputs = Math.max(outputs, members.get(m).output() + 1);
                        }
                        u.all = new double[outputs][store.numExamples()];
                    }
                    for (int o = 0; o < r.length; o++) {
                        System.arraycopy(r[o], 0, u.all[o], range.from(), range.size());
                    }
                }
            } finally {
                for (Unit u : units) {
                    closeIfCloseable(u.acc);
                    u.acc = null;
                }
            }
            LOG.trace("{}: scored {}", name, range);
            run.progress(range);
        }
        InfluenceScores[] out = new InfluenceScores[members.size()];
        for (Unit u : units) {
            int outputs = 1;
            for (int m : u.members) {
                outputs = Math.max(outputs, members.get(m).output() + 1);
            }
            double[][] values = u.score.finish(run, u.all != null ? u.all : new double[outputs][store.numExamples()]);
            List<String> ids = ArtifactReads.ids(u.score.checkpoints());
            for (int m : u.members) {
                Member mem = members.get(m);
                Map<String, String> prov = new TreeMap<>(mem.options().toMap());
                prov.putAll(u.score.provenance());
                ScorerDefinition d = mem.definition();
                out[m] = run.finish(d.name(), values[mem.output()], d.orientation(),
                        ScoreProvenance.of(d.name(), d.version(), prov, store, ids));
            }
        }
        LOG.info("{}: scored {} examples of store '{}'", name, out.length == 0 ? 0 : out[0].size(), store.id());
        return List.of(out);
    }

    private static ScoreRequest withChunkSize(ScoreRequest r, int chunk) {
        ScoreRequest.Builder b = ScoreRequest.builder().listener(r.listener()).cancellation(r.cancellation())
                .chunkSize(chunk);
        r.examples().ifPresent(b::examples);
        return b.build();
    }

    private static void closeIfCloseable(ChunkAccumulator acc) {
        if (acc instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing " + acc + " failed", e);
            }
        }
    }

    /** Identity as a map key. */
    private record Identity(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }
}
