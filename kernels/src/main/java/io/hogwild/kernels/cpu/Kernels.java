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
     * y[r * yStride + o] = Σ_i w[o][i] · x[r * xStride + i] for o in [from, to) and r &lt; n.
     * {@code xsum} holds, where {@link #wantsBlockSums} asked for them, the sums of every 32 consecutive
     * values of each activation row as {@link #blockSums} writes them ({@code cols / 8} floats per row).
     * {@code scratch} is the calling participant's own scratch.
     */
    void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] xsum, float[] y, int yStride,
                Scratch scratch);

    /** out[outOff + 4 b + k] = Σ of x[xOff + 32 b .. + 32) for b &lt; blocks and k &lt; 4 (each sum four times). */
    void blockSums(float[] x, int xOff, int blocks, float[] out, int outOff);

    /** Whether {@link #matmul} over weights of this type needs the activation block sums. */
    boolean wantsBlockSums(io.hogwild.kernels.ggml.GgmlType type);

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
