package io.github.influence4j.bench;

/**
 * Table 5 of issue 9: the SNLI encoder (seconds per epoch, capture seconds per checkpoint, bytes
 * per checkpoint). Prints "pending" until the encoder of influence-nlp is available to this
 * module.
 */
final class EncoderBench {
    private EncoderBench() {
    }

    static String run(BenchOptions o) {
        return TextTable.of("measure", "value")
                .row("seconds per training epoch (SNLI dev, 9,842 pairs)", "pending")
                .row("capture seconds per checkpoint", "pending")
                .row("bytes per checkpoint", "pending")
                .note("pending: the SNLI encoder and its SameDiff capture (influence-nlp) have not landed on main.")
                .render();
    }
}
