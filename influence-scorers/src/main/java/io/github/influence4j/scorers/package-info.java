/** influence4j scorers. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers;
