package io.hogwild.engine.gguf;

import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes GGUF files (version 3 by default, or 2) for tests, the demo model and benchmarks. Metadata is kept
 * in memory (it is small); tensor data is streamed from {@link TensorSource}s at {@link #write} time, so
 * files of many GB never exist in memory. The file is written next to the target under a temporary name
 * and renamed when complete, so a failed write leaves no half file behind.
 *
 * <p>{@link #put(String, Object)} picks the GGUF type from the Java type (Integer: INT32, Long: INT64,
 * Float: FLOAT32, Double: FLOAT64, Boolean: BOOL, String: STRING, Byte: INT8, Short: INT16, and arrays of
 * those as ARRAY, Object[] of arrays as nested ARRAY); the typed {@code putUint32} etc. and
 * {@link #put(String, GgufValueType, Object)} / {@link #putArray} write the exact type a faithful file
 * needs (llama.cpp writes counts as UINT32). Putting a key again replaces its value in place.
 */
public final class GgufWriter {
    /** Produces a tensor's encoded bytes; must write exactly the tensor's byte size. */
    @FunctionalInterface
    public interface TensorSource {
        void write(WritableByteChannel out) throws IOException;
    }

    private record Value(GgufValueType type, Object value) {}

    /** A normalised array: long[] for integer elements, float[], double[], boolean[], byte[][] (UTF-8), Value[]. */
    private record ArrayValue(GgufValueType element, Object data, int length) {}

    private record Tensor(String name, GgmlType type, long[] dims, long bytes, TensorSource source) {}

    private int version = 3;
    private int alignment = GgufParser.DEFAULT_ALIGNMENT;
    private final Map<String, Value> metadata = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public GgufWriter() {}

    public GgufWriter version(int v) {
        if (v != 2 && v != 3) throw new IllegalArgumentException("GGUF version must be 2 or 3, not " + v);
        this.version = v;
        return this;
    }

    /** Data alignment, a power of two; written as general.alignment when not the default 32. */
    public GgufWriter alignment(int a) {
        if (a <= 0 || (a & (a - 1)) != 0 || a > (1 << 30)) {
            throw new IllegalArgumentException("alignment must be a power of two up to 2^30, not " + a);
        }
        this.alignment = a;
        return this;
    }

    // ---- metadata ----

    public GgufWriter put(String key, Object value) {
        if (value == null) throw new IllegalArgumentException("null value for metadata key '" + key + "'");
        GgufValueType t = scalarTypeOf(value);
        if (t == null) return putValue(key, new Value(GgufValueType.ARRAY, inferArray(key, value, 1)));
        return put(key, t, value);
    }

    /** A value of an explicit type; for ARRAY the element type is taken from the Java array's type. */
    public GgufWriter put(String key, GgufValueType type, Object value) {
        if (type == GgufValueType.ARRAY) return putValue(key, new Value(type, inferArray(key, value, 1)));
        return putValue(key, new Value(type, scalar(key, type, value)));
    }

    /** An array with an explicit element type, e.g. UINT32 from an int[] or long[]. */
    public GgufWriter putArray(String key, GgufValueType elementType, Object array) {
        return putValue(key, new Value(GgufValueType.ARRAY, array(key, elementType, array, 1)));
    }

    public GgufWriter putUint8(String key, int v) { return put(key, GgufValueType.UINT8, v); }

    public GgufWriter putInt8(String key, int v) { return put(key, GgufValueType.INT8, v); }

    public GgufWriter putUint16(String key, int v) { return put(key, GgufValueType.UINT16, v); }

    public GgufWriter putInt16(String key, int v) { return put(key, GgufValueType.INT16, v); }

    public GgufWriter putUint32(String key, long v) { return put(key, GgufValueType.UINT32, v); }

    public GgufWriter putInt32(String key, int v) { return put(key, GgufValueType.INT32, v); }

    /** Values above Long.MAX_VALUE cannot be written (nor read back by {@link GgufFile}). */
    public GgufWriter putUint64(String key, long v) { return put(key, GgufValueType.UINT64, v); }

    public GgufWriter putInt64(String key, long v) { return put(key, GgufValueType.INT64, v); }

    public GgufWriter putFloat32(String key, float v) { return put(key, GgufValueType.FLOAT32, v); }

    public GgufWriter putFloat64(String key, double v) { return put(key, GgufValueType.FLOAT64, v); }

    private GgufWriter putValue(String key, Value v) {
        if (key == null) throw new IllegalArgumentException("null metadata key");
        if (key.equals(GgufParser.ALIGNMENT_KEY)) {
            throw new IllegalArgumentException("set " + GgufParser.ALIGNMENT_KEY + " with alignment(int)");
        }
        utf8(key, "metadata key");
        metadata.put(key, v);
        return this;
    }

    private static GgufValueType scalarTypeOf(Object v) {
        if (v instanceof Integer) return GgufValueType.INT32;
        if (v instanceof Long) return GgufValueType.INT64;
        if (v instanceof Float) return GgufValueType.FLOAT32;
        if (v instanceof Double) return GgufValueType.FLOAT64;
        if (v instanceof Boolean) return GgufValueType.BOOL;
        if (v instanceof String) return GgufValueType.STRING;
        if (v instanceof Byte) return GgufValueType.INT8;
        if (v instanceof Short) return GgufValueType.INT16;
        return null;
    }

    private static Object scalar(String key, GgufValueType type, Object v) {
        if (v == null) throw new IllegalArgumentException("null value for metadata key '" + key + "'");
        if (type.isInteger()) {
            if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
                throw new IllegalArgumentException("metadata key '" + key + "': " + type + " needs an integer, got "
                        + v.getClass().getSimpleName());
            }
            return checkRange(key, type, ((Number) v).longValue());
        }
        switch (type) {
            case FLOAT32:
            case FLOAT64:
                if (v instanceof Float || v instanceof Double) return v;
                break;
            case BOOL:
                if (v instanceof Boolean) return v;
                break;
            case STRING:
                if (v instanceof String s) return utf8(s, "value of '" + key + "'");
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("metadata key '" + key + "': " + type + " cannot hold a "
                + v.getClass().getSimpleName());
    }

    private static long checkRange(String key, GgufValueType type, long v) {
        long min, max;
        switch (type) {
            case UINT8: min = 0; max = 0xFF; break;
            case INT8: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
            case UINT16: min = 0; max = 0xFFFF; break;
            case INT16: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            case UINT32: min = 0; max = 0xFFFF_FFFFL; break;
            case INT32: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
            case UINT64: min = 0; max = Long.MAX_VALUE; break;
            default: min = Long.MIN_VALUE; max = Long.MAX_VALUE; break;
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("metadata key '" + key + "': " + v + " is out of range for " + type);
        }
        return v;
    }

    private static ArrayValue inferArray(String key, Object array, int depth) {
        GgufValueType element;
        if (array instanceof byte[]) element = GgufValueType.INT8;
        else if (array instanceof short[]) element = GgufValueType.INT16;
        else if (array instanceof int[]) element = GgufValueType.INT32;
        else if (array instanceof long[]) element = GgufValueType.INT64;
        else if (array instanceof float[]) element = GgufValueType.FLOAT32;
        else if (array instanceof double[]) element = GgufValueType.FLOAT64;
        else if (array instanceof boolean[]) element = GgufValueType.BOOL;
        else if (array instanceof String[]) element = GgufValueType.STRING;
        else if (array instanceof Object[]) element = GgufValueType.ARRAY;
        else {
            throw new IllegalArgumentException("metadata key '" + key + "': no GGUF type for "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        return array(key, element, array, depth);
    }

    private static ArrayValue array(String key, GgufValueType element, Object array, int depth) {
        if (array == null) throw new IllegalArgumentException("null array for metadata key '" + key + "'");
        if (depth > GgufParser.MAX_NESTING) {
            throw new IllegalArgumentException("metadata key '" + key + "': arrays nested more than "
                    + GgufParser.MAX_NESTING + " deep");
        }
        if (element.isInteger()) {
            long[] out = integers(key, array);
            for (long v : out) checkRange(key, element, v);
            return new ArrayValue(element, out, out.length);
        }
        switch (element) {
            case FLOAT32:
                if (array instanceof float[] a) return new ArrayValue(element, a.clone(), a.length);
                if (array instanceof double[] a) {
                    float[] f = new float[a.length];
                    for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
                    return new ArrayValue(element, f, f.length);
                }
                break;
            case FLOAT64:
                if (array instanceof double[] a) return new ArrayValue(element, a.clone(), a.length);
                if (array instanceof float[] a) {
                    double[] d = new double[a.length];
                    for (int i = 0; i < a.length; i++) d[i] = a[i];
                    return new ArrayValue(element, d, d.length);
                }
                break;
            case BOOL:
                if (array instanceof boolean[] a) return new ArrayValue(element, a.clone(), a.length);
                break;
            case STRING:
                if (array instanceof String[] a) {
                    byte[][] s = new byte[a.length][];
                    for (int i = 0; i < a.length; i++) {
                        if (a[i] == null) throw new IllegalArgumentException("metadata key '" + key + "': null string");
                        s[i] = utf8(a[i], "value of '" + key + "'");
                    }
                    return new ArrayValue(element, s, s.length);
                }
                break;
            case ARRAY:
                if (array instanceof Object[] a && !(array instanceof String[])) {
                    ArrayValue[] inner = new ArrayValue[a.length];
                    for (int i = 0; i < a.length; i++) inner[i] = inferArray(key, a[i], depth + 1);
                    return new ArrayValue(element, inner, inner.length);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("metadata key '" + key + "': an ARRAY of " + element + " cannot be made from "
                + array.getClass().getSimpleName());
    }

    private static long[] integers(String key, Object array) {
        if (array instanceof long[] a) return a.clone();
        if (array instanceof int[] a) return Arrays.stream(a).asLongStream().toArray();
        if (array instanceof short[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
            return out;
        }
        if (array instanceof byte[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
            return out;
        }
        throw new IllegalArgumentException("metadata key '" + key + "': integer elements cannot be made from "
                + array.getClass().getSimpleName());
    }

    /** Strict UTF-8: a lone surrogate is an error here instead of a silent '?' in the file. */
    private static byte[] utf8(String s, String what) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid Unicode (unpaired surrogate?)");
        }
    }

    // ---- tensors ----

    /** A tensor whose bytes {@code source} streams at write time; {@code dims[0]} is the row length. */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, TensorSource source) {
        long elements = checkTensor(name, type, dims);
        if (source == null) throw new IllegalArgumentException("tensor '" + name + "': null source");
        tensors.put(name, new Tensor(name, type, dims.clone(), type.bytesFor(elements), source));
        return this;
    }

    /** Validates a tensor declaration the way the reader will; returns its element count. */
    private long checkTensor(String name, GgmlType type, long[] dims) {
        if (name == null || type == null || dims == null) throw new IllegalArgumentException("addTensor: null argument");
        utf8(name, "tensor name");
        if (tensors.containsKey(name)) throw new IllegalArgumentException("duplicate tensor name '" + name + "'");
        if (dims.length < 1 || dims.length > GgufParser.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "': " + dims.length + " dimensions, expected 1 to "
                    + GgufParser.MAX_DIMS);
        }
        long elements = 1;
        for (long d : dims) {
            if (d <= 0) throw new IllegalArgumentException("tensor '" + name + "': dimension " + d + " is not positive");
            elements = Math.multiplyExact(elements, d);
        }
        if (dims[0] % type.blockSize != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': rows of " + dims[0] + " values are not whole "
                    + type + " blocks of " + type.blockSize);
        }
        return elements;
    }

    /** A tensor from float values (row-major, {@code dims[0]} per row), encoded with {@link Quantization}. */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, float[] values) {
        long elements = checkTensor(name, type, dims);
        if (values.length != elements) {
            throw new IllegalArgumentException("tensor '" + name + "': " + values.length + " values for dims "
                    + Arrays.toString(dims) + " (" + elements + " elements)");
        }
        // Fail here rather than halfway through write() when the type has no encoder yet.
        try {
            Quantization.quantize(type, values, 0, type.blockSize,
                    ByteBuffer.allocate(type.blockBytes).order(ByteOrder.LITTLE_ENDIAN));
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("tensor '" + name + "': cannot encode " + type + ": " + e.getMessage(), e);
        }
        return addTensor(name, type, dims, out -> {
            int perPiece = Math.max(1, (1 << 20) / type.blockBytes);
            int blocks = values.length / type.blockSize;
            ByteBuffer buf = ByteBuffer.allocate(perPiece * type.blockBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int b = 0; b < blocks; b += perPiece) {
                int k = Math.min(perPiece, blocks - b);
                buf.clear();
                Quantization.quantize(type, values, b * type.blockSize, k * type.blockSize, buf);
                buf.flip();
                while (buf.hasRemaining()) out.write(buf);
            }
        });
    }

    // ---- output ----

    public void write(Path out) {
        Path tmp = out.resolveSibling(out.getFileName() + ".partial");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                GgufOutput o = new GgufOutput(ch);
                writeAll(o, out);
                o.flush();
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write GGUF file " + out + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }

    private void writeAll(GgufOutput o, Path out) throws IOException {
        boolean writeAlignment = alignment != GgufParser.DEFAULT_ALIGNMENT;
        o.u32(GgufParser.MAGIC);
        o.u32(version);
        o.u64(tensors.size());
        o.u64(metadata.size() + (writeAlignment ? 1 : 0));
        if (writeAlignment) {
            // First, so readers know the alignment before anything else.
            o.string(utf8(GgufParser.ALIGNMENT_KEY, "key"));
            o.u32(GgufValueType.UINT32.id);
            o.u32(alignment);
        }
        for (Map.Entry<String, Value> e : metadata.entrySet()) {
            o.string(utf8(e.getKey(), "key"));
            o.u32(e.getValue().type().id);
            writeValue(o, e.getValue().type(), e.getValue().value());
        }
        long offset = 0;
        for (Tensor t : tensors.values()) {
            offset = GgufParser.alignUp(offset, alignment);
            o.string(utf8(t.name(), "tensor name"));
            o.u32(t.dims().length);
            for (long d : t.dims()) o.u64(d);
            o.u32(t.type().id);
            o.u64(offset);
            offset += t.bytes();
        }
        o.pad(alignment);
        for (Tensor t : tensors.values()) {
            o.pad(alignment);
            Counting c = new Counting(o, t, out);
            t.source().write(c);
            if (c.count != t.bytes()) {
                throw new GgufException("writing " + out + ": the source of tensor '" + t.name() + "' (" + t.type() + " "
                        + Arrays.toString(t.dims()) + ") wrote " + c.count + " bytes, expected " + t.bytes());
            }
        }
        // Pad the end too: readers that load the whole padded data section (llama.cpp without mmap) need it.
        o.pad(alignment);
    }

    private static void writeValue(GgufOutput o, GgufValueType type, Object v) throws IOException {
        switch (type) {
            case UINT8: case INT8: o.u8((int) (long) (Long) v); break;
            case UINT16: case INT16: o.u16((int) (long) (Long) v); break;
            case UINT32: case INT32: o.u32((Long) v); break;
            case UINT64: case INT64: o.u64((Long) v); break;
            case FLOAT32: o.f32(((Number) v).floatValue()); break;
            case FLOAT64: o.f64(((Number) v).doubleValue()); break;
            case BOOL: o.u8((Boolean) v ? 1 : 0); break;
            case STRING: o.string((byte[]) v); break;
            case ARRAY: writeArray(o, (ArrayValue) v); break;
            default: throw new IllegalStateException(type.name());
        }
    }

    private static void writeArray(GgufOutput o, ArrayValue a) throws IOException {
        o.u32(a.element().id);
        o.u64(a.length());
        GgufValueType t = a.element();
        if (t.isInteger()) {
            for (long v : (long[]) a.data()) writeValue(o, t, v);
            return;
        }
        switch (t) {
            case FLOAT32: for (float v : (float[]) a.data()) o.f32(v); break;
            case FLOAT64: for (double v : (double[]) a.data()) o.f64(v); break;
            case BOOL: for (boolean v : (boolean[]) a.data()) o.u8(v ? 1 : 0); break;
            case STRING: for (byte[] v : (byte[][]) a.data()) o.string(v); break;
            case ARRAY: for (ArrayValue v : (ArrayValue[]) a.data()) writeArray(o, v); break;
            default: throw new IllegalStateException(t.name());
        }
    }

    /** The channel a tensor source writes to: counts, and stops a source at the first byte too many. */
    private static final class Counting implements WritableByteChannel {
        private final GgufOutput out;
        private final Tensor tensor;
        private final Path file;
        long count;

        Counting(GgufOutput out, Tensor tensor, Path file) {
            this.out = out;
            this.tensor = tensor;
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.remaining() > tensor.bytes() - count) {
                throw new GgufException("writing " + file + ": the source of tensor '" + tensor.name() + "' wrote more than "
                        + tensor.bytes() + " bytes (" + tensor.type() + " " + Arrays.toString(tensor.dims()) + ")");
            }
            int n = out.write(src);
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
