package io.hogwild.jobs.bench;

import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.modelfile.DemoModel;
import io.hogwild.engine.modelfile.ModelFactory;
import io.hogwild.engine.modelfile.ModelSpec;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated benchmark models, cached under the hogwild home so repeated runs skip generation. */
public final class BenchModels {
    private BenchModels() {}

    /**
     * A ~0.5B-parameter Llama-architecture model in the shape of Qwen2.5-0.5B (24 layers, dim 896, 14 heads
     * over 2 KV heads of 64, FFN 4864, tied output) with the real Qwen3 vocabulary: 494M parameters.
     */
    public static ModelSpec llamaHalfB(GgmlType type) {
        return new ModelSpec(Architecture.LLAMA, 24, 896, 14, 2, 64, 4864, 0, "qwen3", type, 7, 32768, 500000.0, true);
    }

    public static Path file(ModelSpec spec, String name) {
        Path p = DemoModel.cacheDir().resolve("bench").resolve(name + "-" + spec.type().name().toLowerCase() + ".gguf");
        if (Files.isRegularFile(p)) return p;
        try {
            Files.createDirectories(p.getParent());
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
            System.err.printf("generating %s (%.0fM parameters)...%n", p, spec.parameters(spec.vocabSize()) / 1e6);
            ModelFactory.write(spec, tmp);
            Files.move(tmp, p);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
