package io.hogwild.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The encoded bytes of one tensor, read in pieces so tensors and files larger than 2 GB need no single
 * buffer. Model files implement it over memory-mapped windows; tests over a heap buffer.
 */
public interface TensorBytes {
    long size();

    /** A little-endian buffer of {@code length} bytes starting at {@code offset} within the tensor. */
    ByteBuffer slice(long offset, int length);

    static TensorBytes of(ByteBuffer buffer) {
        ByteBuffer whole = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new TensorBytes() {
            @Override
            public long size() {
                return whole.remaining();
            }

            @Override
            public ByteBuffer slice(long offset, int length) {
                if (offset < 0 || offset + length > whole.remaining()) {
                    throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + whole.remaining());
                }
                ByteBuffer b = whole.duplicate();
                b.position(whole.position() + (int) offset).limit(whole.position() + (int) offset + length);
                return b.slice().order(ByteOrder.LITTLE_ENDIAN);
            }
        };
    }
}
