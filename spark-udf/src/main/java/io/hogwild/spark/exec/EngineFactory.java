package io.hogwild.spark.exec;

import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.EngineOptions;
import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.scalar.ScalarBackend;
import io.hogwild.spark.EngineSpec;
import java.nio.file.Path;
import java.util.List;

/** The one place where executors create compute backends and engines. */
public final class EngineFactory {
    /** Backend names accepted by spark.hogwild.backend. */
    public static final List<String> BACKENDS = List.of("cpu", "auto");

    private EngineFactory() {}

    static Backend backend(EngineSpec spec) {
        // TODO: io.hogwild.kernels.Backends.create(spec.backend(), spec.threads()) once it is on main
        // (the Vector API CPU backend and CUDA); until then every name runs the scalar reference backend.
        return new ScalarBackend();
    }

    static HogwildEngine load(EngineSpec spec, Path modelFile) {
        Model model = Model.load(modelFile, backend(spec), spec.maxBatchTokens());
        long budget = spec.kvBudgetBytes() > 0 ? spec.kvBudgetBytes() : EngineOptions.defaults().kvBudgetBytes();
        return new HogwildEngine(model, new EngineOptions(budget, spec.maxBatchTokens()));
    }
}
