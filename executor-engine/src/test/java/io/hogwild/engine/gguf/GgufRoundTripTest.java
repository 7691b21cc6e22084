package io.hogwild.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    private static final String UNICODE = "héllo, 世界 🦙 \u0000 end";

    private static GgufWriter everyMetadataType(GgufWriter w) {
        return w.putUint8("u8", 200)
                .putInt8("i8", -100)
                .putUint16("u16", 60000)
                .putInt16("i16", -30000)
                .putUint32("u32", 4_000_000_000L)
                .putInt32("i32", -2_000_000_000)
                .putFloat32("f32", 3.25f)
                .put("bool", true)
                .put("string", UNICODE)
                .put("empty.string", "")
                .putUint64("u64", Long.MAX_VALUE)
                .putInt64("i64", Long.MIN_VALUE)
                .putFloat64("f64", Math.PI)
                .put("int", 7)
                .put("long", 1L << 40)
                .put("float", 0.5f)
                .put("double", -0.25)
                .putArray("a.u8", GgufValueType.UINT8, new int[] {0, 255})
                .put("a.i8", new byte[] {-128, 127})
                .putArray("a.u16", GgufValueType.UINT16, new int[] {0, 65535})
                .put("a.i16", new short[] {-32768, 32767})
                .putArray("a.u32", GgufValueType.UINT32, new long[] {0, 0xFFFF_FFFFL})
                .put("a.i32", new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE})
                .putArray("a.u64", GgufValueType.UINT64, new long[] {0, Long.MAX_VALUE})
                .put("a.i64", new long[] {Long.MIN_VALUE, -1})
                .put("a.f32", new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY})
                .put("a.f64", new double[] {1e300, -0.0})
                .put("a.bool", new boolean[] {true, false, true})
                .put("a.string", new String[] {"a", "", UNICODE})
                .put("a.empty", new int[0])
                .put("a.empty.string", new String[0])
                .put("a.nested", new Object[] {new int[] {1, 2}, new String[] {"x"}, new Object[] {new float[] {1f}},
                        new Object[0]});
    }

    @ParameterizedTest(name = "v{0} alignment {1}")
    @CsvSource({"2, 32", "3, 32", "2, 64", "3, 64", "3, 1", "3, 4096"})
    void everyMetadataTypeRoundTrips(int version, int alignment) throws Exception {
        Path p = dir.resolve("meta.gguf");
        everyMetadataType(new GgufWriter().version(version).alignment(alignment))
                .addTensor("t", GgmlType.F32, new long[] {3}, new float[] {1, 2, 3})
                .write(p);
        try (GgufFile f = GgufFile.open(p)) {
            assertEquals(version, f.version());
            assertEquals(alignment, f.alignment());
            assertEquals(alignment != 32, f.has("general.alignment"), "general.alignment only when not the default");
            assertEquals(0, f.dataOffset() % alignment);
            Map<String, Object> m = f.metadata();
            List<String> keys = new ArrayList<>(m.keySet());
            keys.remove("general.alignment");
            assertEquals(List.of("u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "string", "empty.string", "u64",
                    "i64", "f64", "int", "long", "float", "double", "a.u8", "a.i8", "a.u16", "a.i16", "a.u32", "a.i32",
                    "a.u64", "a.i64", "a.f32", "a.f64", "a.bool", "a.string", "a.empty", "a.empty.string", "a.nested"),
                    keys, "file order is kept");

            assertEquals(200, m.get("u8"));
            assertEquals(-100, m.get("i8"));
            assertEquals(60000, m.get("u16"));
            assertEquals(-30000, m.get("i16"));
            assertEquals(4_000_000_000L, m.get("u32"));
            assertEquals(-2_000_000_000, m.get("i32"));
            assertEquals(3.25f, m.get("f32"));
            assertEquals(true, m.get("bool"));
            assertEquals(UNICODE, m.get("string"));
            assertEquals("", m.get("empty.string"));
            assertEquals(Long.MAX_VALUE, m.get("u64"));
            assertEquals(Long.MIN_VALUE, m.get("i64"));
            assertEquals(Math.PI, m.get("f64"));
            assertEquals(7, m.get("int"));
            assertEquals(1L << 40, m.get("long"));
            assertEquals(0.5f, m.get("float"));
            assertEquals(-0.25, m.get("double"));

            for (String[] kt : new String[][] {{"u8", "UINT8"}, {"i8", "INT8"}, {"u16", "UINT16"}, {"i16", "INT16"},
                    {"u32", "UINT32"}, {"i32", "INT32"}, {"f32", "FLOAT32"}, {"bool", "BOOL"}, {"string", "STRING"},
                    {"u64", "UINT64"}, {"i64", "INT64"}, {"f64", "FLOAT64"}, {"int", "INT32"}, {"long", "INT64"},
                    {"float", "FLOAT32"}, {"double", "FLOAT64"}, {"a.u8", "ARRAY[UINT8]"}, {"a.i8", "ARRAY[INT8]"},
                    {"a.u16", "ARRAY[UINT16]"}, {"a.i16", "ARRAY[INT16]"}, {"a.u32", "ARRAY[UINT32]"},
                    {"a.i32", "ARRAY[INT32]"}, {"a.u64", "ARRAY[UINT64]"}, {"a.i64", "ARRAY[INT64]"},
                    {"a.f32", "ARRAY[FLOAT32]"}, {"a.f64", "ARRAY[FLOAT64]"}, {"a.bool", "ARRAY[BOOL]"},
                    {"a.string", "ARRAY[STRING]"}, {"a.nested", "ARRAY[ARRAY]"}}) {
                assertEquals(kt[1], f.typeName(kt[0]), kt[0]);
            }

            assertArrayEquals(new int[] {0, 255}, (int[]) m.get("a.u8"));
            assertArrayEquals(new int[] {-128, 127}, (int[]) m.get("a.i8"));
            assertArrayEquals(new int[] {0, 65535}, (int[]) m.get("a.u16"));
            assertArrayEquals(new int[] {-32768, 32767}, (int[]) m.get("a.i16"));
            assertArrayEquals(new long[] {0, 0xFFFF_FFFFL}, (long[]) m.get("a.u32"));
            assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, (int[]) m.get("a.i32"));
            assertArrayEquals(new long[] {0, Long.MAX_VALUE}, (long[]) m.get("a.u64"));
            assertArrayEquals(new long[] {Long.MIN_VALUE, -1}, (long[]) m.get("a.i64"));
            assertArrayEquals(new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY}, (float[]) m.get("a.f32"));
            assertArrayEquals(new double[] {1e300, -0.0}, (double[]) m.get("a.f64"));
            assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) m.get("a.bool"));
            assertArrayEquals(new String[] {"a", "", UNICODE}, (String[]) m.get("a.string"));
            assertArrayEquals(new int[0], (int[]) m.get("a.empty"));
            assertEquals(GgufValueType.INT32, f.arrayElementType("a.empty"));
            assertArrayEquals(new String[0], (String[]) m.get("a.empty.string"));

            Object[] nested = (Object[]) m.get("a.nested");
            assertEquals(4, nested.length);
            assertArrayEquals(new int[] {1, 2}, (int[]) nested[0]);
            assertArrayEquals(new String[] {"x"}, (String[]) nested[1]);
            Object[] inner = assertInstanceOf(Object[].class, nested[2]);
            assertArrayEquals(new float[] {1f}, (float[]) inner[0]);
            assertEquals(0, ((Object[]) nested[3]).length);

            assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
            assertArrayEquals(new float[] {1, 2, 3}, f.readFloats(f.requireTensor("t")));
        }
    }

    /** Expected float values after an encode/decode round trip through the type. */
    private static float[] roundTrip(GgmlType type, float[] v) {
        ByteBuffer b = ByteBuffer.allocate((int) type.bytesFor(v.length)).order(ByteOrder.LITTLE_ENDIAN);
        Quantization.quantize(type, v, 0, v.length, b);
        b.flip();
        float[] out = new float[v.length];
        Quantization.dequantize(type, b, out, 0, v.length);
        return out;
    }

    private static byte[] encode(GgmlType type, float[] v) {
        ByteBuffer b = ByteBuffer.allocate((int) type.bytesFor(v.length)).order(ByteOrder.LITTLE_ENDIAN);
        Quantization.quantize(type, v, 0, v.length, b);
        return b.array();
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    @ParameterizedTest(name = "v{0} alignment {1}")
    @CsvSource({"2, 32", "3, 32", "2, 64", "3, 64", "3, 128"})
    void tensorsRoundTripWithAlignedOffsets(int version, int alignment) throws Exception {
        Random rnd = new Random(version * 1000 + alignment);
        GgmlType[] types = {GgmlType.F32, GgmlType.F16, GgmlType.BF16};
        long[][] shapes = {{7}, {16, 3}, {5, 4, 2}, {3, 2, 2, 2}, {1}, {33, 1}};
        Path p = dir.resolve("tensors.gguf");
        GgufWriter w = new GgufWriter().version(version).alignment(alignment).put("general.architecture", "test");
        List<String> names = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<GgmlType> tensorTypes = new ArrayList<>();
        List<long[]> tensorDims = new ArrayList<>();
        for (GgmlType type : types) {
            for (long[] dims : shapes) {
                long n = 1;
                for (long d : dims) n *= d;
                float[] v = random(rnd, (int) n);
                String name = "blk." + names.size() + "." + type.name().toLowerCase() + ".weight";
                w.addTensor(name, type, dims, v);
                names.add(name);
                values.add(v);
                tensorTypes.add(type);
                tensorDims.add(dims);
            }
        }
        w.write(p);
        long size = Files.size(p);
        assertEquals(0, size % alignment, "the file ends padded to the alignment");
        try (GgufFile f = GgufFile.open(p)) {
            assertEquals(names.size(), f.tensors().size());
            long previousEnd = f.dataOffset();
            for (int i = 0; i < names.size(); i++) {
                GgufTensor t = f.tensors().get(i);
                assertEquals(names.get(i), t.name(), "file order");
                assertEquals(tensorTypes.get(i), t.type());
                assertArrayEquals(tensorDims.get(i), t.dims());
                assertEquals(0, t.offset() % alignment, t.name());
                assertTrue(t.offset() >= previousEnd && t.offset() - previousEnd < alignment, "packed in order");
                previousEnd = t.offset() + t.bytes();
                assertEquals(t.type().bytesFor(t.elements()), t.bytes());
                assertEquals(tensorDims.get(i)[0], t.cols());
                assertEquals(t.elements() / t.cols(), t.rows());

                byte[] expected = encode(t.type(), values.get(i));
                TensorBytes data = f.data(t);
                assertEquals(expected.length, data.size());
                ByteBuffer all = data.slice(0, expected.length);
                byte[] got = new byte[expected.length];
                all.get(got);
                assertArrayEquals(expected, got, t.name());
                assertArrayEquals(roundTrip(t.type(), values.get(i)), f.readFloats(t), t.name());
            }
        }
    }

    /** Block-quantized tensors; skipped where the kernels' quantizer does not have the type yet. */
    @ParameterizedTest
    @CsvSource({"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void quantizedTensorsRoundTrip(GgmlType type) throws Exception {
        float[] probe = new float[type.blockSize];
        try {
            Quantization.quantize(type, probe, 0, probe.length, ByteBuffer.allocate(type.blockBytes));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no quantizer for " + type + " in this build");
        }
        float[] v = random(new Random(type.id), 512 * 6);
        Path p = dir.resolve("q.gguf");
        new GgufWriter().alignment(64).addTensor("q", type, new long[] {512, 3, 2}, v).write(p);
        try (GgufFile f = GgufFile.open(p, 4096)) {
            GgufTensor t = f.requireTensor("q");
            assertEquals(type.bytesFor(v.length), t.bytes());
            byte[] got = new byte[(int) t.bytes()];
            f.data(t).slice(0, got.length).get(got);
            assertArrayEquals(encode(type, v), got);
            assertArrayEquals(roundTrip(type, v), f.readFloats(t));
            for (int r = 0; r < t.rows(); r++) {
                float[] row = new float[t.cols()];
                Quantization.dequantize(type, f.data(t).slice(r * t.rowBytes(), (int) t.rowBytes()), row, 0, row.length);
                assertArrayEquals(Arrays.copyOfRange(roundTrip(type, v), r * 512, (r + 1) * 512), row);
            }
        }
    }

    @Test
    void rowSlicesOfAManyRowTensor() throws Exception {
        int cols = 24, rows = 1000;
        float[] v = new float[cols * rows];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Path p = dir.resolve("rows.gguf");
        new GgufWriter().addTensor("m", GgmlType.F32, new long[] {cols, rows}, v)
                .addTensor("h", GgmlType.F16, new long[] {cols, rows}, v)
                .write(p);
        try (GgufFile f = GgufFile.open(p)) {
            GgufTensor m = f.requireTensor("m");
            TensorBytes d = f.data(m);
            assertTrue(d == f.data(m), "one view per tensor");
            for (int r = 0; r < rows; r++) {
                ByteBuffer row = d.slice((long) r * cols * 4, cols * 4);
                assertEquals(ByteOrder.LITTLE_ENDIAN, row.order());
                assertEquals(0, row.position());
                for (int c = 0; c < cols; c++) assertEquals(r * cols + c, row.getFloat(), 0f);
            }
            GgufTensor h = f.requireTensor("h");
            assertEquals(cols * 2L, h.rowBytes());
            ByteBuffer last = f.data(h).slice((rows - 1) * h.rowBytes(), (int) h.rowBytes());
            float[] out = new float[cols];
            Quantization.dequantize(GgmlType.F16, last, out, 0, cols);
            assertEquals(Float16.toFloat(Float16.fromFloat((rows - 1) * cols + 5f)), out[5]);
            assertThrows(IndexOutOfBoundsException.class, () -> d.slice(m.bytes() - 3, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> d.slice(-1, 4));
        }
    }

    @Test
    void streamedTensorSourcesMayWriteInPieces() throws Exception {
        Path p = dir.resolve("stream.gguf");
        int n = 100_000; // F32: 400 kB, written in odd-sized pieces
        new GgufWriter().addTensor("s", GgmlType.F32, new long[] {n}, out -> {
            ByteBuffer b = ByteBuffer.allocate(4 * 999).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                b.putFloat(i);
                if (!b.hasRemaining() || i == n - 1) {
                    b.flip();
                    while (b.hasRemaining()) out.write(b);
                    b.clear();
                }
            }
        }).write(p);
        try (GgufFile f = GgufFile.open(p)) {
            float[] v = f.readFloats(f.requireTensor("s"));
            for (int i = 0; i < n; i++) assertEquals(i, v[i], 0f);
        }
    }

    @Test
    void fileWithoutTensorsOrMetadata() throws Exception {
        Path p = dir.resolve("empty.gguf");
        new GgufWriter().version(2).write(p);
        try (GgufFile f = GgufFile.open(p)) {
            assertEquals(2, f.version());
            assertTrue(f.metadata().isEmpty());
            assertTrue(f.tensors().isEmpty());
            assertEquals(32, f.alignment());
            assertFalse(f.tensor("x").isPresent());
            assertNull(f.valueType("x"));
        }
        assertEquals(32, Files.size(p), "the 24-byte header, padded to the alignment");
    }

    @Test
    void copyingAFileKeepsEveryTypeWithValueTypeAndPutArray() throws Exception {
        Path a = dir.resolve("a.gguf"), b = dir.resolve("b.gguf");
        everyMetadataType(new GgufWriter()).write(a);
        try (GgufFile f = GgufFile.open(a)) {
            GgufWriter w = new GgufWriter();
            for (String k : f.metadata().keySet()) {
                GgufValueType t = f.valueType(k);
                if (t == GgufValueType.ARRAY && f.arrayElementType(k) != GgufValueType.ARRAY) {
                    w.putArray(k, f.arrayElementType(k), f.metadata().get(k));
                } else {
                    w.put(k, t, f.metadata().get(k));
                }
            }
            w.write(b);
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "byte-identical copy");
    }
}
