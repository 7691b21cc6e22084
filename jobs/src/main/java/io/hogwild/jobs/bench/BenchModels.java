package io.hogwild.jobs.bench;

import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.modelfile.DemoModel;
import io.hogwild.engine.modelfile.ModelFactory;
import io.hogwild.engine.modelfile.ModelSpec;
import io.hogwild.kernels.ggml.GgmlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated benchmark models, cached under the hogwild home so repeated runs skip generation. */
public final class BenchModels {
    /** Tokens of the bundled Qwen3 vocabulary (the embedding rows of a model generated with it). */
    static final int QWEN3_VOCAB = 151_669;

    private BenchModels() {}

    /**
     * A ~0.5B-parameter Llama-architecture model in the shape of Qwen2.5-0.5B (24 layers, dim 896, 14 heads
     * over 2 KV heads of 64, FFN 4864, tied output) with the real Qwen3 vocabulary: 494M parameters.
     */
    public static ModelSpec llamaHalfB(GgmlType type) {
        return new ModelSpec(Architecture.LLAMA, 24, 896, 14, 2, 64, 4864, 0, "qwen3", type, 7, 32768, 500000.0, true);
    }

    /**
     * A ~4B-parameter Llama-architecture model in the shape of Qwen3-4B without its q/k norms (36 layers,
     * dim 2560, 32 heads over 8 KV heads of 128, FFN 9728, tied output) with the real Qwen3 vocabulary:
     * 4.02B parameters, a 4.3 GB file in Q8_0.
     */
    public static ModelSpec llamaFourB(GgmlType type) {
        return new ModelSpec(Architecture.LLAMA, 36, 2560, 32, 8, 128, 9728, 0, "qwen3", type, 11, 32768, 1_000_000.0, true);
    }

    /** Parameters of a generated model (its vocabulary is the tokenizer's when it has one). */
    public static long parameters(ModelSpec spec) {
        return spec.parameters(spec.tokenizer() != null ? QWEN3_VOCAB : spec.vocabSize());
    }

    /** The model's file, generated on first use (streamed to disk tensor row by tensor row, never held in memory). */
    public static Path file(ModelSpec spec, String name) {
        Path p = DemoModel.cacheDir().resolve("bench").resolve(name + "-" + spec.type().name().toLowerCase() + ".gguf");
        if (Files.isRegularFile(p)) return p;
        try {
            Files.createDirectories(p.getParent());
            long estimate = (long) (parameters(spec) * (spec.type().bytesFor(256) / 256.0));
            long free = Files.getFileStore(p.getParent()).getUsableSpace();
            if (free < estimate + (256L << 20)) {
                throw new IllegalStateException(String.format("generating %s needs about %.1f GB of disk; %.1f GB free",
                        p, estimate / 1e9, free / 1e9));
            }
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
            System.err.printf("generating %s (%.0fM parameters, about %.1f GB; once)...%n", p, parameters(spec) / 1e6, estimate / 1e9);
            long t0 = System.nanoTime();
            ModelFactory.write(spec, tmp);
            Files.move(tmp, p);
            System.err.printf("generated %s in %.0f s%n", p.getFileName(), (System.nanoTime() - t0) / 1e9);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
