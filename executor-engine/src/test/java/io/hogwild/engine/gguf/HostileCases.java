package io.hogwild.engine.gguf;

import static io.hogwild.engine.gguf.GgufValueType.ARRAY;
import static io.hogwild.engine.gguf.GgufValueType.BOOL;
import static io.hogwild.engine.gguf.GgufValueType.INT32;
import static io.hogwild.engine.gguf.GgufValueType.STRING;
import static io.hogwild.engine.gguf.GgufValueType.UINT32;
import static io.hogwild.engine.gguf.GgufValueType.UINT64;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Broken and hostile GGUF files, each with a fragment its error message must contain. */
final class HostileCases {
    record Case(String name, Path file, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int F32 = 0, Q8_0 = 8;
    private static final long HUGE = 1L << 40;
    private static final long U64_MAX = -1L;

    private HostileCases() {}

    static List<Case> all(Path dir) throws Exception {
        List<Case> c = new ArrayList<>();
        add(c, dir, "empty", new GgufBytes(), "is truncated: magic needs 4 bytes at offset 0");
        add(c, dir, "magic-only", new GgufBytes().raw("GGUF".getBytes()), "is truncated: version needs 4 bytes");
        add(c, dir, "wrong-magic", new GgufBytes().raw("GGML".getBytes()).u32(3).u64(0).u64(0),
                "not a GGUF file: starts with bytes 47 47 4d 4c");
        add(c, dir, "version-1", GgufBytes.header(1, 0, 0), "unsupported GGUF version 1");
        add(c, dir, "version-7", GgufBytes.header(7, 0, 0), "unknown GGUF version 7");
        add(c, dir, "big-endian", GgufBytes.header(Integer.reverseBytes(3), 0, 0), "big-endian GGUF file (version 3");
        add(c, dir, "truncated-counts", new GgufBytes().raw("GGUF".getBytes()).u32(3).u32(0),
                "is truncated: tensor count needs 8 bytes at offset 8");

        add(c, dir, "absurd-tensor-count", GgufBytes.header(3, HUGE, 0), "tensor count 1099511627776 is impossible");
        add(c, dir, "negative-tensor-count", GgufBytes.header(3, U64_MAX, 0),
                "tensor count 18446744073709551615 is impossible");
        add(c, dir, "absurd-metadata-count", GgufBytes.header(3, 0, HUGE).zeros(64),
                "metadata entry count 1099511627776 is impossible");

        add(c, dir, "huge-key-length", GgufBytes.header(3, 0, 1).u64(HUGE).zeros(16),
                "metadata key length 1099511627776 exceeds the 16 bytes left");
        add(c, dir, "negative-key-length", GgufBytes.header(3, 0, 1).u64(U64_MAX).zeros(16),
                "metadata key length 18446744073709551615 exceeds");
        add(c, dir, "huge-string-value", GgufBytes.header(3, 0, 1).key("k", STRING).u64(HUGE).raw("abc".getBytes()),
                "string value length 1099511627776 exceeds the 3 bytes left");
        add(c, dir, "truncated-string-value", GgufBytes.header(3, 0, 1).key("k", STRING).u64(10).raw("abc".getBytes()),
                "string value length 10 exceeds the 3 bytes left");
        add(c, dir, "huge-int-array", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(INT32.id).u64(HUGE).zeros(40),
                "array length 1099511627776 is impossible: the 40 bytes left in the file hold at most 10");
        add(c, dir, "huge-string-array", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(STRING.id).u64(1 << 30).zeros(80),
                "array length 1073741824 is impossible");
        add(c, dir, "huge-nested-array", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(ARRAY.id).u64(1 << 30).zeros(80),
                "array length 1073741824 is impossible");
        // Under the reader's cap on array size, so only the check against the file stops a 256 MB allocation.
        add(c, dir, "large-long-array", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(GgufValueType.INT64.id)
                .u64(1 << 25).zeros(80), "array length 33554432 is impossible: the 80 bytes left in the file hold at most 10");
        add(c, dir, "negative-array-length", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(BOOL.id).u64(U64_MAX).zeros(8),
                "array length 18446744073709551615 is impossible");
        add(c, dir, "truncated-array", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(INT32.id).u64(3).u32(1).u32(2),
                "array length 3 is impossible: the 8 bytes left in the file hold at most 2");
        add(c, dir, "unknown-value-type", GgufBytes.header(3, 0, 1).str("k").u32(13).zeros(8),
                "unknown metadata value type 13");
        add(c, dir, "unknown-element-type", GgufBytes.header(3, 0, 1).key("k", ARRAY).u32(99).u64(0),
                "unknown metadata array element type 99");
        add(c, dir, "invalid-utf8-key", GgufBytes.header(3, 0, 1).u64(2).raw(0xC3, 0x28).u32(INT32.id).u32(1),
                "metadata key is not valid UTF-8 (metadata entry #0, offset 24)");
        add(c, dir, "overlong-utf8", GgufBytes.header(3, 0, 1).key("k", STRING).u64(2).raw(0xC0, 0xAF),
                "string value is not valid UTF-8");
        add(c, dir, "utf8-surrogate", GgufBytes.header(3, 0, 1).key("k", STRING).u64(3).raw(0xED, 0xA0, 0x80),
                "string value is not valid UTF-8");
        add(c, dir, "bool-2", GgufBytes.header(3, 0, 1).key("k", BOOL).u8(2), "BOOL value byte is 2");
        add(c, dir, "uint64-over-long", GgufBytes.header(3, 0, 1).key("k", UINT64).u64(U64_MAX),
                "UINT64 value 18446744073709551615 exceeds 9223372036854775807");
        GgufBytes deep = GgufBytes.header(3, 0, 1).key("k", ARRAY);
        for (int i = 0; i < 20; i++) deep.u32(ARRAY.id).u64(1);
        deep.u32(INT32.id).u64(0);
        add(c, dir, "deep-nesting", deep, "metadata arrays nested more than 8 deep");
        add(c, dir, "duplicate-key", GgufBytes.header(3, 0, 2).key("a", INT32).u32(1).key("a", INT32).u32(2),
                "duplicate metadata key 'a' (metadata entry #1 'a', offset 41)");
        add(c, dir, "alignment-48", GgufBytes.header(3, 0, 1).key("general.alignment", UINT32).u32(48),
                "general.alignment is 48, which is not a power of two");
        add(c, dir, "alignment-0", GgufBytes.header(3, 0, 1).key("general.alignment", UINT32).u32(0),
                "general.alignment is 0, which is not a power of two");
        add(c, dir, "alignment-string", GgufBytes.header(3, 0, 1).key("general.alignment", STRING).str("32"),
                "general.alignment must be an integer (UINT32), found STRING");

        add(c, dir, "n-dims-5", oneTensor(new long[] {1, 1, 1, 1, 1}, F32, 0, 4), "has n_dims 5; GGML tensors have 1 to 4");
        add(c, dir, "n-dims-0", oneTensor(new long[0], F32, 0, 4), "has n_dims 0");
        add(c, dir, "zero-dim", oneTensor(new long[] {4, 0}, F32, 0, 0), "has dimension 1 = 0; dimensions must be positive");
        add(c, dir, "negative-dim", oneTensor(new long[] {U64_MAX}, F32, 0, 0),
                "dimension 0 = 18446744073709551615; dimensions must be positive and below 2^63");
        add(c, dir, "elements-overflow", oneTensor(new long[] {1L << 32, 1L << 32}, F32, 0, 0),
                "element count overflows 64 bits");
        add(c, dir, "bytes-overflow", oneTensor(new long[] {1L << 31, 1L << 31}, F32, 0, 0),
                "byte size overflows 64 bits");
        add(c, dir, "unknown-type", oneTensor(new long[] {4}, 99, 0, 16), "has unknown GGML type id 99");
        add(c, dir, "removed-type-4", oneTensor(new long[] {32}, 4, 0, 20), "has unknown GGML type id 4");
        add(c, dir, "partial-block", oneTensor(new long[] {33, 2}, Q8_0, 0, 128),
                "of type Q8_0 has rows of 33 values, not a whole number of blocks of 32");
        add(c, dir, "misaligned-offset", oneTensor(new long[] {4}, F32, 4, 32),
                "data offset 4 is not a multiple of the alignment 32");
        add(c, dir, "negative-offset", oneTensor(new long[] {4}, F32, U64_MAX, 16), "data offset 18446744073709551615 is beyond the end of the file");
        add(c, dir, "past-eof", oneTensor(new long[] {4}, F32, HUGE, 16), "extends past the end of the file");
        add(c, dir, "offset-overflow", oneTensor(new long[] {4}, F32, Long.MAX_VALUE - 31, 16),
                "extends past the end of the file");
        add(c, dir, "data-short-by-one", oneTensor(new long[] {4}, F32, 0, 15),
                "tensor 't' (16 bytes at data offset 0, file offset 64) extends past the end of the file (79 bytes)");
        add(c, dir, "duplicate-tensor", GgufBytes.header(3, 2, 0).tensorInfo("t", new long[] {4}, F32, 0)
                .tensorInfo("t", new long[] {4}, F32, 32).padTo(32).zeros(48), "duplicate tensor name 't'");
        add(c, dir, "overlapping-tensors", GgufBytes.header(3, 2, 0).tensorInfo("a", new long[] {16}, F32, 0)
                .tensorInfo("b", new long[] {4}, F32, 32).padTo(32).zeros(64),
                "the data of tensors 'a' and 'b' overlap");
        add(c, dir, "huge-tensor-name", GgufBytes.header(3, 1, 0).u64(HUGE).zeros(40),
                "tensor name length 1099511627776 exceeds");
        add(c, dir, "truncated-tensor-info", GgufBytes.header(3, 1, 0).str("t").u32(2).u64(4).zeros(4),
                "is truncated: dimension needs 8 bytes");
        return c;
    }

    /** One tensor info at the given relative offset, then {@code dataBytes} bytes of (aligned) data. */
    static GgufBytes oneTensor(long[] dims, int typeId, long offset, int dataBytes) {
        return GgufBytes.header(3, 1, 0).tensorInfo("t", dims, typeId, offset).padTo(32).zeros(dataBytes);
    }

    private static void add(List<Case> c, Path dir, String name, GgufBytes bytes, String expected) {
        c.add(new Case(name, bytes.write(dir.resolve(name + ".gguf")), expected));
    }
}
