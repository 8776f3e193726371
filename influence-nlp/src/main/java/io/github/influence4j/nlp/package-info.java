// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/** influence4j nlp. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp;
