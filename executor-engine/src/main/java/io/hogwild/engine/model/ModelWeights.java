package io.hogwild.engine.model;

import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.Quantization;

/** A model's weights, loaded into a backend and checked against the config's shapes. */
public final class ModelWeights {

    /** One transformer block. Biases and q/k norms are null where the architecture has none. */
    public record Layer(Weights attnNorm, Weights wq, Weights wk, Weights wv, Weights wo,
                        Weights bq, Weights bk, Weights bv, Weights qNorm, Weights kNorm,
                        Weights ffnNorm, Weights gate, Weights up, Weights down) {}

    public final Weights tokenEmbedding;
    public final Weights outputNorm;
    /** The output projection; the embedding itself when the model ties them. */
    public final Weights output;
    public final Layer[] layers;

    private ModelWeights(Weights tokenEmbedding, Weights outputNorm, Weights output, Layer[] layers) {
        this.tokenEmbedding = tokenEmbedding;
        this.outputNorm = outputNorm;
        this.output = output;
        this.layers = layers;
    }

    public static ModelWeights load(ModelConfig c, WeightSource src, Backend backend) {
        Loader l = new Loader(src, backend);
        Weights embedding = l.matrix("token_embd.weight", c.vocabSize(), c.dim());
        Weights outputNorm = l.vector("output_norm.weight", c.dim());
        Weights output = src.find("output.weight").isPresent()
                ? l.matrix("output.weight", c.vocabSize(), c.dim()) : embedding;
        Layer[] layers = new Layer[c.layers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "blk." + i + ".";
            boolean biases = src.find(p + "attn_q.bias").isPresent();
            layers[i] = new Layer(
                    l.vector(p + "attn_norm.weight", c.dim()),
                    l.matrix(p + "attn_q.weight", c.qDim(), c.dim()),
                    l.matrix(p + "attn_k.weight", c.kvDim(), c.dim()),
                    l.matrix(p + "attn_v.weight", c.kvDim(), c.dim()),
                    l.matrix(p + "attn_output.weight", c.dim(), c.qDim()),
                    biases ? l.vector(p + "attn_q.bias", c.qDim()) : null,
                    biases ? l.vector(p + "attn_k.bias", c.kvDim()) : null,
                    biases ? l.vector(p + "attn_v.bias", c.kvDim()) : null,
                    c.arch().qkNorm ? l.vector(p + "attn_q_norm.weight", c.headDim()) : null,
                    c.arch().qkNorm ? l.vector(p + "attn_k_norm.weight", c.headDim()) : null,
                    l.vector(p + "ffn_norm.weight", c.dim()),
                    l.matrix(p + "ffn_gate.weight", c.ffnDim(), c.dim()),
                    l.matrix(p + "ffn_up.weight", c.ffnDim(), c.dim()),
                    l.matrix(p + "ffn_down.weight", c.dim(), c.ffnDim()));
        }
        return new ModelWeights(embedding, outputNorm, output, layers);
    }

    /** Bytes of weights one forward pass reads (every matrix once, the embedding only by row). */
    public long bytesPerForward() {
        long total = output.bytes() + outputNorm.bytes();
        for (Layer l : layers) {
            for (Weights w : new Weights[] {l.attnNorm, l.wq, l.wk, l.wv, l.wo, l.bq, l.bk, l.bv, l.qNorm, l.kNorm,
                    l.ffnNorm, l.gate, l.up, l.down}) {
                if (w != null) total += w.bytes();
            }
        }
        return total;
    }

    private static final class Loader {
        final WeightSource src;
        final Backend backend;

        Loader(WeightSource src, Backend backend) {
            this.src = src;
            this.backend = backend;
        }

        Weights matrix(String name, int rows, int cols) {
            WeightSource.Tensor t = src.require(name);
            if (t.rows() != rows || t.cols() != cols) {
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + t.rows() + "x" + t.cols()
                        + ", the model config needs " + rows + "x" + cols);
            }
            if (!t.type().computable()) {
                throw new IllegalArgumentException("tensor '" + name + "' has type " + t.type()
                        + ", which this engine cannot compute with (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)");
            }
            return backend.loadWeights(t.type(), rows, cols, t.bytes());
        }

        Weights vector(String name, int n) {
            WeightSource.Tensor t = src.require(name);
            if ((long) t.rows() * t.cols() != n) {
                throw new IllegalArgumentException("tensor '" + name + "' has " + (long) t.rows() * t.cols()
                        + " values, the model config needs " + n);
            }
            float[] values = new float[n];
            Quantization.dequantize(t.type(), t.bytes().slice(0, Math.toIntExact(t.type().bytesFor(n))), values, 0, n);
            return backend.loadVector(values);
        }
    }
}
