package io.hogwild.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.ggml.GgmlType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed accessors: conversions that are safe, errors that name key, file and both types. */
class GgufMetadataTest {
    @TempDir
    Path dir;
    Path path;
    GgufFile f;

    @BeforeEach
    void open() {
        path = dir.resolve("m.gguf");
        new GgufWriter()
                .put("general.architecture", "qwen3")
                .putUint32("qwen3.block_count", 28)
                .putUint8("u8", 250)
                .putUint32("big.u32", 4_000_000_000L)
                .putUint64("u64", 5)
                .putFloat32("rope.freq_base", 1e6f)
                .putFloat64("f64", 0.125)
                .put("flag", true)
                .put("tokens", new String[] {"a", "b"})
                .putArray("types", GgufValueType.UINT32, new long[] {1, 2, 3})
                .putArray("big.types", GgufValueType.UINT32, new long[] {1, 3_000_000_000L})
                .put("scores", new float[] {0.5f, -1f})
                .put("scores64", new double[] {0.25})
                .put("ints", new int[] {4, 5})
                .addTensor("norm", GgmlType.F32, new long[] {4}, new float[] {1, 2, 3, 4})
                .write(path);
        f = GgufFile.open(path);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void valuesAndSafeConversions() {
        assertEquals("qwen3", f.getString("general.architecture"));
        assertEquals(28, f.getInt("qwen3.block_count"), "UINT32 read as int");
        assertEquals(28L, f.getLong("qwen3.block_count"));
        assertEquals(250, f.getInt("u8"));
        assertEquals(4_000_000_000L, f.getLong("big.u32"));
        assertEquals(5, f.getInt("u64"));
        assertEquals(1e6f, f.getFloat("rope.freq_base"));
        assertEquals(0.125f, f.getFloat("f64"), "FLOAT64 narrowed");
        assertEquals(0.125, f.getDouble("f64"));
        assertTrue(f.getBoolean("flag"));
        assertArrayEquals(new String[] {"a", "b"}, f.getStringArray("tokens"));
        assertArrayEquals(new int[] {1, 2, 3}, f.getIntArray("types"), "UINT32 array as int[]");
        assertArrayEquals(new long[] {1, 2, 3}, f.getLongArray("types"));
        assertArrayEquals(new long[] {4, 5}, f.getLongArray("ints"));
        assertArrayEquals(new float[] {0.5f, -1f}, f.getFloatArray("scores"));
        assertArrayEquals(new float[] {0.25f}, f.getFloatArray("scores64"));
        assertEquals(GgufValueType.UINT32, f.valueType("qwen3.block_count"));
        assertEquals(GgufValueType.UINT32, f.arrayElementType("types"));
        assertEquals("ARRAY[STRING]", f.typeName("tokens"));
    }

    @Test
    void defaultsOnlyForMissingKeys() {
        assertEquals(7, f.getInt("missing", 7));
        assertEquals(2.5f, f.getFloat("missing", 2.5f));
        assertEquals("d", f.getString("missing", "d"));
        assertFalse(f.getBoolean("missing", false));
        assertEquals(28, f.getInt("qwen3.block_count", 7));
        GgufException e = assertThrows(GgufException.class, () -> f.getInt("general.architecture", 7));
        assertTrue(e.getMessage().contains("is STRING, expected an integer"), e.getMessage());
    }

    @Test
    void missingKeyNamesKeyAndFile() {
        GgufException e = assertThrows(GgufException.class, () -> f.getInt("llama.block_count"));
        assertEquals("missing metadata key 'llama.block_count' in " + path, e.getMessage());
        assertThrows(GgufException.class, () -> f.getStringArray("nope"));
    }

    @Test
    void wrongTypesNameExpectedAndActual() {
        assertMessage(() -> f.getString("qwen3.block_count"),
                "metadata key 'qwen3.block_count' in " + path + " is UINT32, expected STRING");
        assertMessage(() -> f.getFloat("qwen3.block_count"), "is UINT32, expected FLOAT32");
        assertMessage(() -> f.getBoolean("u8"), "is UINT8, expected BOOL");
        assertMessage(() -> f.getLong("rope.freq_base"), "is FLOAT32, expected an integer");
        assertMessage(() -> f.getStringArray("types"), "is ARRAY[UINT32], expected ARRAY[STRING]");
        assertMessage(() -> f.getIntArray("tokens"), "is ARRAY[STRING], expected an ARRAY of integers");
        assertMessage(() -> f.getFloatArray("ints"), "is ARRAY[INT32], expected ARRAY[FLOAT32]");
        assertMessage(() -> f.getInt("tokens"), "is ARRAY[STRING], expected an integer");
    }

    @Test
    void integerRangesAreChecked() {
        assertMessage(() -> f.getInt("big.u32"), "'big.u32' in " + path + " is 4000000000, outside the int range");
        assertMessage(() -> f.getIntArray("big.types"), "element 1 is 3000000000, outside the int range");
    }

    @Test
    void arraysAreCopies() {
        f.getStringArray("tokens")[0] = "changed";
        f.getIntArray("types")[0] = 99;
        assertEquals("a", f.getStringArray("tokens")[0]);
        assertEquals(1, f.getIntArray("types")[0]);
        long[] dims = f.requireTensor("norm").dims();
        dims[0] = 99;
        assertEquals(4, f.requireTensor("norm").dims()[0]);
    }

    @Test
    void tensorsByName() {
        assertTrue(f.tensor("norm").isPresent());
        assertFalse(f.tensor("nope").isPresent());
        assertMessage(() -> f.requireTensor("output.weight"), "missing tensor 'output.weight' in " + path);
        GgufTensor foreign = new GgufTensor("norm", GgmlType.F32, new long[] {4}, 0, 16);
        assertMessage(() -> f.data(foreign), "does not belong to " + path);
        assertArrayEquals(new float[] {1, 2, 3, 4}, f.readFloats(f.requireTensor("norm")));
    }

    @Test
    void closedFileRefusesNewDataButKeepsParsedState() {
        GgufTensor t = f.requireTensor("norm");
        java.nio.ByteBuffer before = f.data(t).slice(0, 16);
        f.close();
        assertMessage(() -> f.data(t), path + " is closed");
        assertEquals("qwen3", f.getString("general.architecture"));
        assertEquals(1f, before.getFloat(0), "buffers handed out stay readable");
        f.close(); // idempotent
    }

    @Test
    void unsupportedDequantizationIsAGgufException() {
        Path p = dir.resolve("q.gguf");
        new GgufWriter().addTensor("q", GgmlType.IQ2_XXS, new long[] {256}, out -> out.write(java.nio.ByteBuffer.allocate(66)))
                .write(p);
        try (GgufFile q = GgufFile.open(p)) {
            assertMessage(() -> q.readFloats(q.requireTensor("q")), "cannot dequantize tensor 'q' of type IQ2_XXS in " + p);
        }
    }

    @Test
    void missingFileIsAGgufException() {
        assertMessage(() -> GgufFile.open(dir.resolve("none.gguf")), "cannot open GGUF file " + dir.resolve("none.gguf"));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable x, String fragment) {
        GgufException e = assertThrows(GgufException.class, x);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }
}
