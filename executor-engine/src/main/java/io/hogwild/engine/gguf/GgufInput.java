package io.hogwild.engine.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reader of the GGUF header with a bounds check before every read. Every length or count the
 * file claims is checked against the bytes actually left in the file before anything is allocated, so a
 * hostile file fails with a {@link GgufException} instead of an OutOfMemoryError. Reads go through a small
 * buffer with positional channel reads: the header of a large model (a 150k-token vocabulary) is a few MB,
 * and the tensor data behind it is never touched here.
 */
final class GgufInput {
    private static final int BUFFER_BYTES = 1 << 16;
    /** The largest Java array the JVMs we run on reliably allocate. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final FileChannel channel;
    private final String file;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Absolute file offset of the next unread byte; {@code buf.position()} corresponds to it. */
    private long pos;
    /** Where in the file we are, for messages: set by the parser per key and per tensor info. */
    private String context = "header";

    GgufInput(FileChannel channel, String file, long size) {
        this.channel = channel;
        this.file = file;
        this.size = size;
        buf.limit(0);
    }

    long position() {
        return pos;
    }

    long remaining() {
        return size - pos;
    }

    String file() {
        return file;
    }

    void context(String where) {
        this.context = where;
    }

    /** An error at the current position, naming the file and the part of it being read. */
    GgufException error(String problem) {
        return error(problem, pos);
    }

    GgufException error(String problem, long at) {
        return new GgufException(file + ": " + problem + " (" + context + ", offset " + at + ")");
    }

    private GgufException truncated(long n, String what) {
        return new GgufException(file + " is truncated: " + what + " needs " + n + " bytes at offset " + pos
                + " but the file ends at " + size + " (" + context + ")");
    }

    private void need(int n, String what) {
        if (size - pos < n) throw truncated(n, what);
        if (buf.remaining() < n) fill(n);
    }

    private void fill(int n) {
        buf.compact();
        long readAt = pos + buf.position();
        try {
            while (buf.position() < n) {
                int r = channel.read(buf, readAt);
                if (r < 0) {
                    buf.flip();
                    throw new GgufException(file + " ended at offset " + readAt + " while reading it (" + context
                            + "); was it truncated by another process?");
                }
                readAt += r;
            }
        } catch (IOException e) {
            throw new GgufException(file + ": cannot read at offset " + readAt + ": " + e, e);
        }
        buf.flip();
    }

    int u8(String what) {
        need(1, what);
        pos += 1;
        return buf.get() & 0xFF;
    }

    int i8(String what) {
        need(1, what);
        pos += 1;
        return buf.get();
    }

    int u16(String what) {
        need(2, what);
        pos += 2;
        return buf.getShort() & 0xFFFF;
    }

    int i16(String what) {
        need(2, what);
        pos += 2;
        return buf.getShort();
    }

    int i32(String what) {
        need(4, what);
        pos += 4;
        return buf.getInt();
    }

    long u32(String what) {
        return i32(what) & 0xFFFF_FFFFL;
    }

    /** A raw 64-bit value; callers reading unsigned quantities check the sign themselves. */
    long i64(String what) {
        need(8, what);
        pos += 8;
        return buf.getLong();
    }

    float f32(String what) {
        return Float.intBitsToFloat(i32(what));
    }

    double f64(String what) {
        return Double.longBitsToDouble(i64(what));
    }

    /**
     * A count of items each taking at least {@code minItemBytes}: rejected when the rest of the file could
     * not hold that many, so no caller ever sizes an allocation from an unchecked number.
     */
    long count(String what, long minItemBytes) {
        long at = pos;
        long n = i64(what);
        long fits = (size - pos) / minItemBytes;
        if (n < 0 || n > fits) {
            throw error(what + " " + Long.toUnsignedString(n) + " is impossible: the " + (size - pos)
                    + " bytes left in the file hold at most " + fits, at);
        }
        return n;
    }

    byte[] bytes(int n, String what) {
        if (size - pos < n) throw truncated(n, what);
        byte[] out = new byte[n];
        int have = Math.min(n, buf.remaining());
        buf.get(out, 0, have);
        if (have < n) {
            // Larger than what is buffered: read the rest straight into the array.
            ByteBuffer dst = ByteBuffer.wrap(out, have, n - have);
            long readAt = pos + have;
            try {
                while (dst.hasRemaining()) {
                    int r = channel.read(dst, readAt);
                    if (r < 0) throw truncated(n, what);
                    readAt += r;
                }
            } catch (IOException e) {
                throw new GgufException(file + ": cannot read at offset " + readAt + ": " + e, e);
            }
        }
        pos += n;
        return out;
    }

    /** A GGUF string: 64-bit byte length, then that many bytes of UTF-8 (no terminator). */
    String string(String what) {
        long at = pos;
        long len = i64(what + " length");
        if (len < 0 || len > size - pos) {
            throw error(what + " length " + Long.toUnsignedString(len) + " exceeds the " + (size - pos)
                    + " bytes left in the file", at);
        }
        if (len > MAX_ARRAY) {
            throw error(what + " length " + len + " is too long to hold in memory", at);
        }
        byte[] raw = bytes((int) len, what);
        try {
            return utf8.reset().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw error(what + " is not valid UTF-8", at);
        }
    }
}
