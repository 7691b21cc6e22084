package io.hogwild.kernels.cpu;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weights repacked at load time into heap arrays in <em>panels</em> of P = {@link #panel} rows (the
 * kernels' {@link Kernels#panelRows}: 64 with 16-lane vectors, 32 with 8; fewer for matrices of fewer rows;
 * the last panel padded with zero rows) stored column by column: element (r, k) of a panel sits next to
 * (r + 1, k), so one vector load gives a vector of rows of one column, and a tile of a whole panel reads one
 * sequential stream. The matmul kernels ({@code VectorMatmul}) turn that into outer-product tiles with
 * whole-vector results: every weight is decoded once per tile of activation rows and no horizontal sums are
 * needed. Element (r, k) is at {@code (r / P) * P * cols + k * P + r % P}
 * for the one-value-per-element arrays; per type:
 * <ul>
 *   <li>F32: {@code f32}; F16 and BF16: {@code half}, the raw 16-bit codes (widened in registers).</li>
 *   <li>Q8_0: {@code q} = the int8 quants, {@code dh} = per panel and block of 32 columns the rows' scales,
 *       the file's half-precision bits (widened in registers): 34 bytes per 32 values, as in the file.</li>
 *   <li>Q6_K: unpacked to int8 {@code q - 32} like Q8_0, with {@code d} per block of 16 columns the float
 *       {@code d * sc}: 320 bytes per 256 values (file: 210). Decoding the packed 6-bit form costs about
 *       eight integer operations per 16 values, which kept Q6_K at a quarter of the memory bandwidth; as
 *       int8 it runs like Q8_0.</li>
 *   <li>Q4_0 and Q4_K (the nibble family): per panel and block of 32 columns, byte kk of a row holds column
 *       kk in its low and column kk + 16 in its high nibble, at
 *       {@code (r / P) * (P / 2) * cols + block * 16 * P + kk * P + r % P}. Q4_0: the file's bytes with
 *       the top bit flipped (as a signed byte, 16 (high - 8) + low: see {@code Kernels.foldNibbles}) and
 *       {@code dh} = the file's half-precision scales d: 18 bytes per 32, as in the file. Q4_K: a value is
 *       {@code fma(nibble, d, o)} with the floats {@code d} = d * sc and {@code m} = o = -dmin * m (products
 *       a half cannot hold): 24 bytes per 32 (file: 18).</li>
 * </ul>
 */
final class CpuWeights implements Weights {
    /** Longest Java array the VM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * Rows per panel at most, and the default panel: the widest tile of 16-lane vector kernels (4 vectors of
     * 16). Kernels with narrower vectors ask for smaller panels ({@link Kernels#panelRows}).
     */
    static final int PANEL = 64;
    /** Kernel families (see {@code VectorMatmul.tile}). */
    static final int F32 = 0, F16 = 1, BF16 = 2, INT8 = 3, NIBBLE = 4, INT8_HALF = 5, NIBBLE_HALF = 6;

    final GgmlType type;
    final int rows;
    final int cols;
    /** Kernel family of the type. */
    final int family;
    /** Columns per scale block of the INT8 family (32 for Q8_0, 16 for Q6_K). */
    final int blockCols;
    /** Rows per panel: the kernels' panel, or the rows rounded up to 16 for smaller matrices (vectors). */
    final int panel;
    float[] f32;
    short[] half;
    byte[] q;
    float[] d;
    float[] m;
    /** Q8_0 and Q4_0: the file's half-precision block scales (widened in registers). */
    short[] dh;
    /** Nanoseconds spent reading and repacking. */
    long repackNanos;
    /** Row 0 as floats, for vectors (norm weights, biases) whatever their type. */
    volatile float[] dense;

    CpuWeights(GgmlType type, int rows, int cols, int panelRows) {
        this.type = type;
        this.rows = rows;
        this.cols = cols;
        this.family = switch (type) {
            case F32 -> F32;
            case F16 -> F16;
            case BF16 -> BF16;
            case Q6_K -> INT8;
            case Q4_K -> NIBBLE;
            case Q8_0 -> INT8_HALF;
            case Q4_0 -> NIBBLE_HALF;
            default -> -1;
        };
        this.blockCols = type == GgmlType.Q6_K ? 16 : 32;
        this.panel = Math.min(panelRows, (rows + 15) & ~15);
    }

    /** Rows rounded up to whole panels. */
    int paddedRows() {
        return (rows + panel - 1) / panel * panel;
    }

    /** Index of element (r, k) in the one-value-per-element arrays ({@code f32}, {@code half}, INT8 {@code q}). */
    int at(int r, int k) {
        return (r / panel) * panel * cols + k * panel + r % panel;
    }

    /** Index of the scale of row r for scale block b (of {@link #blockCols}, or 32 for the nibble family). */
    int scaleAt(int r, int b) {
        return ((r / panel) * (cols / blockCols) + b) * panel + r % panel;
    }

    /** Index of the nibble byte holding columns k (low) and k + 16 (high) of row r, for k % 32 &lt; 16. */
    int nibbleAt(int r, int k) {
        return (r / panel) * (panel / 2) * cols + (k / 32) * 16 * panel + (k % 32) * panel + r % panel;
    }

    /** The 4-bit code of element (r, k) of a nibble-family matrix. */
    int nibble(int r, int k) {
        int b = q[nibbleAt(r, k % 32 < 16 ? k : k - 16)] ^ (family == NIBBLE_HALF ? 0x80 : 0);
        return k % 32 < 16 ? b & 0xF : (b >> 4) & 0xF;
    }

    /** Element (r, k) as the reference decodes it (the kernels' fma decode of Q4_K may differ in the last bit). */
    float value(int r, int k) {
        return switch (type) {
            case F32 -> f32[at(r, k)];
            case F16 -> Float16.toFloat(half[at(r, k)]);
            case BF16 -> Float.intBitsToFloat(half[at(r, k)] << 16);
            case Q8_0 -> q[at(r, k)] * Float16.toFloat(dh[scaleAt(r, k / 32)]);
            case Q6_K -> q[at(r, k)] * d[scaleAt(r, k / 16)];
            case Q4_0, Q4_K -> {
                int s = scaleAt(r, k / 32);
                int nib = nibble(r, k);
                yield type == GgmlType.Q4_0 ? Float16.toFloat(dh[s]) * (nib - 8) : d[s] * nib + m[s];
            }
            default -> throw new AssertionError(type);
        };
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
        if (dh != null) b += 2L * dh.length;
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
        CpuWeights w = new CpuWeights(GgmlType.F32, 1, values.length, PANEL);
        w.f32 = values.clone();
        return w;
    }

    /**
     * Reads and repacks a tensor; rows are repacked in parallel on {@code pool} (null: on the caller), which
     * the caller must hold for itself.
     */
    static CpuWeights load(GgmlType type, int rows, int cols, TensorBytes raw, CpuPool pool, int panelRows) {
        if (!type.computable()) throw new IllegalArgumentException("the CPU backend cannot compute with " + type + " tensors");
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("bad weight shape " + rows + " x " + cols);
        if (cols % type.blockSize != 0) {
            throw new IllegalArgumentException(type + " rows hold whole blocks of " + type.blockSize + " values; "
                    + cols + " columns is not a multiple");
        }
        if ((long) ((rows + PANEL - 1) / PANEL * PANEL) * cols > MAX_ARRAY) {
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
        CpuWeights w = new CpuWeights(type, rows, cols, panelRows);
        int padded = w.paddedRows() * cols;
        switch (type) {
            case F32: w.f32 = new float[padded]; break;
            case F16: case BF16: w.half = new short[padded]; break;
            case Q8_0: w.q = new byte[padded]; w.dh = new short[padded / 32]; break;
            case Q6_K: w.q = new byte[padded]; w.d = new float[padded / 16]; break;
            case Q4_0: w.q = new byte[padded / 2]; w.dh = new short[padded / 32]; break;
            case Q4_K: w.q = new byte[padded / 2]; w.d = new float[padded / 32]; w.m = new float[padded / 32]; break;
            default: throw new AssertionError(type);
        }
        if (pool == null || pool.threads() == 1 || rows < 256) {
            w.repack(raw, 0, rows);
        } else {
            pool.run((worker, from, to) -> w.repack(raw, from, to), rows, PANEL);
        }
        w.repackNanos = System.nanoTime() - t0;
        return w;
    }

    /** Repacks rows [from, to) from the file's layout. */
    private void repack(TensorBytes raw, int from, int to) {
        CpuWeights w = this;
        int rowBytes = (int) type.bytesFor(cols);
        int blocksPerRow = cols / type.blockSize;
        int p = w.panel;
        byte[] scales = new byte[16];
        byte[] packed = new byte[208];
        float[] rowFloats = type == GgmlType.F32 ? new float[cols] : null;
        short[] rowShorts = type == GgmlType.F16 || type == GgmlType.BF16 ? new short[cols] : null;
        byte[] rowBytesBuf = new byte[rowBytes];
        for (int r = from; r < to; r++) {
            ByteBuffer b = raw.slice((long) r * rowBytes, rowBytes).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case F32: {
                    b.asFloatBuffer().get(rowFloats, 0, cols);
                    for (int k = 0, at = w.at(r, 0); k < cols; k++, at += p) w.f32[at] = rowFloats[k];
                    break;
                }
                case F16: case BF16: {
                    b.asShortBuffer().get(rowShorts, 0, cols);
                    for (int k = 0, at = w.at(r, 0); k < cols; k++, at += p) w.half[at] = rowShorts[k];
                    break;
                }
                case Q8_0: {
                    b.get(rowBytesBuf, 0, rowBytes);
                    for (int i = 0, at = w.at(r, 0), s = w.scaleAt(r, 0); i < blocksPerRow; i++, s += p) {
                        int o = 34 * i;
                        w.dh[s] = (short) ((rowBytesBuf[o] & 0xFF) | rowBytesBuf[o + 1] << 8);
                        for (int l = 0; l < 32; l++, at += p) w.q[at] = rowBytesBuf[o + 2 + l];
                    }
                    break;
                }
                case Q4_0: {
                    b.get(rowBytesBuf, 0, rowBytes);
                    for (int i = 0, at = w.nibbleAt(r, 0), s = w.scaleAt(r, 0); i < blocksPerRow; i++, s += p) {
                        int o = 18 * i;
                        w.dh[s] = (short) ((rowBytesBuf[o] & 0xFF) | rowBytesBuf[o + 1] << 8);
                        // the file's pairing: byte l holds columns l and l + 16
                        // top bit flipped: see Kernels.foldNibbles
                        for (int l = 0; l < 16; l++) w.q[at + 16 * p * i + l * p] = (byte) (rowBytesBuf[o + 2 + l] ^ 0x80);
                    }
                    break;
                }
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
                            w.d[w.scaleAt(r, 8 * i + j)] = d * sc;
                            w.m[w.scaleAt(r, 8 * i + j)] = -(dmin * m);
                        }
                        // The file pairs sub-blocks 2j (low nibbles) and 2j + 1 (high) over 32 bytes; the panel
                        // layout pairs columns kk and kk + 16 of each 32-column block.
                        b.get(packed, 0, 128);
                        for (int j = 0; j < 4; j++) {
                            for (int half = 0; half < 2; half++) {
                                int c = 256 * i + 64 * j + 32 * half; // first column of this sub-block
                                for (int kk = 0; kk < 16; kk++) {
                                    int lo = (packed[32 * j + kk] >> (4 * half)) & 0xF;
                                    int hi = (packed[32 * j + 16 + kk] >> (4 * half)) & 0xF;
                                    w.q[w.nibbleAt(r, c + kk)] = (byte) (lo | hi << 4);
                                }
                            }
                        }
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
                                w.q[w.at(r, v)] = (byte) (((lowA & 0xF) | ((high & 3) << 4)) - 32);
                                w.q[w.at(r, v + 32)] = (byte) (((lowB & 0xF) | (((high >>> 2) & 3) << 4)) - 32);
                                w.q[w.at(r, v + 64)] = (byte) (((lowA >>> 4) | (((high >>> 4) & 3) << 4)) - 32);
                                w.q[w.at(r, v + 96)] = (byte) (((lowB >>> 4) | (((high >>> 6) & 3) << 4)) - 32);
                            }
                        }
                        for (int j = 0; j < 16; j++) w.d[w.scaleAt(r, 16 * i + j)] = d * packed[192 + j];
                    }
                    break;
                default:
                    throw new AssertionError(type);
            }
        }
    }
}
