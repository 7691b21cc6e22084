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
     * A ~0.5B-parameter Llama-architecture model (24 layers, dim 1024, 16 heads over 8 KV heads, FFN 4096,
     * 64K vocabulary, untied output): 509M parameters, the size class of Qwen2.5-0.5B.
     */
    public static ModelSpec llamaHalfB(GgmlType type) {
        return new ModelSpec(Architecture.LLAMA, 24, 1024, 16, 8, 64, 4096, 64000, null, type, 7, 8192, 500000.0, false);
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
