package io.hogwild.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model settings come from the file: shapes, RoPE base, dimension count, pairing and scaling. */
class ConfigReaderTest {
    static Map<String, Object> llama() {
        Map<String, Object> m = new HashMap<>();
        m.put("general.architecture", "llama");
        m.put("llama.embedding_length", 4096L);
        m.put("llama.block_count", 32L);
        m.put("llama.feed_forward_length", 14336L);
        m.put("llama.attention.head_count", 32L);
        m.put("llama.attention.head_count_kv", 8L);
        m.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        m.put("llama.rope.freq_base", 500000f);
        m.put("llama.context_length", 131072L);
        return m;
    }

    @Test
    void llamaShapesAndAdjacentPairRope() {
        ModelConfig c = ConfigReader.read(llama(), null, 128256);
        assertEquals(128, c.headDim());
        assertEquals(8, c.kvHeads());
        assertFalse(c.rope().neox());
        assertEquals(128, c.rope().rotaryDim());
        assertEquals((float) Math.pow(500000, -2.0 * 5 / 128), c.rope().invFreq()[5], 0f);
        assertEquals(131072, c.contextLength());
    }

    @Test
    void qwen3HeadSizeIsIndependentAndRopeIsNeox() {
        Map<String, Object> m = new HashMap<>();
        m.put("general.architecture", "qwen3");
        m.put("qwen3.embedding_length", 1024);
        m.put("qwen3.block_count", 28);
        m.put("qwen3.feed_forward_length", 3072);
        m.put("qwen3.attention.head_count", 16);
        m.put("qwen3.attention.head_count_kv", 8);
        m.put("qwen3.attention.key_length", 128);
        m.put("qwen3.attention.value_length", 128);
        m.put("qwen3.attention.layer_norm_rms_epsilon", 1e-6f);
        m.put("qwen3.rope.freq_base", 1000000f);
        ModelConfig c = ConfigReader.read(m, null, 151936);
        assertEquals(128, c.headDim());
        assertEquals(2048, c.qDim());
        assertTrue(c.rope().neox());
        assertTrue(c.arch().qkNorm);
    }

    @Test
    void partialRotaryDimensionsFromTheFile() {
        Map<String, Object> m = llama();
        m.put("llama.rope.dimension_count", 64L);
        ModelConfig c = ConfigReader.read(m, null, 1000);
        assertEquals(64, c.rope().rotaryDim());
        assertEquals(32, c.rope().invFreq().length);
    }

    @Test
    void ropeFreqsTensorDividesTheFrequencies() {
        float[] factors = new float[64];
        for (int i = 0; i < 64; i++) factors[i] = 1 + i;
        ModelConfig c = ConfigReader.read(llama(), factors, 1000);
        for (int i = 0; i < 64; i++) {
            assertEquals((float) Math.pow(500000, -2.0 * i / 128) / (1 + i), c.rope().invFreq()[i], 1e-12);
        }
    }

    @Test
    void linearScalingDividesByTheFactor() {
        Map<String, Object> m = llama();
        m.put("llama.rope.scaling.type", "linear");
        m.put("llama.rope.scaling.factor", 4f);
        assertEquals((float) (1.0 / 4), ConfigReader.read(m, null, 1000).rope().invFreq()[0], 1e-9);
    }

    @Test
    void llama3ScalingKeepsHighFrequenciesAndSlowsLowOnes() {
        Map<String, Object> m = llama();
        m.put("llama.rope.scaling.type", "llama3");
        m.put("llama.rope.scaling.factor", 8f);
        m.put("llama.rope.scaling.low_freq_factor", 1f);
        m.put("llama.rope.scaling.high_freq_factor", 4f);
        m.put("llama.rope.scaling.original_context_length", 8192L);
        float[] scaled = ConfigReader.read(m, null, 1000).rope().invFreq();
        float[] plain = ConfigReader.read(llama(), null, 1000).rope().invFreq();
        // wavelength 2*pi/f: below 8192/4 = 2048 unchanged, above 8192 divided by 8, smooth between
        for (int i = 0; i < plain.length; i++) {
            double wavelength = 2 * Math.PI / plain[i];
            if (wavelength < 2048) assertEquals(plain[i], scaled[i], 0f);
            else if (wavelength > 8192) assertEquals(plain[i] / 8, scaled[i], 1e-9);
            else assertTrue(scaled[i] < plain[i] && scaled[i] > plain[i] / 8);
        }
    }

    @Test
    void missingOrUnsupportedSettingsAreNamed() {
        Map<String, Object> m = llama();
        m.remove("llama.attention.layer_norm_rms_epsilon");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigReader.read(m, null, 10));
        assertEquals("model file lacks metadata key 'llama.attention.layer_norm_rms_epsilon'", e.getMessage());
        Map<String, Object> yarn = llama();
        yarn.put("llama.rope.scaling.type", "yarn");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigReader.read(yarn, null, 10))
                .getMessage().contains("'yarn' is not supported"));
        Map<String, Object> gemma = llama();
        gemma.put("general.architecture", "gemma");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigReader.read(gemma, null, 10))
                .getMessage().contains("unsupported architecture 'gemma'"));
        Map<String, Object> odd = llama();
        odd.put("llama.attention.head_count_kv", 5L);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigReader.read(odd, null, 10))
                .getMessage().contains("not a multiple"));
    }
}
