package io.hogwild.engine.gguf;

import io.hogwild.kernels.ggml.GgmlType;
import java.util.Arrays;

/**
 * One tensor of a GGUF file, as described by its tensor info.
 *
 * @param name   tensor name, unique within the file
 * @param type   element encoding
 * @param dims   shape in GGUF order: {@code dims[0]} is the innermost dimension (the columns of a row)
 * @param offset absolute file offset of the first byte of its data
 * @param bytes  size of its data
 */
public record GgufTensor(String name, GgmlType type, long[] dims, long offset, long bytes) {
    public GgufTensor {
        dims = dims.clone();
    }

    /** A copy, so the record stays immutable. */
    @Override
    public long[] dims() {
        return dims.clone();
    }

    public int nDims() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long elements() {
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    /** Number of rows: the product of every dimension but the innermost. */
    public int rows() {
        long n = 1;
        for (int i = 1; i < dims.length; i++) n = Math.multiplyExact(n, dims[i]);
        if (n > Integer.MAX_VALUE) {
            throw new GgufException("tensor '" + name + "' has " + n + " rows, more than an int can count");
        }
        return (int) n;
    }

    /** Number of values in one row: the innermost dimension. */
    public int cols() {
        if (dims[0] > Integer.MAX_VALUE) {
            throw new GgufException("tensor '" + name + "' has rows of " + dims[0]
                    + " values, more than an int can count");
        }
        return (int) dims[0];
    }

    /** Bytes of one row ({@code dims[0]} values). */
    public long rowBytes() {
        return type.bytesFor(dims[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensor t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims)
                && offset == t.offset && bytes == t.bytes;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims) + " (" + bytes + " bytes at " + offset + ")";
    }
}
