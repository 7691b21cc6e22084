package io.hogwild.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.ggml.GgmlType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class GgufWriterTest {
    @TempDir
    Path dir;

    private static void assertIllegal(Executable x, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void sourceWritingTooFewBytesFailsAndLeavesNoFile() {
        Path out = dir.resolve("short.gguf");
        GgufWriter w = new GgufWriter().addTensor("w", GgmlType.F32, new long[] {4, 2}, o -> o.write(ByteBuffer.allocate(30)));
        GgufException e = assertThrows(GgufException.class, () -> w.write(out));
        assertTrue(e.getMessage().contains("the source of tensor 'w' (F32 [4, 2]) wrote 30 bytes, expected 32"),
                e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("short.gguf.partial")));
    }

    @Test
    void sourceWritingTooManyBytesIsStoppedAtOnce() {
        Path out = dir.resolve("long.gguf");
        GgufWriter w = new GgufWriter().addTensor("w", GgmlType.F16, new long[] {4}, o -> {
            o.write(ByteBuffer.allocate(6));
            o.write(ByteBuffer.allocate(6));
        });
        GgufException e = assertThrows(GgufException.class, () -> w.write(out));
        assertTrue(e.getMessage().contains("the source of tensor 'w' wrote more than 8 bytes"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void failedWriteKeepsAnExistingFile() throws Exception {
        Path out = dir.resolve("keep.gguf");
        Files.write(out, new byte[] {1, 2, 3});
        GgufWriter w = new GgufWriter().addTensor("w", GgmlType.F32, new long[] {1}, o -> {
            throw new IllegalStateException("source failed");
        });
        assertThrows(IllegalStateException.class, () -> w.write(out));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
    }

    @Test
    void tensorDeclarationsAreValidated() {
        GgufWriter w = new GgufWriter().addTensor("a", GgmlType.F32, new long[] {2}, new float[2]);
        assertIllegal(() -> w.addTensor("a", GgmlType.F32, new long[] {2}, new float[2]), "duplicate tensor name 'a'");
        assertIllegal(() -> w.addTensor("b", GgmlType.F32, new long[] {1, 1, 1, 1, 1}, new float[1]), "5 dimensions");
        assertIllegal(() -> w.addTensor("b", GgmlType.F32, new long[0], new float[1]), "0 dimensions");
        assertIllegal(() -> w.addTensor("b", GgmlType.F32, new long[] {2, 0}, new float[0]), "dimension 0 is not positive");
        assertIllegal(() -> w.addTensor("b", GgmlType.Q8_0, new long[] {16, 2}, o -> {}),
                "rows of 16 values are not whole Q8_0 blocks of 32");
        assertIllegal(() -> w.addTensor("b", GgmlType.F32, new long[] {3, 2}, new float[5]), "5 values for dims [3, 2]");
        assertIllegal(() -> w.addTensor("b", GgmlType.IQ2_XXS, new long[] {256}, new float[256]), "cannot encode IQ2_XXS");
    }

    @Test
    void metadataIsValidatedWhenPut() {
        GgufWriter w = new GgufWriter();
        assertIllegal(() -> w.putUint8("k", 256), "256 is out of range for UINT8");
        assertIllegal(() -> w.putInt8("k", -129), "out of range for INT8");
        assertIllegal(() -> w.putUint16("k", -1), "out of range for UINT16");
        assertIllegal(() -> w.putUint32("k", 1L << 32), "out of range for UINT32");
        assertIllegal(() -> w.putUint64("k", -1), "out of range for UINT64");
        assertIllegal(() -> w.putArray("k", GgufValueType.UINT8, new int[] {1, 300}), "300 is out of range for UINT8");
        assertIllegal(() -> w.put("k", "bad \uD800 surrogate"), "not valid Unicode");
        assertIllegal(() -> w.put("k", new Object()), "no GGUF type for Object");
        assertIllegal(() -> w.put("k", (Object) null), "null value");
        assertIllegal(() -> w.put("k", GgufValueType.STRING, 5), "STRING cannot hold a Integer");
        assertIllegal(() -> w.putArray("k", GgufValueType.BOOL, new int[] {1}), "an ARRAY of BOOL cannot be made from int[]");
        assertIllegal(() -> w.put("general.alignment", 64), "set general.alignment with alignment(int)");
        assertIllegal(() -> w.alignment(48), "power of two");
        assertIllegal(() -> w.version(1), "2 or 3");
        Object deep = new int[0];
        for (int i = 0; i < 10; i++) deep = new Object[] {deep};
        Object tooDeep = deep;
        assertIllegal(() -> w.put("k", tooDeep), "nested more than 8 deep");
    }

    @Test
    void puttingAKeyAgainReplacesItInPlace() {
        Path out = dir.resolve("replace.gguf");
        new GgufWriter().put("a", 1).put("b", 2).put("a", "one").write(out);
        try (GgufFile f = GgufFile.open(out)) {
            assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(f.metadata().keySet()));
            assertEquals("one", f.getString("a"));
        }
    }

    /** The exact bytes of a small v3 file, worked out by hand from the format. */
    @Test
    void byteLayoutOfASmallFile() throws Exception {
        Path out = dir.resolve("layout.gguf");
        new GgufWriter().putUint32("n", 7).addTensor("x", GgmlType.F32, new long[] {2}, new float[] {1f, 2f}).write(out);
        GgufBytes expected = GgufBytes.header(3, 1, 1)
                .key("n", GgufValueType.UINT32).u32(7)
                .tensorInfo("x", new long[] {2}, 0, 0)
                .padTo(32)
                .f32(1f).f32(2f)
                .padTo(32);
        assertArrayEquals(expected.bytes(), Files.readAllBytes(out));
    }
}
