package io.hogwild.engine.hogwild;

/**
 * Settings of a resident engine.
 *
 * @param kvBudgetBytes  hard limit of KV cache memory for all problems together
 * @param maxBatchTokens most tokens one forward pass carries (all rows together)
 */
public record EngineOptions(long kvBudgetBytes, int maxBatchTokens) {
    public EngineOptions {
        if (kvBudgetBytes <= 0) throw new IllegalArgumentException("KV budget must be positive");
        if (maxBatchTokens < 64) throw new IllegalArgumentException("max batch tokens must be >= 64, got " + maxBatchTokens);
    }

    /** A quarter of the heap for the cache, passes of up to 512 tokens. */
    public static EngineOptions defaults() {
        return new EngineOptions(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4), 512);
    }
}
