/** Test scorer providers for the ServiceLoader discovery tests. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.discovery;
