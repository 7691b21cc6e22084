package io.hogwild.engine.gguf;

import io.hogwild.kernels.TensorBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bytes of one tensor over memory-mapped chunks of the file. A single mapping is limited to 2 GB, so a
 * tensor region is mapped lazily in chunks of at most the window size, counted from the tensor's start.
 * The chunk size is a multiple of 64 rows (or of one row when 64 do not fit), so a slice of whole rows
 * starting on a row boundary - the way kernels read weights - always lies inside one chunk and costs a
 * division and a {@code ByteBuffer.slice}. Anything else that straddles two chunks is copied.
 * Thread-safe: chunks are published through an atomic array and never mutated.
 */
final class MappedTensorBytes implements TensorBytes {
    /** Maps {@code size} bytes of the file at absolute {@code position}. */
    interface Mapper {
        ByteBuffer map(long position, long size);
    }

    private static final int ROW_GROUP = 64;

    private final String name;
    private final long start;
    private final long size;
    private final long chunk;
    private final Mapper mapper;
    private final AtomicReferenceArray<ByteBuffer> chunks;

    MappedTensorBytes(String name, long start, long size, long rowBytes, long window, Mapper mapper) {
        this.name = name;
        this.start = start;
        this.size = size;
        this.chunk = chunkSize(rowBytes, window);
        this.mapper = mapper;
        long n = (size + chunk - 1) / chunk;
        if (n > GgufInput.MAX_ARRAY) {
            throw new GgufException("tensor '" + name + "' needs " + n + " mapped windows of " + chunk + " bytes");
        }
        this.chunks = new AtomicReferenceArray<>((int) n);
    }

    static long chunkSize(long rowBytes, long window) {
        if (window <= 0 || window > Integer.MAX_VALUE) throw new IllegalArgumentException("window " + window);
        if (rowBytes <= 0 || rowBytes > window) return window;
        long granule = rowBytes <= window / ROW_GROUP ? rowBytes * ROW_GROUP : rowBytes;
        return window - window % granule;
    }

    long chunkBytes() {
        return chunk;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer slice(long offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of tensor '" + name + "' ("
                    + size + " bytes)");
        }
        if (length == 0) return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        int c = (int) (offset / chunk);
        int within = (int) (offset - c * chunk);
        ByteBuffer b = chunk(c);
        if (within + length <= b.capacity()) {
            return b.slice(within, length).order(ByteOrder.LITTLE_ENDIAN);
        }
        return copy(offset, length);
    }

    /** A slice that straddles chunks, assembled on the heap. */
    private ByteBuffer copy(long offset, int length) {
        ByteBuffer out = ByteBuffer.allocate(length);
        long at = offset;
        while (out.hasRemaining()) {
            int c = (int) (at / chunk);
            int within = (int) (at - c * chunk);
            ByteBuffer b = chunk(c);
            int n = Math.min(out.remaining(), b.capacity() - within);
            out.put(out.position(), b, within, n);
            out.position(out.position() + n);
            at += n;
        }
        return out.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer chunk(int c) {
        ByteBuffer b = chunks.get(c);
        if (b == null) {
            long from = c * chunk;
            b = mapper.map(start + from, Math.min(chunk, size - from));
            // A racing thread may have mapped it too; keep one so every slice shares a mapping.
            if (!chunks.compareAndSet(c, null, b)) b = chunks.get(c);
        }
        return b;
    }
}
