package io.hogwild.engine.hogwild;

import io.hogwild.kernels.KvType;

/**
 * Settings of a resident engine.
 *
 * @param kvBudgetBytes  hard limit of KV cache memory for all problems together
 * @param maxBatchTokens most tokens one forward pass carries (all rows together)
 * @param kvType         how the cache stores keys and values: {@link KvType#F32} (default) or {@link KvType#F16}
 *                       (half the bytes per token, so the same budget holds twice the tokens)
 */
public record EngineOptions(long kvBudgetBytes, int maxBatchTokens, KvType kvType) {
    public EngineOptions {
        if (kvBudgetBytes <= 0) throw new IllegalArgumentException("KV budget must be positive");
        if (maxBatchTokens < 64) throw new IllegalArgumentException("max batch tokens must be >= 64, got " + maxBatchTokens);
        if (kvType == null) throw new IllegalArgumentException("KV cache type must be given (f32 or f16)");
    }

    /** A float32 cache. */
    public EngineOptions(long kvBudgetBytes, int maxBatchTokens) {
        this(kvBudgetBytes, maxBatchTokens, KvType.F32);
    }

    /** A quarter of the heap for a float32 cache, passes of up to 512 tokens. */
    public static EngineOptions defaults() {
        return new EngineOptions(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4), 512);
    }

    /** These options with the cache storing values as {@code type}. */
    public EngineOptions withKvType(KvType type) {
        return new EngineOptions(kvBudgetBytes, maxBatchTokens, type);
    }
}
