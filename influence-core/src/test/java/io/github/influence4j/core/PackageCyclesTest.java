// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import io.github.influence4j.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package cycle in influence-core (exceptions, io, store API, file and memory stores, scores, spi, capture, selection). */
class PackageCyclesTest {
    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertFreeOfCycles("io.github.influence4j.core");
    }
}
