package io.hogwild.engine.modelfile;

import io.hogwild.engine.model.Architecture;
import io.hogwild.kernels.ggml.GgmlType;

/**
 * The shape of a model to generate with random weights. {@code tokenizer} ("qwen3" for the bundled Qwen3
 * tokenizer, or the path of an HF tokenizer.json) gives it a real vocabulary; when null it gets a
 * byte-level vocabulary of {@code vocabSize} tokens.
 */
public record ModelSpec(Architecture arch, int layers, int dim, int heads, int kvHeads, int headDim, int ffnDim,
                        int vocabSize, String tokenizer, GgmlType type, long seed, int contextLength,
                        double ropeTheta, boolean tiedOutput) {
    public ModelSpec {
        if (layers <= 0 || dim <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || ffnDim <= 0) {
            throw new IllegalArgumentException("layers, dim, heads, kv-heads, head-dim and ffn must be positive");
        }
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads (" + heads + ") must be a multiple of kv-heads (" + kvHeads + ")");
        if (headDim % 2 != 0) throw new IllegalArgumentException("head-dim must be even for RoPE, got " + headDim);
        if (tokenizer == null && vocabSize < 260) throw new IllegalArgumentException("vocab-size must be at least 260 (256 bytes + specials), got " + vocabSize);
        if (!type.computable()) throw new IllegalArgumentException("cannot generate weights of type " + type);
    }

    /** Parameter count: embeddings, attention, feed-forward and norms. */
    public long parameters(int vocab) {
        long attn = (long) dim * heads * headDim * 2 + (long) dim * kvHeads * headDim * 2;
        long ffn = 3L * dim * ffnDim;
        return (long) vocab * dim * (tiedOutput ? 1 : 2) + layers * (attn + ffn + 2L * dim) + dim;
    }
}
