/** influence4j examples. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples;
