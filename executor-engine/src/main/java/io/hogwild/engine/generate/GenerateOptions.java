package io.hogwild.engine.generate;

import io.hogwild.engine.sampling.SamplingParams;

/** Plain single-sequence generation settings. */
public record GenerateOptions(int maxTokens, SamplingParams sampling, boolean stopAtEndOfGeneration) {
    public GenerateOptions {
        if (maxTokens < 0) throw new IllegalArgumentException("max tokens must be >= 0, got " + maxTokens);
    }
}
