// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package cycle in influence-samediff. */
class PackageCyclesTest {
    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertFreeOfCycles("io.github.influence4j.samediff");
    }
}
