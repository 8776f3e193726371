// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Store sets (shards plus a checked manifest) and influence4j file stores on any Hadoop FileSystem (docs/SCALE.md sections 1 and 2).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.spark.store;
