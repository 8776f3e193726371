/** influence4j nlp. */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp;
