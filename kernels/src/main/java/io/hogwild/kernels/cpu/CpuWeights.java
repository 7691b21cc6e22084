package io.hogwild.kernels.cpu;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weights repacked at load time into plain heap arrays that the kernels read with typed-array vector
 * loads. Per type (values per row stay in file order; "block" = the GGML block):
 * <ul>
 *   <li>F32: {@code f32} = the values.</li>
 *   <li>F16, BF16: {@code half} = the raw 16-bit codes, widened in registers.</li>
 *   <li>Q8_0: {@code q} = int8 quants (32 per block), {@code d} = float scale per block.</li>
 *   <li>Q4_0: {@code q} = the 16 packed nibble bytes per block as in the file (low nibbles are values
 *       0..15, high nibbles 16..31), {@code d} = float scale per block.</li>
 *   <li>Q4_K: {@code q} = the 128 nibble bytes per block as in the file; {@code sm} = 16 bytes per block,
 *       the eight 6-bit sub-block scales then the eight 6-bit mins, unpacked; {@code d} = two floats per
 *       block (d, dmin). A sub-block's factors {@code d*sc} and {@code dmin*m} are formed in the kernel
 *       with the same float products as the reference, so nothing is rounded differently, and the weights
 *       cost 152 bytes per 256 values (the file's 144 plus 8), not the 192 of per-32 float factors.</li>
 *   <li>Q6_K: {@code q} = per block the 128 low-nibble bytes then the 64 high-bit bytes, as in the file;
 *       {@code sm} = the 16 int8 sub-block scales; {@code d} = float d per block: 212 bytes per 256
 *       values (the file's 210 plus 2). Int8 values plus per-16 float scales would cost 320.</li>
 * </ul>
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
    byte[] sm;
    float[] d;
    /** Nanoseconds spent reading and repacking. */
    long repackNanos;
    /** Row 0 as floats, for vectors (norm weights, biases) whatever their type. */
    volatile float[] dense;

    CpuWeights(GgmlType type, int rows, int cols) {
        this.type = type;
        this.rows = rows;
        this.cols = cols;
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
        if (sm != null) b += sm.length;
        if (d != null) b += 4L * d.length;
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
        if ((long) rows * cols > MAX_ARRAY) {
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
        int blocks = n / type.blockSize;
        switch (type) {
            case F32: w.f32 = new float[n]; break;
            case F16: case BF16: w.half = new short[n]; break;
            case Q8_0: w.q = new byte[n]; w.d = new float[blocks]; break;
            case Q4_0: w.q = new byte[n / 2]; w.d = new float[blocks]; break;
            case Q4_K: w.q = new byte[n / 2]; w.sm = new byte[blocks * 16]; w.d = new float[blocks * 2]; break;
            case Q6_K: w.q = new byte[blocks * 192]; w.sm = new byte[blocks * 16]; w.d = new float[blocks]; break;
            default: throw new AssertionError(type);
        }
        int blocksPerRow = cols / type.blockSize;
        byte[] scales = new byte[12];
        for (int r = 0; r < rows; r++) {
            ByteBuffer b = raw.slice((long) r * rowBytes, rowBytes).order(ByteOrder.LITTLE_ENDIAN);
            int base = r * cols;
            int blk = r * blocksPerRow;
            switch (type) {
                case F32:
                    b.asFloatBuffer().get(w.f32, base, cols);
                    break;
                case F16: case BF16:
                    b.asShortBuffer().get(w.half, base, cols);
                    break;
                case Q8_0:
                    for (int i = 0; i < blocksPerRow; i++) {
                        w.d[blk + i] = Float16.toFloat(b.getShort());
                        b.get(w.q, base + i * 32, 32);
                    }
                    break;
                case Q4_0:
                    for (int i = 0; i < blocksPerRow; i++) {
                        w.d[blk + i] = Float16.toFloat(b.getShort());
                        b.get(w.q, base / 2 + i * 16, 16);
                    }
                    break;
                case Q4_K:
                    for (int i = 0; i < blocksPerRow; i++) {
                        int k = blk + i;
                        w.d[2 * k] = Float16.toFloat(b.getShort());
                        w.d[2 * k + 1] = Float16.toFloat(b.getShort());
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
                            w.sm[16 * k + j] = (byte) sc;
                            w.sm[16 * k + 8 + j] = (byte) m;
                        }
                        b.get(w.q, k * 128, 128);
                    }
                    break;
                case Q6_K:
                    for (int i = 0; i < blocksPerRow; i++) {
                        int k = blk + i;
                        b.get(w.q, k * 192, 192); // ql[128] then qh[64]
                        b.get(w.sm, k * 16, 16);
                        w.d[k] = Float16.toFloat(b.getShort());
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
