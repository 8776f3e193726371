// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.nlp.encoder.TrainOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The child-JVM (one thread) side of the encoder table: trains the SNLI encoder of influence-nlp
 * on the SNLI dev pool with capture of evenly spaced checkpoints into a file store, and reports
 * seconds per epoch (training only), capture seconds per checkpoint, payload bytes per checkpoint,
 * bytes on disk per checkpoint and test accuracy.
 *
 * <p>Arguments: {@code STORE_DIR EPOCHS CHECKPOINTS}.
 */
public final class EncoderWorker {
    private EncoderWorker() {
    }

    /**
     * @param args {@code STORE_DIR EPOCHS CHECKPOINTS}
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int checkpoints = Integer.parseInt(args[2]);
        SnliExperiment.Result r = SnliExperiment.run(EncoderConfig.defaults(),
                TrainOptions.builder().epochs(epochs).build(), checkpoints, Optional.of(dir));
        ChildJvm.report("secondsPerEpoch", r.trainSecondsPerEpoch());
        ChildJvm.report("captureSecondsPerCheckpoint", r.captures().stream()
                .mapToDouble(c -> c.seconds()).average().orElse(Double.NaN));
        ChildJvm.report("bytesPerCheckpoint", r.bytesPerCheckpoint());
        ChildJvm.report("diskBytesPerCheckpoint", StoreCache.size(dir.resolve("checkpoints")) / Math.max(1,
                r.captures().size()));
        ChildJvm.report("checkpoints", r.captures().size());
        ChildJvm.report("testAccuracy", r.testAccuracy());
    }
}
