// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import io.github.influence4j.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package cycle in influence-spark (store, scoring, capture, cli). */
class PackageCyclesTest {
    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertFreeOfCycles("io.github.influence4j.spark");
    }
}
