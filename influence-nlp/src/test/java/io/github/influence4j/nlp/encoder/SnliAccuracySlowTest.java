// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The protocol's full run (docs/DESIGN.md section 6.2): 10 epochs on the 9,842 dev pairs, evaluated on
 * the 9,824 test pairs. Minutes on 2 cores: tagged slow.
 */
@Tag("slow")
class SnliAccuracySlowTest {
    @Test
    void trainingOnTheDevPoolReachesTheReferenceAccuracy() {
        SnliData data = SnliData.bundled(64);
        SnliExperiment.Result r = SnliExperiment.run(data, EncoderConfig.defaults(),
                TrainOptions.builder().seed(1).build(), Optional.empty());
        // PyTorch reference, same data and architecture: 66-68% (docs/DESIGN.md section 6.2)
        assertTrue(r.testAccuracy() >= 0.65, "test accuracy " + r.testAccuracy());
    }
}
