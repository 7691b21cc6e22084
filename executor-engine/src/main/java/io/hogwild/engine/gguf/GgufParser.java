package io.hogwild.engine.gguf;

import io.hogwild.kernels.ggml.GgmlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates everything in a GGUF file before the tensor data: header, metadata, tensor infos.
 * Layout (little-endian, versions 2 and 3 alike):
 * <pre>
 *   "GGUF"  u32 version  u64 tensor_count  u64 metadata_count
 *   metadata_count x (string key, u32 value_type, value)
 *   tensor_count   x (string name, u32 n_dims, u64 dims[n_dims], u32 ggml_type, u64 offset)
 *   padding to the alignment, then the data section; tensor offsets are relative to its start
 * </pre>
 * Strings are a u64 byte length and UTF-8 bytes; arrays a u32 element type, a u64 count and the values.
 */
final class GgufParser {
    static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    static final int DEFAULT_ALIGNMENT = 32;
    static final String ALIGNMENT_KEY = "general.alignment";
    /** GGML tensors have at most 4 dimensions. */
    static final int MAX_DIMS = 4;
    /** Nested arrays exist in the format but not in real files; the cap keeps hostile nesting off the stack. */
    static final int MAX_NESTING = 8;
    /**
     * Cap on one metadata array: real vocabularies and merge lists have well under a million entries, and
     * a count checked only against a multi-GB file could still ask for gigabytes of heap.
     */
    static final int MAX_METADATA_ARRAY = 1 << 26;
    /** Smallest tensor info: empty name (8), n_dims (4), one dim (8), type (4), offset (8). */
    static final long MIN_TENSOR_INFO_BYTES = 32;
    /** Smallest metadata entry: empty key (8), value type (4), a one-byte value. */
    static final long MIN_ENTRY_BYTES = 13;

    int version;
    final Map<String, Object> metadata = new LinkedHashMap<>();
    final Map<String, GgufValueType> types = new LinkedHashMap<>();
    final Map<String, GgufValueType> elementTypes = new LinkedHashMap<>();
    int alignment = DEFAULT_ALIGNMENT;
    long dataOffset;
    final List<GgufTensor> tensors = new ArrayList<>();

    private final GgufInput in;
    private final long fileSize;

    private GgufParser(GgufInput in, long fileSize) {
        this.in = in;
        this.fileSize = fileSize;
    }

    static GgufParser parse(GgufInput in, long fileSize) {
        GgufParser p = new GgufParser(in, fileSize);
        p.run();
        return p;
    }

    private void run() {
        in.context("header");
        int magic = in.i32("magic");
        if (magic != MAGIC) {
            throw in.error(String.format("not a GGUF file: starts with bytes %02x %02x %02x %02x, expected \"GGUF\"",
                    magic & 0xFF, (magic >>> 8) & 0xFF, (magic >>> 16) & 0xFF, magic >>> 24), 0);
        }
        version = checkVersion(in.i32("version"));
        long tensorCount = in.count("tensor count", MIN_TENSOR_INFO_BYTES);
        long entryCount = in.count("metadata entry count", MIN_ENTRY_BYTES);
        for (long i = 0; i < entryCount; i++) readEntry(i);
        readTensorInfos(tensorCount);
    }

    private int checkVersion(int v) {
        if (v == 2 || v == 3) return v;
        if (v == 1) {
            throw in.error("unsupported GGUF version 1 (only versions 2 and 3 can be read; reconvert the model)", 4);
        }
        int swapped = Integer.reverseBytes(v);
        if (swapped >= 1 && swapped <= 3) {
            throw in.error("big-endian GGUF file (version " + swapped
                    + " stored big-endian); only little-endian GGUF files are supported", 4);
        }
        throw in.error("unknown GGUF version " + Integer.toUnsignedString(v) + " (only versions 2 and 3 can be read)", 4);
    }

    private void readEntry(long index) {
        in.context("metadata entry #" + index);
        long at = in.position();
        String key = in.string("metadata key");
        in.context("metadata entry #" + index + " '" + key + "'");
        if (metadata.containsKey(key)) throw in.error("duplicate metadata key '" + key + "'", at);
        GgufValueType type = valueType("value type");
        Object value;
        if (type == GgufValueType.ARRAY) {
            long arrayAt = in.position();
            GgufValueType element = valueType("array element type");
            value = readArrayBody(element, 1, arrayAt);
            elementTypes.put(key, element);
        } else {
            value = readScalar(type);
        }
        if (key.equals(ALIGNMENT_KEY)) alignment = checkAlignment(type, value, at);
        metadata.put(key, value);
        types.put(key, type);
    }

    private GgufValueType valueType(String what) {
        long at = in.position();
        long id = in.u32(what);
        GgufValueType t = GgufValueType.fromId(id);
        if (t == null) throw in.error("unknown metadata " + what + " " + id + " (GGUF defines 0 to 12)", at);
        return t;
    }

    private Object readScalar(GgufValueType type) {
        switch (type) {
            case UINT8: return in.u8("UINT8 value");
            case INT8: return in.i8("INT8 value");
            case UINT16: return in.u16("UINT16 value");
            case INT16: return in.i16("INT16 value");
            case UINT32: return in.u32("UINT32 value");
            case INT32: return in.i32("INT32 value");
            case UINT64: return uint64();
            case INT64: return in.i64("INT64 value");
            case FLOAT32: return in.f32("FLOAT32 value");
            case FLOAT64: return in.f64("FLOAT64 value");
            case BOOL: return bool();
            case STRING: return in.string("string value");
            default: throw new IllegalStateException(type.name());
        }
    }

    private long uint64() {
        long at = in.position();
        long v = in.i64("UINT64 value");
        if (v < 0) {
            throw in.error("UINT64 value " + Long.toUnsignedString(v) + " exceeds " + Long.MAX_VALUE
                    + ", the largest value this reader supports", at);
        }
        return v;
    }

    private boolean bool() {
        long at = in.position();
        int b = in.u8("BOOL value");
        if (b > 1) throw in.error("BOOL value byte is " + b + ", expected 0 or 1", at);
        return b == 1;
    }

    /** The count and values of an array whose element type was just read. */
    private Object readArrayBody(GgufValueType element, int depth, long at) {
        if (element == GgufValueType.ARRAY && depth >= MAX_NESTING) {
            throw in.error("metadata arrays nested more than " + MAX_NESTING + " deep", at);
        }
        long count = in.count("array length", element.minSize());
        if (count > MAX_METADATA_ARRAY) {
            throw in.error("metadata array of " + count + " elements is larger than the " + MAX_METADATA_ARRAY
                    + " this reader accepts", at);
        }
        int n = (int) count;
        switch (element) {
            case UINT8: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = in.u8("UINT8 element"); return a; }
            case INT8: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = in.i8("INT8 element"); return a; }
            case UINT16: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = in.u16("UINT16 element"); return a; }
            case INT16: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = in.i16("INT16 element"); return a; }
            case INT32: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = in.i32("INT32 element"); return a; }
            case UINT32: { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = in.u32("UINT32 element"); return a; }
            case INT64: { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = in.i64("INT64 element"); return a; }
            case UINT64: { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = uint64(); return a; }
            case FLOAT32: { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = in.f32("FLOAT32 element"); return a; }
            case FLOAT64: { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = in.f64("FLOAT64 element"); return a; }
            case BOOL: { boolean[] a = new boolean[n]; for (int i = 0; i < n; i++) a[i] = bool(); return a; }
            case STRING: { String[] a = new String[n]; for (int i = 0; i < n; i++) a[i] = in.string("string element"); return a; }
            case ARRAY: {
                Object[] a = new Object[n];
                for (int i = 0; i < n; i++) {
                    long innerAt = in.position();
                    GgufValueType inner = valueType("nested array element type");
                    a[i] = readArrayBody(inner, depth + 1, innerAt);
                }
                return a;
            }
            default: throw new IllegalStateException(element.name());
        }
    }

    private int checkAlignment(GgufValueType type, Object value, long at) {
        if (!type.isInteger()) {
            throw in.error(ALIGNMENT_KEY + " must be an integer (UINT32), found " + type, at);
        }
        long a = ((Number) value).longValue();
        if (a <= 0 || (a & (a - 1)) != 0) {
            throw in.error(ALIGNMENT_KEY + " is " + a + ", which is not a power of two", at);
        }
        if (a > (1 << 30)) throw in.error(ALIGNMENT_KEY + " " + a + " is larger than 1 GiB", at);
        return (int) a;
    }

    private void readTensorInfos(long count) {
        Set<String> names = new HashSet<>();
        List<Info> infos = new ArrayList<>();
        for (long i = 0; i < count; i++) infos.add(readTensorInfo(i, names));
        // The data section starts at the first aligned offset after the infos; tensor offsets count from there.
        in.context("tensor data");
        dataOffset = alignUp(in.position(), alignment);
        for (Info info : infos) tensors.add(place(info));
        checkOverlaps();
    }

    /** One tensor info, with everything that does not depend on the data section's position checked. */
    private Info readTensorInfo(long i, Set<String> names) {
        in.context("tensor info #" + i);
        long at = in.position();
        String name = in.string("tensor name");
        in.context("tensor info #" + i + " '" + name + "'");
        if (!names.add(name)) throw in.error("duplicate tensor name '" + name + "'", at);
        long nDimsAt = in.position();
        long nDims = in.u32("n_dims");
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw in.error("tensor '" + name + "' has n_dims " + nDims + "; GGML tensors have 1 to " + MAX_DIMS
                    + " dimensions", nDimsAt);
        }
        long[] dims = new long[(int) nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long dimAt = in.position();
            dims[d] = in.i64("dimension");
            if (dims[d] <= 0) {
                throw in.error("tensor '" + name + "' has dimension " + d + " = "
                        + (dims[d] == 0 ? "0" : Long.toUnsignedString(dims[d])) + "; dimensions must be positive"
                        + (dims[d] < 0 ? " and below 2^63" : ""), dimAt);
            }
            try {
                elements = Math.multiplyExact(elements, dims[d]);
            } catch (ArithmeticException e) {
                throw in.error("tensor '" + name + "' element count overflows 64 bits", dimAt);
            }
        }
        long typeAt = in.position();
        int typeId = in.i32("tensor type");
        GgmlType type;
        try {
            type = GgmlType.fromId(typeId);
        } catch (IllegalArgumentException e) {
            throw in.error("tensor '" + name + "' has unknown GGML type id " + Integer.toUnsignedString(typeId), typeAt);
        }
        if (dims[0] % type.blockSize != 0) {
            throw in.error("tensor '" + name + "' of type " + type + " has rows of " + dims[0]
                    + " values, not a whole number of blocks of " + type.blockSize, typeAt);
        }
        long bytes;
        try {
            bytes = type.bytesFor(elements);
        } catch (ArithmeticException e) {
            throw in.error("tensor '" + name + "' byte size overflows 64 bits", typeAt);
        }
        long offsetAt = in.position();
        long offset = in.i64("data offset");
        if (offset < 0) {
            throw in.error("tensor '" + name + "' data offset " + Long.toUnsignedString(offset)
                    + " is beyond the end of the file", offsetAt);
        }
        return new Info(name, type, dims, bytes, offset, offsetAt);
    }

    /** The tensor at its absolute offset, checked to be aligned and inside the file. */
    private GgufTensor place(Info info) {
        String name = info.name;
        long offset = info.offset;
        long bytes = info.bytes;
        in.context("tensor '" + name + "'");
        if (offset % alignment != 0) {
            throw in.error("tensor '" + name + "' data offset " + offset + " is not a multiple of the alignment "
                    + alignment, info.offsetAt);
        }
        // Compare without overflow: offset + bytes <= fileSize - dataOffset.
        long room = fileSize - dataOffset;
        if (offset > room || bytes > room - offset) {
            throw new GgufException(in.file() + ": tensor '" + name + "' (" + bytes + " bytes at data offset "
                    + offset + ", file offset " + (offset > Long.MAX_VALUE - dataOffset ? "beyond 2^63" : dataOffset + offset)
                    + ") extends past the end of the file (" + fileSize + " bytes): the file is truncated or corrupt");
        }
        return new GgufTensor(name, info.type, info.dims, dataOffset + offset, bytes);
    }

    /** A tensor info as read, before the data section start is known. */
    private record Info(String name, GgmlType type, long[] dims, long bytes, long offset, long offsetAt) {}

    private void checkOverlaps() {
        List<GgufTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(GgufTensor::offset));
        for (int i = 1; i < sorted.size(); i++) {
            GgufTensor a = sorted.get(i - 1), b = sorted.get(i);
            if (b.offset() < a.offset() + a.bytes()) {
                throw new GgufException(in.file() + ": the data of tensors '" + a.name() + "' and '" + b.name()
                        + "' overlap (" + a.offset() + "+" + a.bytes() + " and " + b.offset() + ")");
            }
        }
    }

    static long alignUp(long v, long alignment) {
        long r = v % alignment;
        return r == 0 ? v : v + (alignment - r);
    }
}
