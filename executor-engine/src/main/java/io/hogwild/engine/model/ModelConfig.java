package io.hogwild.engine.model;

import io.hogwild.kernels.Rope;

/**
 * Everything the forward pass needs to know about a model's shape, read from the model file.
 *
 * @param headDim size of one attention head (Qwen3 sets it independently of dim / heads)
 * @param rope    rotary settings with any frequency scaling already folded in
 */
public record ModelConfig(Architecture arch, int dim, int layers, int heads, int kvHeads, int headDim,
                          int ffnDim, int vocabSize, int contextLength, float rmsEps, Rope rope) {
    public ModelConfig {
        require(dim > 0 && layers > 0 && heads > 0 && kvHeads > 0 && headDim > 0 && ffnDim > 0 && vocabSize > 0,
                "dimensions must be positive");
        require(heads % kvHeads == 0, "head count " + heads + " is not a multiple of KV head count " + kvHeads);
        require(rope.headDim() == headDim, "rope head size " + rope.headDim() + " != head size " + headDim);
        require(contextLength > 0, "context length must be positive");
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    public float attentionScale() {
        return (float) (1.0 / Math.sqrt(headDim));
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("invalid model config: " + message);
    }
}
