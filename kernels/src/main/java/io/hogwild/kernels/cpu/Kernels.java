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
     * Columns per matmul chunk, for every batch: each chunk's sum is its own chain and the chunks' sums are
     * added in order, so this is part of the arithmetic. For long batches (prompt prefill) a tile's chunk
     * of weights (at most 32 rows x 256 columns, 32 KiB as F32) stays in L1 while every 8-row block of the
     * batch passes over it.
     */
    int CHUNK = 256;

    /**
     * y[r * yStride + o] = Σ_k w[o][k] · x[r * xStride + k] for o in [from, to) and r &lt; n, where
     * {@code from} is a multiple of {@link CpuWeights#PANEL} and {@code to} one too or the last row. Every
     * output is, per chunk of {@link #CHUNK} columns, one fused multiply-add chain over k in the order
     * {@link #columnOrder} gives (Q4_0: chains per block over {@link #foldNibbles folded} activations, which
     * x then holds), and the chunk sums are added in order, so all implementations and all batch sizes give
     * the same bits. {@code scratch} is the caller's own.
     */
    void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] y, int yStride,
                Scratch scratch);

    /**
     * Rows per weight panel ({@link CpuWeights}) these kernels want: a divisor of {@link CpuWeights#PANEL}
     * that is a whole widest tile, so that a tile streams one contiguous panel.
     */
    default int panelRows() {
        return CpuWeights.PANEL;
    }

    /**
     * The i-th column a matmul chain visits: k itself, or for Q4_K within each block of 32 the columns 0, 16,
     * 1, 17, ... (one byte holds both). Q4_0 has its own chains (see {@link #foldNibbles}).
     */
    static int columnOrder(CpuWeights w, int i) {
        if (w.family != CpuWeights.NIBBLE) return i;
        int j = i & 31;
        return (i & ~31) + (j >> 1) + ((j & 1) << 4);
    }

    /** Floats per activation row that {@link #foldNibbles} makes of {@code cols} columns. */
    static int foldedCols(int cols) {
        return cols / 32 * 33;
    }

    /**
     * The activations a Q4_0 matmul takes instead of x (its {@code x} and {@code xStride} are those of the
     * folded rows): per block of 32 columns, x[kk] and y[kk] = x[kk + 16] - 16 x[kk] for kk &lt; 16, then
     * c = -8 Σ x[kk] (kk &lt; 16, summed in order). With the weight byte stored as s = 16 h + l (l the low
     * nibble, h = high nibble - 8, see {@link CpuWeights}) a block's sum Σ d (l - 8) x[kk] + d h x[kk + 16]
     * is d (Σ s x[kk] + h y[kk] + c): per weight byte two conversions and two multiply-adds, no masking and
     * no scale per element. Its chain: p from zero, p = fma(s, x[kk], p), p = fma(h, y[kk], p) for kk
     * ascending, then the chunk's sum = fma(d, p + c, sum) block by block. Done once per matmul, shared by
     * all threads.
     */
    static void foldNibbles(float[] x, int xo, int cols, float[] dst, int o) {
        for (int b = 0; b < cols / 32; b++, xo += 32, o += 33) {
            float c = 0;
            for (int kk = 0; kk < 16; kk++) {
                float v = x[xo + kk];
                dst[o + kk] = v;
                dst[o + 16 + kk] = x[xo + 16 + kk] - 16f * v;
                c += v;
            }
            dst[o + 32] = -8f * c;
        }
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
     * dst[h·hd ..] = head h of src[so + h·hd ..] rotated by {@code position} and multiplied by {@code scale},
     * for h &lt; heads: bit for bit what copying and {@link RopeTables#rotate} give. ex: 2 × rotaryDim floats
     * of scratch.
     */
    void rotateHeads(float[] src, int so, float[] dst, int heads, int hd, io.hogwild.kernels.Rope rope,
                     RopeTables.Entry e, int position, float scale, float[] ex);

    /**
     * Keys per attention chunk: {@link #attendChunk} takes at most this many (a multiple of {@link #lanes},
     * so that a chunk's scores fill whole vectors).
     */
    int attnChunk();

    /**
     * One online-softmax step of the {@code heads} query heads that share one KV head, over {@code n}
     * (1 ≤ n ≤ {@link #attnChunk}) keys and values of one page, keys stored transposed: dimension d of key j
     * at {@code k[ko + d·ks + j]}, value j at {@code v[vo + j·hd ..]}.
     * <ul>
     *   <li>q: the heads' queries, head h at {@code q[h·hd ..]}, already rotated and scaled;</li>
     *   <li>scores s_hj = Σ_d q_hd k_dj, each as one fused multiply-add chain from zero over d ascending,
     *       kept in {@code s[h·attnChunk() + j]} (scratch, then the softmax weights);</li>
     *   <li>stats[h] is head h's running max and stats[heads + h] its running sum of exp(s - max); when
     *       the max grows, acc and the sum are rescaled by exp(old - new) first;</li>
     *   <li>acc[h·hd + i] gains Σ_j exp(s_hj - max) v_ji, as one fused multiply-add chain per element over j
     *       ascending, continuing from its old value.</li>
     * </ul>
     * Vector kernels may read keys of slots past n (up to the next multiple of {@link #lanes}, as
     * {@link io.hogwild.kernels.scalar.PagedKvStore#KEY_PAD} allows); those never count. Every sum goes in
     * an order fixed by the arguments alone, so a row's result does not depend on its batch, the thread
     * that computes it, or the JIT. tmp: 16+ floats of scratch.
     */
    void attendChunk(float[] q, int heads, int hd, float[] k, int ko, int ks, float[] v, int vo, int n, float[] s,
                     float[] acc, float[] stats, float[] tmp);

    /**
     * {@link #attendChunk} over keys and values stored as IEEE halves (an F16 KV cache): every half is
     * widened to float exactly (in registers, for the vector kernels) and the arithmetic is that of
     * {@link #attendChunk} on the widened values. Stored halves must be finite (the cache saturates on
     * write).
     */
    void attendChunkHalf(float[] q, int heads, int hd, short[] k, int ko, int ks, short[] v, int vo, int n, float[] s,
                         float[] acc, float[] stats, float[] tmp);

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
