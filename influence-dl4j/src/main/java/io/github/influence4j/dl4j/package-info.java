/**
 * Capture of training artifacts from DL4J {@code MultiLayerNetwork} and {@code ComputationGraph}
 * training.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.dl4j;
