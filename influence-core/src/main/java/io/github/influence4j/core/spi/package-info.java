/** Service-provider interfaces: how third-party scorers plug in. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.spi;
