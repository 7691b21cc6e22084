package io.hogwild.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-assembles GGUF bytes, including ones no writer would produce, for the hostile-file tests. */
final class GgufBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static GgufBytes header(int version, long tensors, long entries) {
        return new GgufBytes().raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensors).u64(entries);
    }

    private GgufBytes le(int n, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        out.write(b.array(), 0, n);
        return this;
    }

    GgufBytes u8(int v) { return le(1, v); }

    GgufBytes u16(int v) { return le(2, v); }

    GgufBytes u32(long v) { return le(4, v); }

    GgufBytes u64(long v) { return le(8, v); }

    GgufBytes f32(float v) { return le(4, Float.floatToRawIntBits(v)); }

    GgufBytes raw(byte... b) {
        out.write(b, 0, b.length);
        return this;
    }

    GgufBytes raw(int... b) {
        for (int x : b) out.write(x);
        return this;
    }

    GgufBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u64(b.length).raw(b);
    }

    /** A metadata entry's key and value type; the caller appends the value. */
    GgufBytes key(String k, GgufValueType t) {
        return str(k).u32(t.id);
    }

    GgufBytes tensorInfo(String name, long[] dims, int typeId, long offset) {
        str(name).u32(dims.length);
        for (long d : dims) u64(d);
        return u32(typeId).u64(offset);
    }

    GgufBytes padTo(int alignment) {
        while (out.size() % alignment != 0) out.write(0);
        return this;
    }

    GgufBytes zeros(int n) {
        for (int i = 0; i < n; i++) out.write(0);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path file) {
        try {
            return Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
