package io.hogwild.engine.model;

/** The transformer families the engine runs; they differ only in the details listed here. */
public enum Architecture {
    /** Llama 3.x: no attention biases, adjacent-pair RoPE (GGUF permutes q/k for it). */
    LLAMA("llama", false, false),
    /** Qwen2 / Qwen2.5 / QwQ / R1-Distill-Qwen: q/k/v biases, split-half (neox) RoPE. */
    QWEN2("qwen2", true, false),
    /** Qwen3: q/k RMS norms per head, head size independent of hidden size, neox RoPE. */
    QWEN3("qwen3", true, true);

    public final String ggufName;
    public final boolean neoxRope;
    public final boolean qkNorm;

    Architecture(String ggufName, boolean neoxRope, boolean qkNorm) {
        this.ggufName = ggufName;
        this.neoxRope = neoxRope;
        this.qkNorm = qkNorm;
    }

    public static Architecture fromGguf(String name) {
        for (Architecture a : values()) {
            if (a.ggufName.equals(name)) return a;
        }
        throw new IllegalArgumentException("unsupported architecture '" + name + "' (supported: llama, qwen2, qwen3)");
    }
}
