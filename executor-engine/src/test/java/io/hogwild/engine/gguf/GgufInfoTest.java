package io.hogwild.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.ggml.GgmlType;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufInfoTest {
    @TempDir
    Path dir;

    @Test
    void describesHeaderMetadataAndTensors() {
        Path p = dir.resolve("info.gguf");
        String[] vocab = IntStream.range(0, 1000).mapToObj(i -> "tok" + i).toArray(String[]::new);
        new GgufWriter().alignment(64)
                .put("general.architecture", "llama")
                .putUint32("llama.context_length", 4096)
                .put("tokenizer.ggml.tokens", vocab)
                .put("tokenizer.chat_template", "{% for m in messages %}\n" + "x".repeat(200))
                .put("small", new int[] {1, 2})
                .put("nested", new Object[] {new int[] {3}})
                .addTensor("token_embd.weight", GgmlType.F16, new long[] {8, 4}, new float[32])
                .addTensor("output_norm.weight", GgmlType.F32, new long[] {8}, new float[8])
                .write(p);
        try (GgufFile f = GgufFile.open(p)) {
            String s = GgufInfo.describe(f);
            String n = s.replaceAll(" +", " "); // column widths aside
            assertTrue(s.startsWith("GGUF version 3: " + p + "\n"), s);
            assertTrue(s.contains("alignment 64, data section at offset " + f.dataOffset()), s);
            assertTrue(s.contains("metadata (7 keys):"), s);
            assertTrue(n.contains(" general.alignment UINT32 64\n general.architecture STRING \"llama\"\n"), s);
            assertTrue(n.contains(" llama.context_length UINT32 4096\n"), s);
            assertTrue(n.contains(" tokenizer.ggml.tokens ARRAY[STRING] [1000 elements] \"tok0\", \"tok1\", \"tok2\", \"tok3\", \"tok4\", "
                    + "\"tok5\", \"tok6\", \"tok7\", ...\n"), s);
            assertTrue(s.contains("\"{% for m in messages %}\\nxxxx"), "newlines escaped: " + s);
            assertTrue(s.contains("... (224 chars)"), s);
            assertTrue(s.contains("[2 elements] 1, 2\n"), s);
            assertTrue(s.contains("[1 element] {[1 element] 3}"), s);
            assertTrue(s.contains("tensors (2, 96 bytes):"), s);
            GgufTensor emb = f.requireTensor("token_embd.weight");
            assertTrue(s.matches("(?s).*token_embd\\.weight\\s+F16\\s+\\[8, 4]\\s+64\\s+" + emb.offset() + "\n.*"), s);
            assertTrue(n.contains(" name type dims bytes offset\n"), s);
            assertEquals(1 + 1 + 1 + 1 + 7 + 1 + 1 + 3, s.split("\n", -1).length - 1, s);
        }
    }

    @Test
    void cutsLongStringsOnCodePoints() {
        String s = "🦙".repeat(100);
        String q = GgufInfo.quote(s);
        assertEquals("\"" + "🦙".repeat(80) + "\"... (200 chars)", q);
        assertEquals("\"a\\u0001\\t\\\"\"", GgufInfo.quote("a\u0001\t\""));
    }
}
