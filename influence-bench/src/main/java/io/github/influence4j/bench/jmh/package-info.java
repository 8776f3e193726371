/**
 * JMH benchmarks of the per-chunk arithmetic behind the scorers (VoG's Welford accumulator, the
 * data-map, EL2N, AUM and forgetting accumulators, the TracIn-WE per-token gradients, dot products
 * and inverted index) and of the float32-to-float64 conversion every scorer applies to a chunk.
 * Run them with {@code java -cp ... org.openjdk.jmh.Main} (docs/BENCHMARKS.md).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.bench.jmh;
