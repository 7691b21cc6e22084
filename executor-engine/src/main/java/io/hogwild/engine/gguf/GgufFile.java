package io.hogwild.engine.gguf;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.ggml.Quantization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GGUF file (version 2 or 3) opened for reading. {@link #open} parses and validates the header, all
 * metadata and all tensor infos up front, so every later access either works or names a missing key or
 * tensor. Tensor data stays on disk and is read through memory-mapped windows ({@link #data}); nothing is
 * limited to 2 GB.
 *
 * <p>Metadata values are plain Java objects: UINT8, INT8, UINT16, INT16 and INT32 as Integer (unsigned
 * widened); UINT32, UINT64 and INT64 as Long; FLOAT32 as Float; FLOAT64 as Double; BOOL as Boolean; STRING as
 * String; arrays as {@code int[]} (8/16-bit and INT32 elements), {@code long[]} (UINT32, INT64, UINT64),
 * {@code float[]}, {@code double[]}, {@code boolean[]}, {@code String[]}, and arrays of arrays as
 * {@code Object[]}. The {@code getX} accessors return copies of arrays; {@link #metadata()} exposes the
 * arrays themselves, which callers must not modify.
 *
 * <p>Closing releases the file channel. Buffers already handed out stay readable: Java 17 cannot unmap
 * explicitly, so mappings go away when the buffers are garbage collected.
 */
public final class GgufFile implements AutoCloseable {
    /** Largest single mapping. */
    static final long DEFAULT_WINDOW = 1L << 30;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final int version;
    private final int alignment;
    private final long dataOffset;
    private final Map<String, Object> metadata;
    private final Map<String, GgufValueType> types;
    private final Map<String, GgufValueType> elementTypes;
    private final List<GgufTensor> tensors;
    private final Map<String, GgufTensor> byName = new LinkedHashMap<>();
    private final Map<String, TensorBytes> views = new ConcurrentHashMap<>();
    private final long window;
    private volatile boolean closed;

    private GgufFile(Path path, FileChannel channel, long fileSize, GgufParser p, long window) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        this.version = p.version;
        this.alignment = p.alignment;
        this.dataOffset = p.dataOffset;
        this.metadata = Collections.unmodifiableMap(p.metadata);
        this.types = p.types;
        this.elementTypes = p.elementTypes;
        this.tensors = List.copyOf(p.tensors);
        for (GgufTensor t : tensors) byName.put(t.name(), t);
        this.window = window;
    }

    public static GgufFile open(Path path) {
        return open(path, DEFAULT_WINDOW);
    }

    /** As {@link #open(Path)} with mapping windows of at most {@code window} bytes (tests use tiny ones). */
    static GgufFile open(Path path, long window) {
        if (window <= 0 || window > DEFAULT_WINDOW) throw new IllegalArgumentException("window " + window);
        FileChannel ch;
        long size;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new GgufException("cannot open GGUF file " + path + ": " + e, e);
        }
        try {
            size = ch.size();
            GgufParser p = GgufParser.parse(new GgufInput(ch, path.toString(), size), size);
            return new GgufFile(path, ch, size, p, window);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new GgufException("cannot read GGUF file " + path + ": " + e, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    public int version() { return version; }

    public Path path() { return path; }

    public long fileSize() { return fileSize; }

    public int alignment() { return alignment; }

    /** Absolute offset of the (aligned) data section; tensor offsets in the file are relative to it. */
    public long dataOffset() { return dataOffset; }

    /** All metadata in file order; unmodifiable. */
    public Map<String, Object> metadata() { return metadata; }

    public boolean has(String key) { return metadata.containsKey(key); }

    /** The GGUF type of a key's value, or null when the key is missing. */
    public GgufValueType valueType(String key) { return types.get(key); }

    /** The element type of an array value, or null when the key is missing or not an array. */
    public GgufValueType arrayElementType(String key) { return elementTypes.get(key); }

    /** The type as shown in messages and by {@code info}: "UINT32", "ARRAY[STRING]". */
    public String typeName(String key) {
        GgufValueType t = types.get(key);
        if (t == null) return null;
        return t == GgufValueType.ARRAY ? "ARRAY[" + elementTypes.get(key) + "]" : t.name();
    }

    // ---- metadata accessors ----

    private Object require(String key) {
        Object v = metadata.get(key);
        if (v == null) throw new GgufException("missing metadata key '" + key + "' in " + path);
        return v;
    }

    private GgufException wrongType(String key, String expected) {
        return new GgufException("metadata key '" + key + "' in " + path + " is " + typeName(key) + ", expected "
                + expected);
    }

    public String getString(String key) {
        Object v = require(key);
        if (v instanceof String s) return s;
        throw wrongType(key, "STRING");
    }

    public String getString(String key, String dflt) {
        return has(key) ? getString(key) : dflt;
    }

    /** Any integer type. */
    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        throw wrongType(key, "an integer");
    }

    public long getLong(String key, long dflt) {
        return has(key) ? getLong(key) : dflt;
    }

    /** Any integer type whose value fits an int. */
    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new GgufException("metadata key '" + key + "' in " + path + " is " + v + ", outside the int range");
        }
        return (int) v;
    }

    public int getInt(String key, int dflt) {
        return has(key) ? getInt(key) : dflt;
    }

    /** FLOAT32, or FLOAT64 narrowed. */
    public float getFloat(String key) {
        Object v = require(key);
        if (v instanceof Float || v instanceof Double) return ((Number) v).floatValue();
        throw wrongType(key, "FLOAT32");
    }

    public float getFloat(String key, float dflt) {
        return has(key) ? getFloat(key) : dflt;
    }

    /** FLOAT64 or FLOAT32. */
    public double getDouble(String key) {
        Object v = require(key);
        if (v instanceof Float || v instanceof Double) return ((Number) v).doubleValue();
        throw wrongType(key, "FLOAT64");
    }

    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) return b;
        throw wrongType(key, "BOOL");
    }

    public boolean getBoolean(String key, boolean dflt) {
        return has(key) ? getBoolean(key) : dflt;
    }

    public String[] getStringArray(String key) {
        Object v = require(key);
        if (v instanceof String[] a) return a.clone();
        throw wrongType(key, "ARRAY[STRING]");
    }

    /** An array of any integer type whose values fit an int. */
    public int[] getIntArray(String key) {
        Object v = require(key);
        if (v instanceof int[] a) return a.clone();
        if (v instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE) {
                    throw new GgufException("metadata key '" + key + "' in " + path + ": element " + i + " is " + a[i]
                            + ", outside the int range");
                }
                out[i] = (int) a[i];
            }
            return out;
        }
        throw wrongType(key, "an ARRAY of integers");
    }

    /** An array of any integer type. */
    public long[] getLongArray(String key) {
        Object v = require(key);
        if (v instanceof long[] a) return a.clone();
        if (v instanceof int[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
            return out;
        }
        throw wrongType(key, "an ARRAY of integers");
    }

    /** ARRAY[FLOAT32], or ARRAY[FLOAT64] narrowed. */
    public float[] getFloatArray(String key) {
        Object v = require(key);
        if (v instanceof float[] a) return a.clone();
        if (v instanceof double[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) out[i] = (float) a[i];
            return out;
        }
        throw wrongType(key, "ARRAY[FLOAT32]");
    }

    // ---- tensors ----

    /** Tensor infos in file order. */
    public List<GgufTensor> tensors() { return tensors; }

    public Optional<GgufTensor> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public GgufTensor requireTensor(String name) {
        GgufTensor t = byName.get(name);
        if (t == null) throw new GgufException("missing tensor '" + name + "' in " + path);
        return t;
    }

    /** The tensor's encoded bytes over memory-mapped windows of the file; cheap to slice once per row. */
    public TensorBytes data(GgufTensor t) {
        GgufTensor own = byName.get(t.name());
        if (!t.equals(own)) throw new GgufException("tensor " + t + " does not belong to " + path);
        checkOpen();
        return views.computeIfAbsent(own.name(),
                n -> new MappedTensorBytes(n, own.offset(), own.bytes(), own.rowBytes(), window, this::map));
    }

    private ByteBuffer map(long position, long size) {
        checkOpen();
        try {
            // A file that shrank since open would crash the JVM on first touch of the lost pages.
            long now = channel.size();
            if (position + size > now) {
                throw new GgufException(path + " is now " + now + " bytes, shorter than when it was opened ("
                        + fileSize + "); was it truncated while in use?");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, position, size);
        } catch (IOException e) {
            throw new GgufException("cannot map " + size + " bytes at offset " + position + " of " + path + ": " + e, e);
        }
    }

    private void checkOpen() {
        if (closed) throw new GgufException(path + " is closed");
    }

    /** The largest tensor {@link #readFloats} returns (a Java array limit). */
    static final long MAX_FLOATS = Integer.MAX_VALUE - 16;

    /** The whole tensor dequantized to float32: for small tensors (norms, biases, rope factors). */
    public float[] readFloats(GgufTensor t) {
        long n = t.elements();
        if (n > MAX_FLOATS) {
            throw new GgufException("tensor '" + t.name() + "' in " + path + " has " + n + " elements, more than the "
                    + MAX_FLOATS + " one float array can hold; read it in pieces through data()");
        }
        TensorBytes bytes = data(t);
        float[] out = new float[(int) n];
        int blockSize = t.type().blockSize;
        int blockBytes = t.type().blockBytes;
        long blocks = n / blockSize;
        int perPiece = Math.max(1, (1 << 20) / blockBytes);
        for (long b = 0; b < blocks; b += perPiece) {
            int k = (int) Math.min(perPiece, blocks - b);
            ByteBuffer piece = bytes.slice(b * blockBytes, k * blockBytes);
            try {
                Quantization.dequantize(t.type(), piece, out, (int) (b * blockSize), k * blockSize);
            } catch (UnsupportedOperationException e) {
                throw new GgufException("cannot dequantize tensor '" + t.name() + "' of type " + t.type() + " in "
                        + path + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new GgufException("cannot close " + path + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "GGUF v" + version + " " + path + " (" + metadata.size() + " metadata keys, " + tensors.size()
                + " tensors)";
    }
}
