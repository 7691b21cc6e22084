package io.hogwild.engine.modelfile;

import io.hogwild.engine.gguf.GgufWriter;
import io.hogwild.engine.model.ModelConfig;
import io.hogwild.engine.model.RandomWeights;
import io.hogwild.engine.tokenizer.Tokenizer;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes GGUF models with deterministic random weights (the demo model, test and benchmark models of any
 * size). Tensors are generated and encoded row by row while the file is written, so a multi-GB model
 * never sits in memory.
 */
public final class ModelFactory {
    private ModelFactory() {}

    public static void write(ModelSpec spec, Path out) {
        Map<String, Object> tokenizerMeta = new LinkedHashMap<>();
        int vocab;
        if (spec.tokenizer() != null) {
            Tokenizer t = loadTokenizer(spec.tokenizer());
            t.toGgufMetadata(tokenizerMeta);
            vocab = t.vocabSize();
        } else {
            SyntheticVocabulary.write(tokenizerMeta, spec.vocabSize());
            vocab = spec.vocabSize();
        }
        ModelConfig config = config(spec, vocab);
        String a = spec.arch().ggufName + ".";
        GgufWriter w = new GgufWriter();
        w.put("general.architecture", spec.arch().ggufName);
        w.put("general.name", "hogwild random " + spec.arch().ggufName + " (seed " + spec.seed() + ")");
        w.putUint32(a + "context_length", spec.contextLength());
        w.putUint32(a + "embedding_length", spec.dim());
        w.putUint32(a + "block_count", spec.layers());
        w.putUint32(a + "feed_forward_length", spec.ffnDim());
        w.putUint32(a + "attention.head_count", spec.heads());
        w.putUint32(a + "attention.head_count_kv", spec.kvHeads());
        w.putUint32(a + "attention.key_length", spec.headDim());
        w.putUint32(a + "attention.value_length", spec.headDim());
        w.putUint32(a + "rope.dimension_count", spec.headDim());
        w.put(a + "rope.freq_base", (float) spec.ropeTheta());
        w.put(a + "attention.layer_norm_rms_epsilon", 1e-6f);
        tokenizerMeta.forEach(w::put);
        boolean bias = spec.arch() == io.hogwild.engine.model.Architecture.QWEN2;
        for (RandomWeights.Spec t : RandomWeights.specs(config, spec.tiedOutput(), bias)) {
            GgmlType type = RandomWeights.typeFor(t, spec.type());
            long[] dims = t.rows() == 1 ? new long[] {t.cols()} : new long[] {t.cols(), t.rows()};
            w.addTensor(t.name(), type, dims, sink -> {
                float[] row = new float[t.cols()];
                ByteBuffer buf = ByteBuffer.allocate((int) type.bytesFor(t.cols())).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < t.rows(); r++) {
                    RandomWeights.fillRow(t, spec.seed(), r, row);
                    buf.clear();
                    Quantization.quantize(type, row, 0, row.length, buf);
                    buf.flip();
                    while (buf.hasRemaining()) sink.write(buf);
                }
            });
        }
        w.write(out);
    }

    static ModelConfig config(ModelSpec s, int vocab) {
        return new ModelConfig(s.arch(), s.dim(), s.layers(), s.heads(), s.kvHeads(), s.headDim(), s.ffnDim(), vocab,
                s.contextLength(), 1e-6f, new Rope(s.headDim(), s.headDim(), s.arch().neoxRope,
                        Rope.frequencies(s.headDim(), s.ropeTheta())));
    }

    private static Tokenizer loadTokenizer(String name) {
        if (name.equals("qwen3")) return Tokenizer.qwen3();
        try {
            return Tokenizer.fromTokenizerJson(Path.of(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + name + ": " + e.getMessage(), e);
        }
    }
}
