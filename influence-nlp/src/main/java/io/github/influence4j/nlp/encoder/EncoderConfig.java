// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

/**
 * Architecture of the SNLI encoder (docs/DESIGN.md section 6.2).
 *
 * @param channels output channels of the width-{@code width} convolution over word embeddings
 *     (PyTorch reference: 256)
 * @param width the convolution's window, odd, padded so that every real token gets an output
 * @param hidden width of the head's two hidden dense layers (Tan et al. 2023: 64)
 * @param dropout dropout probability after each hidden layer of the head, in {@code [0, 1)} (Tan et
 *     al.: 0.1)
 * @param maxTokens sentences are cut to this many tokens
 */
public record EncoderConfig(int channels, int width, int hidden, double dropout, int maxTokens) {
    /**
     * Validates the fields.
     *
     * @param channels output channels of the width-{@code width} convolution over word embeddings
     *     (PyTorch reference: 256)
     * @param width the convolution's window, odd, padded so that every real token gets an output
     * @param hidden width of the head's two hidden dense layers (Tan et al. 2023: 64)
     * @param dropout dropout probability after each hidden layer of the head, in {@code [0, 1)} (Tan et
     *     al.: 0.1)
     * @param maxTokens sentences are cut to this many tokens
     */
    public EncoderConfig {
        if (channels < 1 || hidden < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("channels, hidden and maxTokens must be >= 1: " + channels + ", "
                    + hidden + ", " + maxTokens);
        }
        if (width < 1 || width % 2 == 0) {
            throw new IllegalArgumentException("width must be odd and >= 1, was " + width);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
    }

    /** @return 256 channels, width 3, head width 64, dropout 0.1, 64 tokens */
    public static EncoderConfig defaults() {
        return new EncoderConfig(256, 3, 64, 0.1, 64);
    }

    /**
     * @param c channels
     * @return a copy with another channel count
     */
    public EncoderConfig withChannels(int c) {
        return new EncoderConfig(c, width, hidden, dropout, maxTokens);
    }
}
