package io.hogwild.engine.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.gguf.GgufFile;
import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.engine.model.ModelConfig;
import io.hogwild.engine.model.ModelWeights;
import io.hogwild.engine.model.RandomWeights;
import io.hogwild.engine.model.Transformer;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.scalar.ScalarBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generated GGUF files load back into the same model: config, tokenizer and weights. */
class ModelFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"LLAMA,F32", "QWEN2,Q8_0", "QWEN3,Q4_0", "LLAMA,Q4_K", "QWEN3,Q6_K", "QWEN2,F16", "LLAMA,BF16"})
    void aWrittenModelLoadsWithTheLogitsOfItsWeights(Architecture arch, GgmlType type) {
        ModelSpec spec = new ModelSpec(arch, 2, 256, 4, 2, 32, 512, 300, null, type, 11, 1024, 10000.0, arch == Architecture.QWEN3);
        Path file = dir.resolve("m.gguf");
        ModelFactory.write(spec, file);
        int[] prompt = {5, 77, 123, 299, 12, 8};
        try (Model m = Model.load(file, new ScalarBackend(), 64)) {
            ModelConfig c = m.config();
            assertEquals(arch, c.arch());
            assertEquals(300, c.vocabSize());
            assertEquals(32, c.headDim());
            assertEquals(spec.tiedOutput(), m.transformer().weights().output == m.transformer().weights().tokenEmbedding);
            float[] fromFile = lastLogits(m.transformer(), prompt);
            ModelWeights direct = ModelWeights.load(c, RandomWeights.source(c, 11, type, spec.tiedOutput(),
                    arch == Architecture.QWEN2), m.backend());
            float[] fromMemory = lastLogits(new Transformer(c, direct, m.backend(), 64), prompt);
            assertArrayEquals(fromMemory, fromFile);
        }
    }

    static float[] lastLogits(Transformer t, int[] prompt) {
        ModelConfig c = t.config();
        try (KvCache cache = new KvCache(t.backend(), new KvLayout(c.layers(), c.kvHeads(), c.headDim(), 16), 16L << 20)) {
            Fragment f = cache.newFragment();
            return t.forward(List.of(new ForwardRow(View.of(f), f, prompt)), cache)[0];
        }
    }

    @Test
    void theDemoModelIsDeterministicQwen3WithTheRealTokenizer() throws Exception {
        System.setProperty("hogwild.home", dir.toString());
        try {
            Path demo = DemoModel.path();
            assertEquals(demo, DemoModel.path()); // cached, not rewritten
            try (GgufFile f = GgufFile.open(demo)) {
                assertEquals("qwen3", f.getString("general.architecture"));
                assertEquals(151669, f.requireTensor("token_embd.weight").rows());
            }
            Path again = dir.resolve("again.gguf");
            ModelFactory.write(DemoModel.SPEC, again);
            assertArrayEquals(java.nio.file.Files.readAllBytes(demo), java.nio.file.Files.readAllBytes(again));
            try (Model m = Model.load(demo, new ScalarBackend(), 64)) {
                assertArrayEquals(new int[] {9707, 11, 1879, 0}, m.encodePrompt("Hello, world!"));
            }
        } finally {
            System.clearProperty("hogwild.home");
        }
    }

    @Test
    void badSpecsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new ModelSpec(Architecture.LLAMA, 2, 64, 3, 2, 16, 128, 300, null, GgmlType.F32, 1, 128, 1e4, false));
        assertTrue(e.getMessage().contains("multiple of kv-heads"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new ModelSpec(Architecture.LLAMA, 2, 64, 4, 2, 16, 128, 100, null, GgmlType.F32, 1, 128, 1e4, false));
        assertThrows(IllegalArgumentException.class, () ->
                new ModelSpec(Architecture.LLAMA, 2, 64, 4, 2, 16, 128, 300, null, GgmlType.Q4_1, 1, 128, 1e4, false));
    }
}
