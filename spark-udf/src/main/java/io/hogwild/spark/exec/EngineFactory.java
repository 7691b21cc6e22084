package io.hogwild.spark.exec;

import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.EngineOptions;
import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Backends;
import io.hogwild.kernels.KvType;
import io.hogwild.spark.EngineSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkEnv;

/** The one place where executors create compute backends and engines. */
public final class EngineFactory {
    /**
     * Backend names accepted by spark.hogwild.backend: "cpu" (Vector API kernels when the executor JVM has
     * jdk.incubator.vector, plain Java otherwise), "scalar" (the single-threaded reference), "auto" (= cpu until a
     * GPU backend exists).
     */
    public static final List<String> BACKENDS = List.of("cpu", "scalar", "auto");

    private EngineFactory() {}

    static Backend backend(EngineSpec spec) {
        String name = spec.backend().equals("auto") ? "cpu" : spec.backend();
        return Backends.create(name, threads(spec));
    }

    /** spark.hogwild.threads, else the executor's cores (spark.executor.cores), else every processor of the JVM. */
    static int threads(EngineSpec spec) {
        if (spec.threads() > 0) return spec.threads();
        SparkEnv env = SparkEnv.get();
        int cores = env == null ? 0 : env.conf().getInt("spark.executor.cores", 0);
        return cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
    }

    static HogwildEngine load(EngineSpec spec, Path modelFile) {
        Model model = Model.load(modelFile, backend(spec), spec.maxBatchTokens());
        long budget = spec.kvBudgetBytes() > 0 ? spec.kvBudgetBytes() : EngineOptions.defaults().kvBudgetBytes();
        return new HogwildEngine(model, new EngineOptions(budget, spec.maxBatchTokens(), KvType.parse(spec.kvType())));
    }
}
