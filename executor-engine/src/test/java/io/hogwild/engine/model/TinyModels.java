package io.hogwild.engine.model;

import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.ggml.GgmlType;

/** Small generated models of each architecture for tests. */
public final class TinyModels {
    private TinyModels() {}

    public static ModelConfig config(Architecture arch) {
        int headDim = arch == Architecture.QWEN3 ? 24 : 16; // Qwen3: head size independent of dim / heads
        int rotary = arch == Architecture.LLAMA ? 12 : headDim; // partial rotary on one family
        return new ModelConfig(arch, 64, 2, 4, 2, headDim, 96, 80, 512, 1e-6f,
                new Rope(headDim, rotary, arch.neoxRope, Rope.frequencies(rotary, 10000.0)));
    }

    public static Transformer transformer(Architecture arch, Backend backend, GgmlType type) {
        ModelConfig c = config(arch);
        boolean bias = arch == Architecture.QWEN2;
        boolean tied = arch != Architecture.LLAMA;
        ModelWeights w = ModelWeights.load(c, RandomWeights.source(c, 42, type, tied, bias), backend);
        return new Transformer(c, w, backend, 256);
    }
}
