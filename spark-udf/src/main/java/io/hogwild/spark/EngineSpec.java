package io.hogwild.spark;

import java.io.Serializable;

/**
 * Which resident engine solves the rows: one per distinct spec per executor JVM.
 *
 * @param model          the model as the user wrote it (path, URI, SparkFiles name or "demo"), resolved on executors
 * @param backend        compute backend name ("cpu")
 * @param threads        backend threads, 0 = the backend's choice
 * @param kvBudgetBytes  KV cache budget of the engine, 0 = a quarter of the executor heap
 * @param maxBatchTokens most tokens one forward pass carries (rows that do not fit wait for the next pass)
 * @param modelCacheDir  where executors keep copies of remote models, null = java.io.tmpdir/hogwild-models
 * @param kvType         KV cache element type, "f32" or "f16" (option kv_type / spark.hogwild.kvType)
 */
public record EngineSpec(String model, String backend, int threads, long kvBudgetBytes, int maxBatchTokens, String modelCacheDir,
                         String kvType)
        implements Serializable {
    /** An engine with a float32 KV cache. */
    public EngineSpec(String model, String backend, int threads, long kvBudgetBytes, int maxBatchTokens, String modelCacheDir) {
        this(model, backend, threads, kvBudgetBytes, maxBatchTokens, modelCacheDir, "f32");
    }

    public static final String BACKEND_KEY = "spark.hogwild.backend";
    public static final String THREADS_KEY = "spark.hogwild.threads";
    public static final String KV_CACHE_MB_KEY = "spark.hogwild.kvCacheMb";
    public static final String MAX_BATCH_TOKENS_KEY = "spark.hogwild.maxBatchTokens";
    public static final String MODEL_CACHE_DIR_KEY = "spark.hogwild.modelCacheDir";
    /** As the engine's own default; raise it on GPUs, where bigger passes cost little more than small ones. */
    public static final int DEFAULT_MAX_BATCH_TOKENS = 512;
}
