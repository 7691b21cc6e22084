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

    /** Σ a[off + i]² as float. */
    float sumSquares(float[] a, int off, int len);

    /** y[yo + i] = x[xo + i] · s · w[i]. y may equal x at the same offset. */
    void scaleMul(float[] x, int xo, float s, float[] w, float[] y, int yo, int len);

    /** a[ao + i] += b[bo + i]. */
    void add(float[] a, int ao, float[] b, int bo, int len);

    /** g[go + i] = silu(g[go + i]) · u[uo + i]. */
    void siluMul(float[] g, int go, float[] u, int uo, int len);

    /** s[so + j] = Σ_i q[qo + i] · k[ko + j·hd + i] for j &lt; count. */
    void scores(float[] q, int qo, float[] k, int ko, int count, int hd, float[] s, int so);

    /** max of s[so .. so + count), count &gt; 0. */
    float max(float[] s, int so, int count);

    /** s[so + j] = exp(s[so + j] - shift); returns their sum. */
    float expShift(float[] s, int so, int count, float shift);

    /** a[ao + i] *= c. */
    void scale(float[] a, int ao, int len, float c);

    /** acc[ao + i] += Σ_j p[po + j] · v[vo + j·hd + i] for i &lt; hd. */
    void accumulate(float[] acc, int ao, float[] v, int vo, float[] p, int po, int count, int hd);

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
