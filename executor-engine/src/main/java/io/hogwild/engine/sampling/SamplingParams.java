package io.hogwild.engine.sampling;

/**
 * How the next token is chosen. temperature 0 is greedy. topK 0, topP 1 and minP 0 switch those filters
 * off. The same seed and logits always give the same tokens.
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, long seed) {
    public SamplingParams {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (!(minP >= 0 && minP < 1)) throw new IllegalArgumentException("min-p must be in [0, 1), got " + minP);
    }

    public static SamplingParams greedy() {
        return new SamplingParams(0f, 0, 1f, 0f, 0);
    }

    public static SamplingParams of(float temperature, long seed) {
        return new SamplingParams(temperature, 0, 1f, 0f, seed);
    }

    public boolean isGreedy() {
        return temperature == 0f || topK == 1;
    }

    public SamplingParams withSeed(long newSeed) {
        return new SamplingParams(temperature, topK, topP, minP, newSeed);
    }
}
