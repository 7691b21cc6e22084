package io.hogwild.kernels.cpu;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weights repacked at load time into plain heap arrays that the kernels read with typed-array vector
 * loads.
 *
 * <p>F32, F16 and BF16 stay row-major: {@code f32} = the values, {@code half} = the raw 16-bit codes,
 * widened in registers.
 *
 * <p>Quantized types are stored in <em>groups of four rows</em> (the last group padded with zero rows),
 * interleaved unit by unit: unit u of rows 4g..4g+3 lie next to each other, at unit index
 * {@code ((g * unitsPerRow + u) * 4 + row % 4)}. The matmul kernels work on four weight rows at a time,
 * and this way they read one sequential stream instead of four (measured: +30% single-thread read rate).
 * Per type:
 * <ul>
 *   <li>Q8_0: unit = block of 32; {@code q} = 32 int8 quants, {@code d} = float scale: 36 bytes per 32
 *       values (file: 34).</li>
 *   <li>Q4_0: unit = block of 32; {@code q} = the 16 nibble bytes as in the file (low nibbles are values
 *       0..15, high nibbles 16..31), {@code d} = float scale: 20 bytes per 32 (file: 18).</li>
 *   <li>Q4_K: {@code q} unit = 64 values = 32 nibble bytes as in the file (low nibbles: sub-block 2p,
 *       high: 2p+1); {@code d}/{@code m} unit = sub-block of 32: the floats {@code d * sc} and
 *       {@code dmin * m}, the very products the reference forms, so a value is {@code d * q - m} exactly:
 *       192 bytes per 256 (file: 144).</li>
 *   <li>Q6_K: unpacked to int8 {@code q - 32} in the Q8_0 layout (unit = 32 values), {@code d} = per 16
 *       values the float {@code d * sc} (two per unit): 320 bytes per 256 values (file: 210, so half as
 *       much again). Decoding the packed 6-bit form costs about eight integer operations per 16 values,
 *       which kept Q6_K at a quarter of the memory bandwidth; as int8 it runs like Q8_0.</li>
 * </ul>
 * Q4_K's float factors cost a third more memory but save the kernels a scalar load, conversion and
 * multiply per sub-block and row.
 */
final class CpuWeights implements Weights {
    /** Longest Java array the VM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    final GgmlType type;
    final int rows;
    final int cols;
    float[] f32;
    short[] half;
    byte[] q;
    float[] d;
    float[] m;
    /** Nanoseconds spent reading and repacking. */
    long repackNanos;
    /** Row 0 as floats, for vectors (norm weights, biases) whatever their type. */
    volatile float[] dense;

    CpuWeights(GgmlType type, int rows, int cols) {
        this.type = type;
        this.rows = rows;
        this.cols = cols;
    }

    /** Index of unit {@code u} of {@code row} in the four-row interleaved layout. */
    static int unit(int row, int u, int unitsPerRow) {
        return ((row >> 2) * unitsPerRow + u) * 4 + (row & 3);
    }

    private static void putQ6(CpuWeights w, int row, int cols, int v, int q) {
        w.q[unit(row, v / 32, cols / 32) * 32 + (v & 31)] = (byte) q;
    }

    /** Row groups of four (the last one padded). */
    int groups() {
        return (rows + 3) >> 2;
    }

    @Override public GgmlType type() { return type; }
    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }

    @Override
    public long bytes() {
        long b = 0;
        if (f32 != null) b += 4L * f32.length;
        if (half != null) b += 2L * half.length;
        if (q != null) b += q.length;
        if (d != null) b += 4L * d.length;
        if (m != null) b += 4L * m.length;
        return b;
    }

    /** Nanoseconds the load spent reading the source and repacking. */
    long repackNanos() {
        return repackNanos;
    }

    /** Row 0 as floats (decoded once for non-F32 vectors). */
    float[] dense(Kernels kernels) {
        float[] v = dense;
        if (v == null) {
            if (f32 != null) {
                v = f32;
            } else {
                v = new float[cols];
                kernels.dequantizeRow(this, 0, v, 0);
            }
            dense = v;
        }
        return v;
    }

    static CpuWeights vector(float[] values) {
        CpuWeights w = new CpuWeights(GgmlType.F32, 1, values.length);
        w.f32 = values.clone();
        return w;
    }

    static CpuWeights load(GgmlType type, int rows, int cols, TensorBytes raw) {
        if (!type.computable()) throw new IllegalArgumentException("the CPU backend cannot compute with " + type + " tensors");
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("bad weight shape " + rows + " x " + cols);
        if (cols % type.blockSize != 0) {
            throw new IllegalArgumentException(type + " rows hold whole blocks of " + type.blockSize + " values; "
                    + cols + " columns is not a multiple");
        }
        if ((long) ((rows + 3) & ~3) * cols > MAX_ARRAY) {
            throw new IllegalArgumentException("weight matrix of " + rows + " x " + cols + " = " + ((long) rows * cols)
                    + " values is larger than one Java array (" + MAX_ARRAY + "); split the tensor");
        }
        long rowBytesL = type.bytesFor(cols);
        if (rowBytesL > Integer.MAX_VALUE) throw new IllegalArgumentException("row too large: " + rowBytesL + " bytes");
        int rowBytes = (int) rowBytesL;
        if (raw.size() < rowBytesL * rows) {
            throw new IllegalArgumentException("tensor holds " + raw.size() + " bytes; " + type + " " + rows + " x " + cols
                    + " needs " + rowBytesL * rows);
        }
        long t0 = System.nanoTime();
        CpuWeights w = new CpuWeights(type, rows, cols);
        int n = rows * cols;
        int padded = ((rows + 3) & ~3) * cols; // quantized types: whole groups of four rows
        switch (type) {
            case F32: w.f32 = new float[n]; break;
            case F16: case BF16: w.half = new short[n]; break;
            case Q8_0: w.q = new byte[padded]; w.d = new float[padded / 32]; break;
            case Q4_0: w.q = new byte[padded / 2]; w.d = new float[padded / 32]; break;
            case Q4_K: w.q = new byte[padded / 2]; w.d = new float[padded / 32]; w.m = new float[padded / 32]; break;
            case Q6_K: w.q = new byte[padded]; w.d = new float[padded / 16]; break;
            default: throw new AssertionError(type);
        }
        int blocksPerRow = cols / type.blockSize;
        byte[] scales = new byte[16];
        byte[] packed = new byte[208];
        for (int r = 0; r < rows; r++) {
            ByteBuffer b = raw.slice((long) r * rowBytes, rowBytes).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case F32:
                    b.asFloatBuffer().get(w.f32, r * cols, cols);
                    break;
                case F16: case BF16:
                    b.asShortBuffer().get(w.half, r * cols, cols);
                    break;
                case Q8_0:
                    for (int i = 0; i < blocksPerRow; i++) {
                        int u = unit(r, i, blocksPerRow);
                        w.d[u] = Float16.toFloat(b.getShort());
                        b.get(w.q, u * 32, 32);
                    }
                    break;
                case Q4_0:
                    for (int i = 0; i < blocksPerRow; i++) {
                        int u = unit(r, i, blocksPerRow);
                        w.d[u] = Float16.toFloat(b.getShort());
                        b.get(w.q, u * 16, 16);
                    }
                    break;
                case Q4_K:
                    for (int i = 0; i < blocksPerRow; i++) {
                        float d = Float16.toFloat(b.getShort());
                        float dmin = Float16.toFloat(b.getShort());
                        b.get(scales, 0, 12);
                        for (int j = 0; j < 8; j++) {
                            int sc;
                            int m;
                            if (j < 4) {
                                sc = scales[j] & 63;
                                m = scales[j + 4] & 63;
                            } else {
                                sc = (scales[j + 4] & 0xF) | (((scales[j - 4] & 0xFF) >>> 6) << 4);
                                m = ((scales[j + 4] & 0xFF) >>> 4) | (((scales[j] & 0xFF) >>> 6) << 4);
                            }
                            int u = unit(r, 8 * i + j, cols / 32);
                            w.d[u] = d * sc;
                            w.m[u] = dmin * m;
                        }
                        for (int p = 0; p < 4; p++) b.get(w.q, unit(r, 4 * i + p, cols / 64) * 32, 32);
                    }
                    break;
                case Q6_K:
                    for (int i = 0; i < blocksPerRow; i++) {
                        b.get(packed, 0, 208); // ql[128], qh[64], scales[16]
                        float d = Float16.toFloat(b.getShort());
                        for (int h = 0; h < 2; h++) {
                            for (int l = 0; l < 32; l++) {
                                int lowA = packed[64 * h + l] & 0xFF;
                                int lowB = packed[64 * h + 32 + l] & 0xFF;
                                int high = packed[128 + 32 * h + l] & 0xFF;
                                int v = 256 * i + 128 * h + l; // value index within the row
                                putQ6(w, r, cols, v, ((lowA & 0xF) | ((high & 3) << 4)) - 32);
                                putQ6(w, r, cols, v + 32, ((lowB & 0xF) | (((high >>> 2) & 3) << 4)) - 32);
                                putQ6(w, r, cols, v + 64, ((lowA >>> 4) | (((high >>> 4) & 3) << 4)) - 32);
                                putQ6(w, r, cols, v + 96, ((lowB >>> 4) | (((high >>> 6) & 3) << 4)) - 32);
                            }
                        }
                        for (int j = 0; j < 16; j++) {
                            int v = 256 * i + 16 * j;
                            w.d[unit(r, v / 32, cols / 32) * 2 + (j & 1)] = d * packed[192 + j];
                        }
                    }
                    break;
                default:
                    throw new AssertionError(type);
            }
        }
        w.repackNanos = System.nanoTime() - t0;
        return w;
    }
}
