package io.hogwild.engine.model;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Deterministic random weights for any config: the tensors of a model of that shape, in llama.cpp naming,
 * each filled from its own seeded stream so a tensor's values depend only on (seed, name). Scales keep
 * activations of deep random networks in a sane range, so the logits are varied, not degenerate.
 */
public final class RandomWeights {

    /** A tensor to generate: its name, shape and the spread of its values. */
    public record Spec(String name, int rows, int cols, float scale, boolean norm) {
        public long elements() {
            return (long) rows * cols;
        }
    }

    private RandomWeights() {}

    /** The tensors a model of this config has, embedding first. */
    public static List<Spec> specs(ModelConfig c, boolean tiedOutput, boolean attentionBias) {
        List<Spec> s = new ArrayList<>();
        // logits of a tied output are h·e with rms(h) ~ 1: this spread gives logits of std ~2.5, so
        // sampled text varies instead of collapsing onto one token
        float embScale = (float) (2.5 / Math.sqrt(c.dim()));
        s.add(new Spec("token_embd.weight", c.vocabSize(), c.dim(), embScale, false));
        s.add(new Spec("output_norm.weight", 1, c.dim(), 0.1f, true));
        if (!tiedOutput) s.add(new Spec("output.weight", c.vocabSize(), c.dim(), fanIn(c.dim()), false));
        for (int i = 0; i < c.layers(); i++) {
            String p = "blk." + i + ".";
            s.add(new Spec(p + "attn_norm.weight", 1, c.dim(), 0.1f, true));
            s.add(new Spec(p + "attn_q.weight", c.qDim(), c.dim(), fanIn(c.dim()), false));
            s.add(new Spec(p + "attn_k.weight", c.kvDim(), c.dim(), fanIn(c.dim()), false));
            s.add(new Spec(p + "attn_v.weight", c.kvDim(), c.dim(), fanIn(c.dim()), false));
            if (attentionBias) {
                s.add(new Spec(p + "attn_q.bias", 1, c.qDim(), 0.1f, false));
                s.add(new Spec(p + "attn_k.bias", 1, c.kvDim(), 0.1f, false));
                s.add(new Spec(p + "attn_v.bias", 1, c.kvDim(), 0.1f, false));
            }
            if (c.arch().qkNorm) {
                s.add(new Spec(p + "attn_q_norm.weight", 1, c.headDim(), 0.1f, true));
                s.add(new Spec(p + "attn_k_norm.weight", 1, c.headDim(), 0.1f, true));
            }
            s.add(new Spec(p + "attn_output.weight", c.dim(), c.qDim(), fanIn(c.qDim()), false));
            s.add(new Spec(p + "ffn_norm.weight", 1, c.dim(), 0.1f, true));
            s.add(new Spec(p + "ffn_gate.weight", c.ffnDim(), c.dim(), fanIn(c.dim()), false));
            s.add(new Spec(p + "ffn_up.weight", c.ffnDim(), c.dim(), fanIn(c.dim()), false));
            s.add(new Spec(p + "ffn_down.weight", c.dim(), c.ffnDim(), fanIn(c.ffnDim()), false));
        }
        return s;
    }

    private static float fanIn(int n) {
        return (float) (1.0 / Math.sqrt(n));
    }

    /** Values of row {@code row} of the tensor, written into {@code dst}. */
    public static void fillRow(Spec spec, long seed, int row, float[] dst) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, spec.name(), row));
        // uniform with the variance of N(0, scale^2): a standard deviation of scale
        double a = Math.sqrt(3.0) * spec.scale();
        for (int i = 0; i < spec.cols(); i++) {
            double u = (rnd.nextDouble() * 2 - 1) * a;
            dst[i] = (float) (spec.norm() ? 1.0 + u : u);
        }
    }

    /** The tensor encoded as {@code type}; norms and biases stay F32 as llama.cpp keeps them. */
    public static ByteBuffer encode(Spec spec, long seed, GgmlType type) {
        GgmlType t = typeFor(spec, type);
        long bytes = t.bytesFor(spec.elements());
        if (bytes > Integer.MAX_VALUE - 64) throw new IllegalArgumentException(spec.name() + " too large for one buffer");
        ByteBuffer out = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[spec.cols()];
        for (int r = 0; r < spec.rows(); r++) {
            fillRow(spec, seed, r, row);
            Quantization.quantize(t, row, 0, row.length, out);
        }
        return out.flip();
    }

    /** The weight type a tensor gets in a model of {@code type}: 1-D tensors and odd widths stay F32. */
    public static GgmlType typeFor(Spec spec, GgmlType type) {
        if (spec.rows() == 1 || spec.cols() % type.blockSize != 0) return GgmlType.F32;
        return type;
    }

    /** An in-memory weight source (for tests and small models). */
    public static WeightSource source(ModelConfig c, long seed, GgmlType type, boolean tiedOutput, boolean bias) {
        List<Spec> specs = specs(c, tiedOutput, bias);
        return name -> {
            for (Spec s : specs) {
                if (s.name().equals(name)) {
                    return Optional.of(new WeightSource.Tensor(name, typeFor(s, type), s.rows(), s.cols(),
                            TensorBytes.of(encode(s, seed, type))));
                }
            }
            return Optional.empty();
        };
    }

    private static long mix(long seed, String name, int row) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) h = (h ^ name.charAt(i)) * 0x100000001B3L;
        return h ^ (row * 0xBF58476D1CE4E5B9L);
    }
}
