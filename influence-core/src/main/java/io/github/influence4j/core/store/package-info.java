/** The training-artifact store: kinds, checkpoints, chunked reads, the memory and file stores (DESIGN.md section 2). */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store;
