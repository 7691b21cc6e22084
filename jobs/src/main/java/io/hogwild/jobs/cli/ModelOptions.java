package io.hogwild.jobs.cli;

import io.hogwild.engine.Model;
import io.hogwild.engine.ModelRef;
import io.hogwild.kernels.Backends;
import picocli.CommandLine.Option;

/** Options shared by every command that loads a model. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file path, or 'demo' (generated offline)")
    String model;

    @Option(names = "--threads", description = "compute threads (default: available processors)")
    Integer threads;

    @Option(names = "--backend", defaultValue = "cpu", description = "cpu (Vector API when present) or scalar (reference)")
    String backend;

    @Option(names = "--batch-tokens", defaultValue = "512", description = "most tokens per forward pass (prefill chunk)")
    int batchTokens;

    Model load() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return Model.load(ModelRef.resolve(model), Backends.create(backend, t), batchTokens);
    }
}
