// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/** Test scorer providers for the ServiceLoader discovery tests. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.discovery;
