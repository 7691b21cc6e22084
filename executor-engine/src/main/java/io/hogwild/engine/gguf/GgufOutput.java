package io.hogwild.engine.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** Buffered little-endian writer onto a file channel that knows its position (for alignment padding). */
final class GgufOutput implements WritableByteChannel {
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long flushed;

    GgufOutput(FileChannel channel) {
        this.channel = channel;
    }

    long position() {
        return flushed + buf.position();
    }

    private void room(int n) throws IOException {
        if (buf.remaining() < n) flush();
    }

    void u8(int v) throws IOException { room(1); buf.put((byte) v); }

    void u16(int v) throws IOException { room(2); buf.putShort((short) v); }

    void u32(long v) throws IOException { room(4); buf.putInt((int) v); }

    void u64(long v) throws IOException { room(8); buf.putLong(v); }

    void f32(float v) throws IOException { room(4); buf.putFloat(v); }

    void f64(double v) throws IOException { room(8); buf.putDouble(v); }

    void string(byte[] utf8) throws IOException {
        u64(utf8.length);
        write(ByteBuffer.wrap(utf8));
    }

    /** Zero bytes up to the next multiple of {@code alignment} of the file position. */
    void pad(int alignment) throws IOException {
        long p = position();
        long target = GgufParser.alignUp(p, alignment);
        for (long i = p; i < target; i++) u8(0);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (n <= buf.remaining()) {
            buf.put(src);
            return n;
        }
        flush();
        if (n <= buf.remaining()) {
            buf.put(src);
        } else {
            while (src.hasRemaining()) flushed += channel.write(src);
        }
        return n;
    }

    void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) flushed += channel.write(buf);
        buf.clear();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** The file is closed by its owner, not by tensor sources. */
    @Override
    public void close() {}
}
