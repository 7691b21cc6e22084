package io.hogwild.kernels.cpu;

/**
 * The inner loops of the CPU backend. Two implementations: {@code VectorKernels} (Java Vector API, used
 * when the {@code jdk.incubator.vector} module is in the boot layer and the preferred vector holds 8 or 16
 * floats) and {@link JavaKernels} (plain loops). Only {@link #create} names the vector class, by reflection,
 * so without the module no Vector API class is ever loaded.
 */
interface Kernels {

    String name();

    /**
     * y[r * yStride + o] = Σ_k w[o][k] · x[r * xStride + k] for o in [from, to) and r &lt; n, where
     * {@code from} is a multiple of {@link CpuWeights#PANEL} and {@code to} one too or the last row. Every
     * output is, per chunk of {@link #CHUNK} columns, one fused multiply-add chain over k in the order
     * {@link #columnOrder} gives, and the chunk sums are added in order, so all implementations and all
     * batch sizes give the same bits. {@code scratch} is the caller's own.
     */
    /**
     * Columns per matmul chunk, for every batch: each chunk's sum is its own chain and the chunks' sums are
     * added in order, so this is part of the arithmetic. For long batches (prompt prefill) a tile's chunk
     * of weights (at most 32 rows x 256 columns, 32 KiB as F32) stays in L1 while every 8-row block of the
     * batch passes over it.
     */
    int CHUNK = 256;

    void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] y, int yStride,
                Scratch scratch);

    /**
     * The i-th column a matmul chain visits: k itself, or for the nibble family (Q4_0, Q4_K) within each
     * block of 32 the columns 0, 16, 1, 17, ... (one byte holds both).
     */
    static int columnOrder(CpuWeights w, int i) {
        if (w.family != CpuWeights.NIBBLE && w.family != CpuWeights.NIBBLE_HALF) return i;
        int j = i & 31;
        return (i & ~31) + (j >> 1) + ((j & 1) << 4);
    }

    /** dst[off .. off + cols) = row {@code row} of w, dequantized exactly as the reference does. */
    void dequantizeRow(CpuWeights w, int row, float[] dst, int off);

    /** Σ a[off + i]² as float, in an order that does not depend on the JIT; tmp: 16+ floats of scratch. */
    float sumSquares(float[] a, int off, int len, float[] tmp);

    /** y[yo + i] = x[xo + i] · s · w[i]. y may equal x at the same offset. */
    void scaleMul(float[] x, int xo, float s, float[] w, float[] y, int yo, int len);

    /** a[ao + i] += b[bo + i]. */
    void add(float[] a, int ao, float[] b, int bo, int len);

    /** g[go + i] = silu(g[go + i]) · u[uo + i]. */
    void siluMul(float[] g, int go, float[] u, int uo, int len);

    /**
     * One online-softmax step of one query head over {@code cnt} keys and values at
     * {@code k/v[base + j·hd]}: scores s_j = q·k_j (q already rotated and scaled) go to {@code s[so ..]};
     * the running max {@code stats[mi]} and sum {@code stats[li]} are updated; {@code acc[ao .. ao + hd)} is
     * rescaled to the new max and gains Σ_j exp(s_j - max) v_j. One method per block so that the JIT
     * compiles it as a unit of its own. Sums go in an order that does not depend on the JIT (tmp: 64+
     * floats of scratch), so a row's result does not depend on when or in which batch it is computed.
     */
    void attendBlock(float[] q, int qo, float[] k, float[] v, int base, int cnt, int hd, float[] s, int so,
                     float[] acc, int ao, float[] stats, int mi, int li, float[] tmp);

    /**
     * {@link #attendBlock} over keys and values stored as IEEE halves (an F16 KV cache): each half is
     * widened to float exactly (in registers, for the vector kernels) and the arithmetic is that of
     * {@link #attendBlock} on the widened values. Stored halves must be finite (the cache saturates on
     * write); NaN and infinite halves are not widened faithfully by the vector kernels.
     */
    void attendBlockHalf(float[] q, int qo, short[] k, short[] v, int base, int cnt, int hd, float[] s, int so,
                         float[] acc, int ao, float[] stats, int mi, int li, float[] tmp);

    /** Σ a[from .. to), reading the range once as fast as possible (bandwidth probe). */
    float streamSum(float[] a, int from, int to);

    /**
     * Runs {@code iterations} rounds of {@link #FMA_CHAINS} independent fused multiply-adds on full vectors
     * (FLOP probe); returns a value that depends on all of them.
     */
    float fmaSpin(long iterations);

    /** Independent FMA chains per round of {@link #fmaSpin}. */
    int FMA_CHAINS = 12;

    /** Floats per vector register these kernels use (1 for scalar). */
    int lanes();

    /** Whether the Vector API module is in the boot layer. */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API kernels where usable, else the plain ones; {@code forcePlain} picks the plain ones. */
    static Kernels create(boolean forcePlain) {
        if (!forcePlain && vectorModulePresent()) {
            try {
                Class<?> c = Class.forName("io.hogwild.kernels.cpu.VectorKernels");
                Object usable = c.getDeclaredMethod("usable").invoke(null);
                if (Boolean.TRUE.equals(usable)) {
                    return (Kernels) c.getDeclaredConstructor().newInstance();
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to the plain kernels
            }
        }
        return new JavaKernels();
    }
}
