package io.hogwild.engine.model;

import io.hogwild.kernels.Rope;
import java.util.Map;

/**
 * Builds a {@link ModelConfig} from GGUF metadata (llama.cpp key names, prefixed by the architecture).
 * RoPE base, dimension count, scaling and per-frequency factors all come from the file.
 */
public final class ConfigReader {
    private ConfigReader() {}

    /**
     * @param ropeFactors the {@code rope_freqs.weight} tensor when the file has one (Llama 3.1+ scaling
     *                    baked per frequency), else null
     * @param vocabRows   rows of the token embedding (the vocabulary size the weights support)
     */
    public static ModelConfig read(Map<String, Object> meta, float[] ropeFactors, int vocabRows) {
        Architecture arch = Architecture.fromGguf(string(meta, "general.architecture"));
        String a = arch.ggufName + ".";
        int dim = integer(meta, a + "embedding_length");
        int heads = integer(meta, a + "attention.head_count");
        int headDim = meta.containsKey(a + "attention.key_length")
                ? integer(meta, a + "attention.key_length") : dim / heads;
        if (meta.containsKey(a + "attention.value_length") && integer(meta, a + "attention.value_length") != headDim) {
            throw new IllegalArgumentException("key and value head sizes differ; not supported");
        }
        int kvHeads = meta.containsKey(a + "attention.head_count_kv") ? integer(meta, a + "attention.head_count_kv") : heads;
        int rotaryDim = meta.containsKey(a + "rope.dimension_count") ? integer(meta, a + "rope.dimension_count") : headDim;
        double theta = meta.containsKey(a + "rope.freq_base") ? number(meta, a + "rope.freq_base") : 10000.0;
        float[] freqs = Rope.frequencies(rotaryDim, theta);
        applyScaling(meta, a, freqs, ropeFactors);
        int context = meta.containsKey(a + "context_length") ? integer(meta, a + "context_length") : 4096;
        float eps = (float) number(meta, a + "attention.layer_norm_rms_epsilon");
        return new ModelConfig(arch, dim, integer(meta, a + "block_count"), heads, kvHeads, headDim,
                integer(meta, a + "feed_forward_length"), vocabRows, context, eps,
                new Rope(headDim, rotaryDim, arch.neoxRope, freqs));
    }

    private static void applyScaling(Map<String, Object> meta, String a, float[] freqs, float[] factors) {
        if (factors != null) {
            if (factors.length != freqs.length) {
                throw new IllegalArgumentException("rope_freqs has " + factors.length + " factors, expected " + freqs.length);
            }
            for (int i = 0; i < freqs.length; i++) freqs[i] /= factors[i];
            return;
        }
        String type = meta.containsKey(a + "rope.scaling.type") ? string(meta, a + "rope.scaling.type") : "none";
        switch (type) {
            case "none":
                return;
            case "linear": {
                double factor = number(meta, a + "rope.scaling.factor");
                for (int i = 0; i < freqs.length; i++) freqs[i] /= (float) factor;
                return;
            }
            case "llama3":
                llama3(freqs, number(meta, a + "rope.scaling.factor"),
                        meta.containsKey(a + "rope.scaling.low_freq_factor") ? number(meta, a + "rope.scaling.low_freq_factor") : 1.0,
                        meta.containsKey(a + "rope.scaling.high_freq_factor") ? number(meta, a + "rope.scaling.high_freq_factor") : 4.0,
                        integer(meta, a + "rope.scaling.original_context_length"));
                return;
            default:
                throw new IllegalArgumentException("rope scaling type '" + type + "' is not supported (none, linear, llama3, rope_freqs)");
        }
    }

    /**
     * Llama 3.1 frequency scaling: long wavelengths are slowed by {@code factor}, short ones kept, and the
     * band between interpolated smoothly.
     */
    static void llama3(float[] freqs, double factor, double lowFreqFactor, double highFreqFactor, int originalContext) {
        double lowWavelen = originalContext / lowFreqFactor;
        double highWavelen = originalContext / highFreqFactor;
        for (int i = 0; i < freqs.length; i++) {
            double wavelen = 2 * Math.PI / freqs[i];
            if (wavelen < highWavelen) continue;
            if (wavelen > lowWavelen) {
                freqs[i] = (float) (freqs[i] / factor);
            } else {
                double smooth = (originalContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                freqs[i] = (float) ((1 - smooth) * freqs[i] / factor + smooth * freqs[i]);
            }
        }
    }

    static String string(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v instanceof String) return (String) v;
        throw missingOrWrong(key, v, "a string");
    }

    static int integer(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v instanceof Integer || v instanceof Long) {
            long x = ((Number) v).longValue();
            if (x < 0 || x > Integer.MAX_VALUE) throw new IllegalArgumentException("metadata '" + key + "' = " + x + " is out of range");
            return (int) x;
        }
        throw missingOrWrong(key, v, "an integer");
    }

    static double number(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v instanceof Number) return ((Number) v).doubleValue();
        throw missingOrWrong(key, v, "a number");
    }

    private static IllegalArgumentException missingOrWrong(String key, Object v, String what) {
        return new IllegalArgumentException(v == null ? "model file lacks metadata key '" + key + "'"
                : "metadata '" + key + "' should be " + what + " but is " + v.getClass().getSimpleName());
    }
}
