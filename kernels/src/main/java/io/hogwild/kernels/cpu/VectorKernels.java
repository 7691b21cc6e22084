package io.hogwild.kernels.cpu;

import io.hogwild.kernels.ggml.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels over heap arrays (typed-array loads only, which behave the same on JDK 17 to 25).
 * Works on the preferred float species when it holds 8 (AVX2) or 16 (AVX-512) lanes.
 *
 * <p>Matmul: the register tiles of {@link VectorMatmul} over the panel layout of {@link CpuWeights}.
 */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Byte> B = L == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
    static final VectorSpecies<Short> S = L == 16 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;
    /** Loop-carried vectors are cast to their exact class before use after the loop: see {@link VectorMatmul#EXACT}. */
    static final Class<FloatVector> EXACT = VectorMatmul.EXACT;
    static final boolean LEAN = VectorMatmul.LEAN;

    /** Whether the preferred vector shape is one these kernels are written for. */
    static boolean usable() {
        return (L == 8 || L == 16) && I.length() == L;
    }

    @Override
    public String name() {
        return "vector-" + (L * 32);
    }

    /**
     * Strips of 4 vectors: 64 rows with 16 lanes. With 8 lanes (AVX2) a 64-row panel made each strip read
     * every other pair of cache lines (F32 decode at 56% of the bandwidth bound); 32-row panels stream.
     */
    @Override
    public int panelRows() {
        return 4 * L;
    }

    /**
     * Σ t[o .. o + L) in a fixed order. Used instead of {@code reduceLanes(ADD)}, whose float order differs
     * between the interpreter and C2 on newer JDKs: results must not depend on the JIT's progress.
     */
    static float lanes(float[] t, int o) {
        float s = 0;
        for (int i = 0; i < L; i += 4) s += (t[o + i] + t[o + i + 1]) + (t[o + i + 2] + t[o + i + 3]);
        return s;
    }

    // No helper methods that take or return vectors: a call C2 does not inline boxes its vectors (on JDK
    // 17 and 25 alike), so every kernel below calls the Vector API directly.

    // ---------------------------------------------------------------------------------------------
    // matmul

    /**
     * Rows [from, to) in strips of up to 4 vectors of rows (one 64-row panel on AVX-512); per strip and column
     * chunk, tiles of 8 activation rows for long batches (each weight decoded once per 8 rows), then 4, 2
     * and 1, so that a chunk of the strip's weights is loaded from memory once for the whole batch.
     */
    @Override
    public void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] y, int yStride,
                       Scratch scratch) {
        int cols = w.cols;
        float[] tmp = scratch.tmp;
        int end = Math.min(to, w.paddedRows());
        // F32's 8-row tile measured 2.5x slower than two 4-row ones, even in cache; the others gain from it,
        // except Q8_0's with 8-lane vectors (AVX2: 16 registers, its 16 partial sums spill; 2.3x slower).
        // JDK 17 (LEAN) measured the nibble kernels fastest with batches in 2-vector by 4-row tiles (its 8-row
        // tiles ran a third slower, its 4 x 4 a quarter).
        boolean leanNibble = VectorMatmul.LEAN && (w.family == CpuWeights.NIBBLE || w.family == CpuWeights.NIBBLE_HALF);
        boolean eights = n >= 8 && w.family != CpuWeights.F32 && !leanNibble
                && !(L == 8 && w.family == CpuWeights.INT8_HALF);
        boolean fourVectors = !(leanNibble && n >= 4); // strips of 4 vectors allowed
        for (int r0 = from; r0 < end; ) {
            int left = end - r0;
            int v = left >= 4 * L && fourVectors ? 4 : left >= 2 * L ? 2 : 1; // vectors in this strip
            for (int c0 = 0; c0 < cols; c0 += Kernels.CHUNK) {
                int c1 = Math.min(cols, c0 + Kernels.CHUNK);
                boolean acc = c0 > 0;
                int a = 0;
                if (eights) {
                    for (; a + 8 <= n; a += 8) tiles(w, v, 8, r0, c0, c1, acc, x, a * xStride, xStride, y, a * yStride, yStride, tmp);
                }
                for (; a + 4 <= n; a += 4) tiles(w, v, 4, r0, c0, c1, acc, x, a * xStride, xStride, y, a * yStride, yStride, tmp);
                if (a + 2 <= n) {
                    tiles(w, v, 2, r0, c0, c1, acc, x, a * xStride, xStride, y, a * yStride, yStride, tmp);
                    a += 2;
                }
                if (a < n) tiles(w, v, 1, r0, c0, c1, acc, x, a * xStride, xStride, y, a * yStride, yStride, tmp);
            }
            r0 += v * L;
        }
    }

    /**
     * The v vectors of rows of a strip against r activation rows, in tiles of as many vectors as keep the
     * tile in registers: 2 at 8 rows, and for Q4_0 also at 4 (its decoded halves and scales take more
     * registers than Q8_0's; its 4 x 4 tile measured 1.5x slower).
     */
    private static void tiles(CpuWeights w, int v, int r, int r0, int c0, int c1, boolean acc, float[] x, int x0,
                              int xs, float[] y, int y0, int ys, float[] tmp) {
        int h = Math.min(v, r == 8 || r == 4 && w.family == CpuWeights.NIBBLE_HALF ? 2 : 4);
        for (int j = 0; j < v; j += h) VectorMatmul.tile(w, h, r, r0 + j * L, c0, c1, acc, x, x0, xs, y, y0, ys, tmp);
    }

    @Override
    public void dequantizeRow(CpuWeights w, int row, float[] dst, int off) {
        JavaKernels.dequantize(w, row, dst, off); // one row per token (embeddings): not worth a vector path
    }

    @Override
    public float sumSquares(float[] a, int off, int len, float[] tmp) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= len; i += 2 * L) {
            FloatVector v0 = FloatVector.fromArray(F, a, off + i);
            FloatVector v1 = FloatVector.fromArray(F, a, off + i + L);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
        }
        for (; i + L <= len; i += L) {
            FloatVector v = FloatVector.fromArray(F, a, off + i);
            s0 = v.fma(v, s0);
        }
        (LEAN ? EXACT.cast(s0) : s0).add(s1).intoArray(tmp, 0);
        float s = lanes(tmp, 0);
        for (; i < len; i++) s += a[off + i] * a[off + i];
        return s;
    }

    @Override
    public void scaleMul(float[] x, int xo, float s, float[] w, float[] y, int yo, int len) {
        FloatVector sv = FloatVector.broadcast(F, s);
        int i = 0;
        for (; i + L <= len; i += L) FloatVector.fromArray(F, x, xo + i).mul(sv).mul(FloatVector.fromArray(F, w, i)).intoArray(y, yo + i);
        for (; i < len; i++) y[yo + i] = x[xo + i] * s * w[i];
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, int len) {
        int i = 0;
        for (; i + L <= len; i += L) FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(a, ao + i);
        for (; i < len; i++) a[ao + i] += b[bo + i];
    }

    @Override
    public void siluMul(float[] g, int go, float[] u, int uo, int len) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector v = FloatVector.fromArray(F, g, go + i);
            FloatVector x = v.neg().max(-87f).min(88f);
            FloatVector t = x.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, MAGIC));
            FloatVector n = t.sub(MAGIC);
            IntVector ni = ((IntVector) t.reinterpretShape(I, 0)).sub(MAGIC_BITS);
            FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), x);
            r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector p = FloatVector.broadcast(F, 1.9875691500E-4f);
            p = p.fma(r, FloatVector.broadcast(F, 1.3981999507E-3f));
            p = p.fma(r, FloatVector.broadcast(F, 8.3334519073E-3f));
            p = p.fma(r, FloatVector.broadcast(F, 4.1665795894E-2f));
            p = p.fma(r, FloatVector.broadcast(F, 1.6666665459E-1f));
            p = p.fma(r, FloatVector.broadcast(F, 5.0000001201E-1f));
            FloatVector y = p.fma(r.mul(r), r.add(1f));
            FloatVector e = (FloatVector) ((IntVector) y.reinterpretShape(I, 0))
                    .add(ni.lanewise(VectorOperators.LSHL, 23)).reinterpretShape(F, 0);
            v.div(e.add(one)).mul(FloatVector.fromArray(F, u, uo + i)).intoArray(g, go + i);
        }
        for (; i < len; i++) {
            float v = g[go + i];
            g[go + i] = v / (1f + (float) Math.exp(-v)) * u[uo + i];
        }
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;


    // ---------------------------------------------------------------------------------------------
    // attention: the tiles of VectorAttention

    @Override
    public void rotateHeads(float[] src, int so, float[] dst, int heads, int hd, io.hogwild.kernels.Rope rope,
                            RopeTables.Entry e, int position, float scale, float[] ex) {
        VectorAttention.rotate(src, so, dst, heads, hd, rope, e, position, scale, ex);
    }

    @Override
    public int attnChunk() {
        return VectorAttention.CHUNK;
    }

    @Override
    public void attendChunk(float[] q, int heads, int hd, float[] k, int ko, int ks, float[] v, int vo, int n,
                            float[] s, float[] acc, float[] stats, float[] tmp) {
        VectorAttention.chunk(q, heads, hd, k, ko, ks, v, vo, n, s, acc, stats, tmp);
    }

    @Override
    public void attendChunkHalf(float[] q, int heads, int hd, short[] k, int ko, int ks, short[] v, int vo, int n,
                                float[] s, float[] acc, float[] stats, float[] tmp) {
        VectorAttention.chunkHalf(q, heads, hd, k, ko, ks, v, vo, n, s, acc, stats, tmp);
    }

    // ---------------------------------------------------------------------------------------------
    // machine probes

    @Override
    public float streamSum(float[] a, int from, int to) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        int i = from;
        for (; i + 4 * L <= to; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(F, a, i));
            s1 = s1.add(FloatVector.fromArray(F, a, i + L));
            s2 = s2.add(FloatVector.fromArray(F, a, i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(F, a, i + 3 * L));
        }
        float s = (LEAN ? EXACT.cast(s0) : s0).add(s1).add((LEAN ? EXACT.cast(s2) : s2).add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) s += a[i];
        return s;
    }

    @Override
    public float fmaSpin(long iterations) {
        FloatVector b = FloatVector.broadcast(F, 0.999f);
        FloatVector c = FloatVector.broadcast(F, 0.001f);
        FloatVector a0 = FloatVector.broadcast(F, 1), a1 = FloatVector.broadcast(F, 2), a2 = FloatVector.broadcast(F, 3), a3 = FloatVector.broadcast(F, 4), a4 = FloatVector.broadcast(F, 5), a5 = FloatVector.broadcast(F, 6);
        FloatVector a6 = FloatVector.broadcast(F, 7), a7 = FloatVector.broadcast(F, 8), a8 = FloatVector.broadcast(F, 9), a9 = FloatVector.broadcast(F, 10), a10 = FloatVector.broadcast(F, 11), a11 = FloatVector.broadcast(F, 12);
        for (long k = 0; k < iterations; k++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
        }
        return (LEAN ? EXACT.cast(a0) : a0).add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public int lanes() {
        return L;
    }
}
