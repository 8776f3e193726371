// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Both stores reject the same bad write with the same exception and the same message. */
class SameRejectionsTest {
    private static final StoreSpec SPEC = new StoreSpec("same", 10, 3, 4);
    private static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);
    private static final ArtifactKey LABELS = ArtifactKey.of(ArtifactKind.LABELS);
    private static final ArtifactKey GRADS = ArtifactKey.of(ArtifactKind.INPUT_GRADS);
    private static final Checkpoint C0 = new Checkpoint("c0", 10, 0, 0.1, 1);

    @TempDir
    Path tmp;

    private static Consumer<ArtifactWriter> inCheckpoint(Consumer<CheckpointWriter> body) {
        return w -> body.accept(w.beginCheckpoint(C0));
    }

    static Stream<Arguments> badWrites() {
        return Stream.of(
                Arguments.of("dense write of a ragged kind", ConfigurationException.class, "use writeRagged",
                        inCheckpoint(w -> w.write(GRADS, 0, Nd4j.zeros(DataType.FLOAT, 2, 4)))),
                Arguments.of("ragged write of a dense kind", ConfigurationException.class, "dense: use write",
                        inCheckpoint(w -> w.writeRagged(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 2), new int[] {1, 1}))),
                Arguments.of("per-checkpoint kind without a checkpoint", ConfigurationException.class,
                        "call beginCheckpoint", (Consumer<ArtifactWriter>) w -> w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 2))),
                Arguments.of("examples beyond N", ConfigurationException.class, "fall outside [0, 10)",
                        inCheckpoint(w -> w.write(LOSS, 8, Nd4j.zeros(DataType.FLOAT, 3)))),
                Arguments.of("unsupported dtype", ConfigurationException.class, "dtype HALF is not supported",
                        inCheckpoint(w -> w.write(LOSS, 0, Nd4j.zeros(DataType.HALF, 2)))),
                Arguments.of("scalar instead of [n]", ConfigurationException.class, "got a 0-d array",
                        inCheckpoint(w -> w.write(LOSS, 0, Nd4j.scalar(1f)))),
                Arguments.of("dtype changes between writes", IncompatibleStoreException.class,
                        "every write of an artifact must agree", inCheckpoint(w -> {
                            w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 2));
                            w.write(LOSS, 2, Nd4j.zeros(DataType.DOUBLE, 2));
                        })),
                Arguments.of("logits with the wrong K", IncompatibleStoreException.class, "K = 3",
                        inCheckpoint(w -> w.write(LOGITS, 0, Nd4j.zeros(DataType.FLOAT, 2, 4)))),
                Arguments.of("float labels", IncompatibleStoreException.class, "must be INT or LONG",
                        (Consumer<ArtifactWriter>) w -> w.write(LABELS, 0, Nd4j.zeros(DataType.FLOAT, 2))),
                Arguments.of("negative ragged length", ConfigurationException.class, "must be >= 0",
                        inCheckpoint(w -> w.writeRagged(GRADS, 0, Nd4j.zeros(DataType.FLOAT, 1, 4), new int[] {2, -1}))),
                Arguments.of("ragged lengths that do not match the rows", ConfigurationException.class,
                        "lengths sum to 3 positions", inCheckpoint(w -> w.writeRagged(GRADS, 0,
                                Nd4j.zeros(DataType.FLOAT, 4, 4), new int[] {1, 2}))),
                Arguments.of("write that skips ahead mid-chunk", ConfigurationException.class,
                        "neither continues the previous write (next example 2)", inCheckpoint(w -> {
                            w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 2));
                            w.write(LOSS, 3, Nd4j.zeros(DataType.FLOAT, 2));
                        })),
                Arguments.of("commit with a gap", ConfigurationException.class,
                        "covers 4 of 10 examples (first gap: [4, 10))", inCheckpoint(w -> {
                            w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 4));
                            w.commit();
                        })),
                Arguments.of("commit with a gap at a chunk boundary", ConfigurationException.class,
                        "covers 6 of 10 examples (first gap: [4, 8))", inCheckpoint(w -> {
                            w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 4));
                            w.write(LOSS, 8, Nd4j.zeros(DataType.FLOAT, 2));
                            w.commit();
                        })),
                Arguments.of("restart discards the incomplete chunk", ConfigurationException.class,
                        "covers 6 of 10 examples (first gap: [4, 8))", inCheckpoint(w -> {
                            w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 6)); // chunk [4, 8) half written
                            w.write(LOSS, 8, Nd4j.zeros(DataType.FLOAT, 2)); // restart at a boundary
                            w.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 4));
                            w.commit();
                        })),
                Arguments.of("static artifact written twice", ConfigurationException.class, "written once",
                        (Consumer<ArtifactWriter>) w -> {
                            w.write(LABELS, 0, Nd4j.zeros(DataType.INT, 10));
                            w.commit();
                            w.write(LABELS, 0, Nd4j.zeros(DataType.INT, 10));
                        }),
                Arguments.of("checkpoint begun while another is open", IllegalStateException.class,
                        "commit() it before beginning 'c1'", (Consumer<ArtifactWriter>) w -> {
                            w.beginCheckpoint(C0);
                            w.beginCheckpoint(new Checkpoint("c1", 20, 0, 0.1, 1));
                        }),
                Arguments.of("checkpoint id written twice", ConfigurationException.class,
                        "checkpoint id 'c0' is already committed in store 'same'", (Consumer<ArtifactWriter>) w -> {
                            try (CheckpointWriter c = w.beginCheckpoint(C0)) {
                                c.write(LOSS, 0, Nd4j.zeros(DataType.FLOAT, 10));
                                c.commit();
                            }
                            w.beginCheckpoint(new Checkpoint("c0", 20, 1, 0.1, 1));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWrites")
    void bothStoresRejectWithTheSameMessage(String what, Class<? extends Throwable> type, String fragment,
            Consumer<ArtifactWriter> scenario) {
        Throwable memory = run(MemoryStores.create(SPEC), scenario);
        Throwable file = run(ArtifactStores.create(tmp.resolve("s"), SPEC), scenario);
        assertNotNull(memory, what + ": the memory store accepted it");
        assertNotNull(file, what + ": the file store accepted it");
        assertEquals(type, memory.getClass(), what + ": " + memory);
        assertEquals(type, file.getClass(), what + ": " + file);
        assertEquals(memory.getMessage(), file.getMessage(), what);
        assertTrue(memory.getMessage().contains(fragment), what + ": " + memory.getMessage());
        assertTrue(memory.getMessage().contains("store 'same'"), what + " names the store: " + memory.getMessage());
    }

    private static Throwable run(ArtifactWriter w, Consumer<ArtifactWriter> scenario) {
        try (w) {
            scenario.accept(w);
            w.commit();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
