package io.hogwild.kernels.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled matmul kernels. A call computes the four weight rows of group g (see the interleaved
 * layout of {@link CpuWeights}; outputs of padding rows are not written) against R = 1, 2 or 4
 * activation rows, over columns [c0, c1) (multiples of 256 but for c1 = cols), storing or, with
 * {@code acc}, adding the partial dot products: every weight vector is decoded once per R rows and every
 * activation vector is loaded once per four weight rows. Quantized blocks are widened to float in
 * registers.
 *
 * <p>Every row of a tile sees exactly the same arithmetic whatever R is (scale, then multiply-add into its
 * own accumulator, block after block; partial sums per column chunk in chunk order), so a row's result
 * is bit for bit the same whether it is computed alone or in any batch.
 *
 * <p>Offsets that do not depend on the weights (Q4_0's -8, Q4_K's mins) stay out of the inner loop: they
 * are subtracted at the end as the dot product of the group's block factors with the activation block
 * sums {@code xsum} (each 32-value sum stored four times, once per row of a group, so that the factors
 * of four rows multiply lane by lane).
 *
 * <p>Written out flat on purpose (the bodies are generated from templates): only Vector API methods are
 * called inside loops (they are force-inlined), one vector shape throughout, and loop bodies are kept
 * small enough (Q6_K goes two rows at a time) that C2 inlines everything on JDK 17 to 25. A vector that
 * crosses a call C2 did not inline is boxed, and a kernel then runs tens of times slower.
 */
final class VectorMatmul {
    private VectorMatmul() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Byte> B = L == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
    static final VectorSpecies<Short> S = L == 16 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;
    /**
     * Four-row Q4_0/Q4_K kernels taking up to four activation rows (true), or two-row kernels taking at most
     * two (false). JDK 17's C2 at times stops inlining Vector API calls in the larger bodies (its inlining
     * node budget), which boxes every vector and costs 10x or more; JDK 21+ compiles them cleanly. The
     * other types always use four rows. System property {@code hogwild.cpu.wideKernels} overrides.
     */
    static final boolean WIDE = Boolean.parseBoolean(System.getProperty("hogwild.cpu.wideKernels",
            String.valueOf(Runtime.version().feature() >= 21)));

    /**
     * Σ t[o .. o + L) in a fixed order. Used instead of {@code reduceLanes(ADD)}, whose float order differs
     * between the interpreter and C2 on newer JDKs: results must not depend on the JIT's progress (or on
     * which kernel variant, compiled when, served a row).
     */
    static float lanes(float[] t, int o) {
        float s = 0;
        for (int i = 0; i < L; i += 4) s += (t[o + i] + t[o + i + 1]) + (t[o + i + 2] + t[o + i + 3]);
        return s;
    }

    /** y[i] = v, or y[i] += v when accumulating a later column chunk. */
    static void put(float[] y, int i, float v, boolean acc) {
        y[i] = acc ? y[i] + v : v;
    }

    /**
     * tmp[to + k] = Σ_i f[fo + 4 i + k] · xs[xo + 4 i + k] for k &lt; 4, over len / 4 groups of four: the
     * per-row offset corrections of a group.
     */
    static void corrections(float[] f, int fo, float[] xs, int xo, int len, float[] tmp, int to) {
        FloatVector e = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= len; i += L) e = FloatVector.fromArray(F, f, fo + i).fma(FloatVector.fromArray(F, xs, xo + i), e);
        e.intoArray(tmp, to);
        float c0 = 0;
        float c1 = 0;
        float c2 = 0;
        float c3 = 0;
        for (int j = 0; j < L; j += 4) {
            c0 += tmp[to + j];
            c1 += tmp[to + j + 1];
            c2 += tmp[to + j + 2];
            c3 += tmp[to + j + 3];
        }
        for (; i < len; i += 4) {
            c0 += f[fo + i] * xs[xo + i];
            c1 += f[fo + i + 1] * xs[xo + i + 1];
            c2 += f[fo + i + 2] * xs[xo + i + 2];
            c3 += f[fo + i + 3] * xs[xo + i + 3];
        }
        tmp[to] = c0;
        tmp[to + 1] = c1;
        tmp[to + 2] = c2;
        tmp[to + 3] = c3;
    }

    static void f32k4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        float[] h = w.f32;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector v0 = FloatVector.fromArray(F, h, w0 + i);
            a00 = v0.fma(xv0, a00);
            FloatVector v1 = FloatVector.fromArray(F, h, w1 + i);
            a10 = v1.fma(xv0, a10);
            FloatVector v2 = FloatVector.fromArray(F, h, w2 + i);
            a20 = v2.fma(xv0, a20);
            FloatVector v3 = FloatVector.fromArray(F, h, w3 + i);
            a30 = v3.fma(xv0, a30);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = h[w0 + i];
            t00 += v0 * x[x0 + i];
            float v1 = h[w1 + i];
            t10 += v1 * x[x0 + i];
            float v2 = h[w2 + i];
            t20 += v2 * x[x0 + i];
            float v3 = h[w3 + i];
            t30 += v3 * x[x0 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
        }
    }

    static void f16k4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a00 = v0.fma(xv0, a00);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a10 = v1.fma(xv0, a10);
            FloatVector v2 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w2 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a20 = v2.fma(xv0, a20);
            FloatVector v3 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w3 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a30 = v3.fma(xv0, a30);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = io.hogwild.kernels.ggml.Float16.toFloat(h[w0 + i]);
            t00 += v0 * x[x0 + i];
            float v1 = io.hogwild.kernels.ggml.Float16.toFloat(h[w1 + i]);
            t10 += v1 * x[x0 + i];
            float v2 = io.hogwild.kernels.ggml.Float16.toFloat(h[w2 + i]);
            t20 += v2 * x[x0 + i];
            float v3 = io.hogwild.kernels.ggml.Float16.toFloat(h[w3 + i]);
            t30 += v3 * x[x0 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
        }
    }

    static void bf16k4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a00 = v0.fma(xv0, a00);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a10 = v1.fma(xv0, a10);
            FloatVector v2 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w2 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a20 = v2.fma(xv0, a20);
            FloatVector v3 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w3 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a30 = v3.fma(xv0, a30);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = Float.intBitsToFloat(h[w0 + i] << 16);
            t00 += v0 * x[x0 + i];
            float v1 = Float.intBitsToFloat(h[w1 + i] << 16);
            t10 += v1 * x[x0 + i];
            float v2 = Float.intBitsToFloat(h[w2 + i] << 16);
            t20 += v2 * x[x0 + i];
            float v3 = Float.intBitsToFloat(h[w3 + i] << 16);
            t30 += v3 * x[x0 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
        }
    }

    static void q80k4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = v0.fma(xv0, a00);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = v1.fma(xv0, a10);
                FloatVector v2 = ((FloatVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = v2.fma(xv0, a20);
                FloatVector v3 = ((FloatVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = v3.fma(xv0, a30);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48), acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48), acc);
        }
    }

    static void q40k4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 16;
            for (int j = 0; j < 16; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = l0.fma(xv0, a00);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 16 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = l1.fma(xv0, a10);
                IntVector v2 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l2 = ((FloatVector) v2.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = l2.fma(xv0, a20);
                IntVector v3 = ((IntVector) ByteVector.fromArray(B, q, qb + 48 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l3 = ((FloatVector) v3.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = l3.fma(xv0, a30);
                xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + 16 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = h0.fma(xv0, a00);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = h1.fma(xv0, a10);
                FloatVector h2 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = h2.fma(xv0, a20);
                FloatVector h3 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = h3.fma(xv0, a30);
            }
        }
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[0 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[0 + hk + 1], acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[0 + hk + 2], acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[0 + hk + 3], acc);
        }
    }

    static void q4kk4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] sc = w.d;
        int np = w.cols / 64;
        int ns = w.cols / 32;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        for (int p = c0 / 64; p < c1 / 64; p++) {
            int qb = (g * np + p) * 128 + hk * 32;
            int us = (g * ns + 2 * p) * 4 + hk;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 0]));
                a00 = l0.fma(xv0, a00);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 1]));
                a10 = l1.fma(xv0, a10);
                IntVector v2 = ((IntVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l2 = ((FloatVector) v2.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 2]));
                a20 = l2.fma(xv0, a20);
                IntVector v3 = ((IntVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l3 = ((FloatVector) v3.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 3]));
                a30 = l3.fma(xv0, a30);
                xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + 32 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 0]));
                a00 = h0.fma(xv0, a00);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 1]));
                a10 = h1.fma(xv0, a10);
                FloatVector h2 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 2]));
                a20 = h2.fma(xv0, a20);
                FloatVector h3 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 3]));
                a30 = h3.fma(xv0, a30);
            }
        }
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - tmp[0 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - tmp[0 + hk + 1], acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48) - tmp[0 + hk + 2], acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48) - tmp[0 + hk + 3], acc);
        }
    }

    static void q6kk4x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] sc = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                int h = ub * 2 + j / 16;
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 0]));
                a00 = v0.fma(xv0, a00);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 2]));
                a10 = v1.fma(xv0, a10);
                FloatVector v2 = ((FloatVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 4]));
                a20 = v2.fma(xv0, a20);
                FloatVector v3 = ((FloatVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 6]));
                a30 = v3.fma(xv0, a30);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48), acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48), acc);
        }
    }

    static void f32k4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        float[] h = w.f32;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector v0 = FloatVector.fromArray(F, h, w0 + i);
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            FloatVector v1 = FloatVector.fromArray(F, h, w1 + i);
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            FloatVector v2 = FloatVector.fromArray(F, h, w2 + i);
            a20 = v2.fma(xv0, a20);
            a21 = v2.fma(xv1, a21);
            FloatVector v3 = FloatVector.fromArray(F, h, w3 + i);
            a30 = v3.fma(xv0, a30);
            a31 = v3.fma(xv1, a31);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a21.intoArray(tmp, 48);
        float t21 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        a31.intoArray(tmp, 48);
        float t31 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = h[w0 + i];
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            float v1 = h[w1 + i];
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            float v2 = h[w2 + i];
            t20 += v2 * x[x0 + i];
            t21 += v2 * x[x1 + i];
            float v3 = h[w3 + i];
            t30 += v3 * x[x0 + i];
            t31 += v3 * x[x1 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
            put(y, y0 + 1 * ys + o + 2, t21, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
            put(y, y0 + 1 * ys + o + 3, t31, acc);
        }
    }

    static void f16k4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            FloatVector v2 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w2 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a20 = v2.fma(xv0, a20);
            a21 = v2.fma(xv1, a21);
            FloatVector v3 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w3 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a30 = v3.fma(xv0, a30);
            a31 = v3.fma(xv1, a31);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a21.intoArray(tmp, 48);
        float t21 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        a31.intoArray(tmp, 48);
        float t31 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = io.hogwild.kernels.ggml.Float16.toFloat(h[w0 + i]);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            float v1 = io.hogwild.kernels.ggml.Float16.toFloat(h[w1 + i]);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            float v2 = io.hogwild.kernels.ggml.Float16.toFloat(h[w2 + i]);
            t20 += v2 * x[x0 + i];
            t21 += v2 * x[x1 + i];
            float v3 = io.hogwild.kernels.ggml.Float16.toFloat(h[w3 + i]);
            t30 += v3 * x[x0 + i];
            t31 += v3 * x[x1 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
            put(y, y0 + 1 * ys + o + 2, t21, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
            put(y, y0 + 1 * ys + o + 3, t31, acc);
        }
    }

    static void bf16k4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            FloatVector v2 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w2 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a20 = v2.fma(xv0, a20);
            a21 = v2.fma(xv1, a21);
            FloatVector v3 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w3 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a30 = v3.fma(xv0, a30);
            a31 = v3.fma(xv1, a31);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a21.intoArray(tmp, 48);
        float t21 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        a31.intoArray(tmp, 48);
        float t31 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = Float.intBitsToFloat(h[w0 + i] << 16);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            float v1 = Float.intBitsToFloat(h[w1 + i] << 16);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            float v2 = Float.intBitsToFloat(h[w2 + i] << 16);
            t20 += v2 * x[x0 + i];
            t21 += v2 * x[x1 + i];
            float v3 = Float.intBitsToFloat(h[w3 + i] << 16);
            t30 += v3 * x[x0 + i];
            t31 += v3 * x[x1 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
            put(y, y0 + 1 * ys + o + 2, t21, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
            put(y, y0 + 1 * ys + o + 3, t31, acc);
        }
    }

    static void q80k4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
                FloatVector v2 = ((FloatVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = v2.fma(xv0, a20);
                a21 = v2.fma(xv1, a21);
                FloatVector v3 = ((FloatVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = v3.fma(xv0, a30);
                a31 = v3.fma(xv1, a31);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48), acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48), acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48), acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48), acc);
        }
    }

    static void q40k4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 16;
            for (int j = 0; j < 16; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 16 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                IntVector v2 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l2 = ((FloatVector) v2.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = l2.fma(xv0, a20);
                a21 = l2.fma(xv1, a21);
                IntVector v3 = ((IntVector) ByteVector.fromArray(B, q, qb + 48 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l3 = ((FloatVector) v3.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = l3.fma(xv0, a30);
                a31 = l3.fma(xv1, a31);
                xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + 16 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + 16 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
                FloatVector h2 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = h2.fma(xv0, a20);
                a21 = h2.fma(xv1, a21);
                FloatVector h3 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = h3.fma(xv0, a30);
                a31 = h3.fma(xv1, a31);
            }
        }
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[4 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[4 + hk + 1], acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[0 + hk + 2], acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[4 + hk + 2], acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[0 + hk + 3], acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[4 + hk + 3], acc);
        }
    }

    static void q4kk4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] sc = w.d;
        int np = w.cols / 64;
        int ns = w.cols / 32;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        for (int p = c0 / 64; p < c1 / 64; p++) {
            int qb = (g * np + p) * 128 + hk * 32;
            int us = (g * ns + 2 * p) * 4 + hk;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                IntVector v2 = ((IntVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l2 = ((FloatVector) v2.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 2]));
                a20 = l2.fma(xv0, a20);
                a21 = l2.fma(xv1, a21);
                IntVector v3 = ((IntVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l3 = ((FloatVector) v3.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 3]));
                a30 = l3.fma(xv0, a30);
                a31 = l3.fma(xv1, a31);
                xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + 32 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + 32 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
                FloatVector h2 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 2]));
                a20 = h2.fma(xv0, a20);
                a21 = h2.fma(xv1, a21);
                FloatVector h3 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 3]));
                a30 = h3.fma(xv0, a30);
                a31 = h3.fma(xv1, a31);
            }
        }
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - tmp[4 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - tmp[4 + hk + 1], acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48) - tmp[0 + hk + 2], acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48) - tmp[4 + hk + 2], acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48) - tmp[0 + hk + 3], acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48) - tmp[4 + hk + 3], acc);
        }
    }

    static void q6kk4x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] sc = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                int h = ub * 2 + j / 16;
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 2]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
                FloatVector v2 = ((FloatVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 4]));
                a20 = v2.fma(xv0, a20);
                a21 = v2.fma(xv1, a21);
                FloatVector v3 = ((FloatVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 6]));
                a30 = v3.fma(xv0, a30);
                a31 = v3.fma(xv1, a31);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48), acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48), acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48), acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48), acc);
        }
    }

    static void f32k4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        float[] h = w.f32;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xv2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xv3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector v0 = FloatVector.fromArray(F, h, w0 + i);
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            a02 = v0.fma(xv2, a02);
            a03 = v0.fma(xv3, a03);
            FloatVector v1 = FloatVector.fromArray(F, h, w1 + i);
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            a12 = v1.fma(xv2, a12);
            a13 = v1.fma(xv3, a13);
            FloatVector v2 = FloatVector.fromArray(F, h, w2 + i);
            a20 = v2.fma(xv0, a20);
            a21 = v2.fma(xv1, a21);
            a22 = v2.fma(xv2, a22);
            a23 = v2.fma(xv3, a23);
            FloatVector v3 = FloatVector.fromArray(F, h, w3 + i);
            a30 = v3.fma(xv0, a30);
            a31 = v3.fma(xv1, a31);
            a32 = v3.fma(xv2, a32);
            a33 = v3.fma(xv3, a33);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a02.intoArray(tmp, 48);
        float t02 = lanes(tmp, 48);
        a03.intoArray(tmp, 48);
        float t03 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a12.intoArray(tmp, 48);
        float t12 = lanes(tmp, 48);
        a13.intoArray(tmp, 48);
        float t13 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a21.intoArray(tmp, 48);
        float t21 = lanes(tmp, 48);
        a22.intoArray(tmp, 48);
        float t22 = lanes(tmp, 48);
        a23.intoArray(tmp, 48);
        float t23 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        a31.intoArray(tmp, 48);
        float t31 = lanes(tmp, 48);
        a32.intoArray(tmp, 48);
        float t32 = lanes(tmp, 48);
        a33.intoArray(tmp, 48);
        float t33 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = h[w0 + i];
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            t02 += v0 * x[x2 + i];
            t03 += v0 * x[x3 + i];
            float v1 = h[w1 + i];
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            t12 += v1 * x[x2 + i];
            t13 += v1 * x[x3 + i];
            float v2 = h[w2 + i];
            t20 += v2 * x[x0 + i];
            t21 += v2 * x[x1 + i];
            t22 += v2 * x[x2 + i];
            t23 += v2 * x[x3 + i];
            float v3 = h[w3 + i];
            t30 += v3 * x[x0 + i];
            t31 += v3 * x[x1 + i];
            t32 += v3 * x[x2 + i];
            t33 += v3 * x[x3 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
            put(y, y0 + 2 * ys + o + 0, t02, acc);
            put(y, y0 + 3 * ys + o + 0, t03, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
            put(y, y0 + 2 * ys + o + 1, t12, acc);
            put(y, y0 + 3 * ys + o + 1, t13, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
            put(y, y0 + 1 * ys + o + 2, t21, acc);
            put(y, y0 + 2 * ys + o + 2, t22, acc);
            put(y, y0 + 3 * ys + o + 2, t23, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
            put(y, y0 + 1 * ys + o + 3, t31, acc);
            put(y, y0 + 2 * ys + o + 3, t32, acc);
            put(y, y0 + 3 * ys + o + 3, t33, acc);
        }
    }

    static void f16k4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xv2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xv3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            a02 = v0.fma(xv2, a02);
            a03 = v0.fma(xv3, a03);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            a12 = v1.fma(xv2, a12);
            a13 = v1.fma(xv3, a13);
            FloatVector v2 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w2 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a20 = v2.fma(xv0, a20);
            a21 = v2.fma(xv1, a21);
            a22 = v2.fma(xv2, a22);
            a23 = v2.fma(xv3, a23);
            FloatVector v3 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w3 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a30 = v3.fma(xv0, a30);
            a31 = v3.fma(xv1, a31);
            a32 = v3.fma(xv2, a32);
            a33 = v3.fma(xv3, a33);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a02.intoArray(tmp, 48);
        float t02 = lanes(tmp, 48);
        a03.intoArray(tmp, 48);
        float t03 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a12.intoArray(tmp, 48);
        float t12 = lanes(tmp, 48);
        a13.intoArray(tmp, 48);
        float t13 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a21.intoArray(tmp, 48);
        float t21 = lanes(tmp, 48);
        a22.intoArray(tmp, 48);
        float t22 = lanes(tmp, 48);
        a23.intoArray(tmp, 48);
        float t23 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        a31.intoArray(tmp, 48);
        float t31 = lanes(tmp, 48);
        a32.intoArray(tmp, 48);
        float t32 = lanes(tmp, 48);
        a33.intoArray(tmp, 48);
        float t33 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = io.hogwild.kernels.ggml.Float16.toFloat(h[w0 + i]);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            t02 += v0 * x[x2 + i];
            t03 += v0 * x[x3 + i];
            float v1 = io.hogwild.kernels.ggml.Float16.toFloat(h[w1 + i]);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            t12 += v1 * x[x2 + i];
            t13 += v1 * x[x3 + i];
            float v2 = io.hogwild.kernels.ggml.Float16.toFloat(h[w2 + i]);
            t20 += v2 * x[x0 + i];
            t21 += v2 * x[x1 + i];
            t22 += v2 * x[x2 + i];
            t23 += v2 * x[x3 + i];
            float v3 = io.hogwild.kernels.ggml.Float16.toFloat(h[w3 + i]);
            t30 += v3 * x[x0 + i];
            t31 += v3 * x[x1 + i];
            t32 += v3 * x[x2 + i];
            t33 += v3 * x[x3 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
            put(y, y0 + 2 * ys + o + 0, t02, acc);
            put(y, y0 + 3 * ys + o + 0, t03, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
            put(y, y0 + 2 * ys + o + 1, t12, acc);
            put(y, y0 + 3 * ys + o + 1, t13, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
            put(y, y0 + 1 * ys + o + 2, t21, acc);
            put(y, y0 + 2 * ys + o + 2, t22, acc);
            put(y, y0 + 3 * ys + o + 2, t23, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
            put(y, y0 + 1 * ys + o + 3, t31, acc);
            put(y, y0 + 2 * ys + o + 3, t32, acc);
            put(y, y0 + 3 * ys + o + 3, t33, acc);
        }
    }

    static void bf16k4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int w2 = Math.min(4 * g + hk + 2, last) * cols;
        int w3 = Math.min(4 * g + hk + 3, last) * cols;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xv2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xv3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            a02 = v0.fma(xv2, a02);
            a03 = v0.fma(xv3, a03);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            a12 = v1.fma(xv2, a12);
            a13 = v1.fma(xv3, a13);
            FloatVector v2 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w2 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a20 = v2.fma(xv0, a20);
            a21 = v2.fma(xv1, a21);
            a22 = v2.fma(xv2, a22);
            a23 = v2.fma(xv3, a23);
            FloatVector v3 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w3 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a30 = v3.fma(xv0, a30);
            a31 = v3.fma(xv1, a31);
            a32 = v3.fma(xv2, a32);
            a33 = v3.fma(xv3, a33);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a02.intoArray(tmp, 48);
        float t02 = lanes(tmp, 48);
        a03.intoArray(tmp, 48);
        float t03 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a12.intoArray(tmp, 48);
        float t12 = lanes(tmp, 48);
        a13.intoArray(tmp, 48);
        float t13 = lanes(tmp, 48);
        a20.intoArray(tmp, 48);
        float t20 = lanes(tmp, 48);
        a21.intoArray(tmp, 48);
        float t21 = lanes(tmp, 48);
        a22.intoArray(tmp, 48);
        float t22 = lanes(tmp, 48);
        a23.intoArray(tmp, 48);
        float t23 = lanes(tmp, 48);
        a30.intoArray(tmp, 48);
        float t30 = lanes(tmp, 48);
        a31.intoArray(tmp, 48);
        float t31 = lanes(tmp, 48);
        a32.intoArray(tmp, 48);
        float t32 = lanes(tmp, 48);
        a33.intoArray(tmp, 48);
        float t33 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = Float.intBitsToFloat(h[w0 + i] << 16);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            t02 += v0 * x[x2 + i];
            t03 += v0 * x[x3 + i];
            float v1 = Float.intBitsToFloat(h[w1 + i] << 16);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            t12 += v1 * x[x2 + i];
            t13 += v1 * x[x3 + i];
            float v2 = Float.intBitsToFloat(h[w2 + i] << 16);
            t20 += v2 * x[x0 + i];
            t21 += v2 * x[x1 + i];
            t22 += v2 * x[x2 + i];
            t23 += v2 * x[x3 + i];
            float v3 = Float.intBitsToFloat(h[w3 + i] << 16);
            t30 += v3 * x[x0 + i];
            t31 += v3 * x[x1 + i];
            t32 += v3 * x[x2 + i];
            t33 += v3 * x[x3 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
            put(y, y0 + 2 * ys + o + 0, t02, acc);
            put(y, y0 + 3 * ys + o + 0, t03, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
            put(y, y0 + 2 * ys + o + 1, t12, acc);
            put(y, y0 + 3 * ys + o + 1, t13, acc);
        }
        if (live > 2) {
            put(y, y0 + 0 * ys + o + 2, t20, acc);
            put(y, y0 + 1 * ys + o + 2, t21, acc);
            put(y, y0 + 2 * ys + o + 2, t22, acc);
            put(y, y0 + 3 * ys + o + 2, t23, acc);
        }
        if (live > 3) {
            put(y, y0 + 0 * ys + o + 3, t30, acc);
            put(y, y0 + 1 * ys + o + 3, t31, acc);
            put(y, y0 + 2 * ys + o + 3, t32, acc);
            put(y, y0 + 3 * ys + o + 3, t33, acc);
        }
    }

    static void q80k4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                a02 = v0.fma(xv2, a02);
                a03 = v0.fma(xv3, a03);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
                a12 = v1.fma(xv2, a12);
                a13 = v1.fma(xv3, a13);
                FloatVector v2 = ((FloatVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = v2.fma(xv0, a20);
                a21 = v2.fma(xv1, a21);
                a22 = v2.fma(xv2, a22);
                a23 = v2.fma(xv3, a23);
                FloatVector v3 = ((FloatVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = v3.fma(xv0, a30);
                a31 = v3.fma(xv1, a31);
                a32 = v3.fma(xv2, a32);
                a33 = v3.fma(xv3, a33);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48), acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48), acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48), acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48), acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48), acc);
            a22.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 2, lanes(tmp, 48), acc);
            a23.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 2, lanes(tmp, 48), acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48), acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48), acc);
            a32.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 3, lanes(tmp, 48), acc);
            a33.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 3, lanes(tmp, 48), acc);
        }
    }

    static void q40k4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 16;
            for (int j = 0; j < 16; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                a02 = l0.fma(xv2, a02);
                a03 = l0.fma(xv3, a03);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 16 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                a12 = l1.fma(xv2, a12);
                a13 = l1.fma(xv3, a13);
                IntVector v2 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l2 = ((FloatVector) v2.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = l2.fma(xv0, a20);
                a21 = l2.fma(xv1, a21);
                a22 = l2.fma(xv2, a22);
                a23 = l2.fma(xv3, a23);
                IntVector v3 = ((IntVector) ByteVector.fromArray(B, q, qb + 48 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l3 = ((FloatVector) v3.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = l3.fma(xv0, a30);
                a31 = l3.fma(xv1, a31);
                a32 = l3.fma(xv2, a32);
                a33 = l3.fma(xv3, a33);
                xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + 16 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + 16 + j);
                xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + 16 + j);
                xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + 16 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                a02 = h0.fma(xv2, a02);
                a03 = h0.fma(xv3, a03);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
                a12 = h1.fma(xv2, a12);
                a13 = h1.fma(xv3, a13);
                FloatVector h2 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 2]));
                a20 = h2.fma(xv0, a20);
                a21 = h2.fma(xv1, a21);
                a22 = h2.fma(xv2, a22);
                a23 = h2.fma(xv3, a23);
                FloatVector h3 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 3]));
                a30 = h3.fma(xv0, a30);
                a31 = h3.fma(xv1, a31);
                a32 = h3.fma(xv2, a32);
                a33 = h3.fma(xv3, a33);
            }
        }
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 2 * ss + c0 / 8, (c1 - c0) / 8, tmp, 8);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 3 * ss + c0 / 8, (c1 - c0) / 8, tmp, 12);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[4 + hk + 0], acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[8 + hk + 0], acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[12 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[4 + hk + 1], acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[8 + hk + 1], acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[12 + hk + 1], acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[0 + hk + 2], acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[4 + hk + 2], acc);
            a22.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[8 + hk + 2], acc);
            a23.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 2, lanes(tmp, 48) - 8f * tmp[12 + hk + 2], acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[0 + hk + 3], acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[4 + hk + 3], acc);
            a32.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[8 + hk + 3], acc);
            a33.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 3, lanes(tmp, 48) - 8f * tmp[12 + hk + 3], acc);
        }
    }

    static void q4kk4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] sc = w.d;
        int np = w.cols / 64;
        int ns = w.cols / 32;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        for (int p = c0 / 64; p < c1 / 64; p++) {
            int qb = (g * np + p) * 128 + hk * 32;
            int us = (g * ns + 2 * p) * 4 + hk;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + p * 64 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + p * 64 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                a02 = l0.fma(xv2, a02);
                a03 = l0.fma(xv3, a03);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                a12 = l1.fma(xv2, a12);
                a13 = l1.fma(xv3, a13);
                IntVector v2 = ((IntVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l2 = ((FloatVector) v2.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 2]));
                a20 = l2.fma(xv0, a20);
                a21 = l2.fma(xv1, a21);
                a22 = l2.fma(xv2, a22);
                a23 = l2.fma(xv3, a23);
                IntVector v3 = ((IntVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l3 = ((FloatVector) v3.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 3]));
                a30 = l3.fma(xv0, a30);
                a31 = l3.fma(xv1, a31);
                a32 = l3.fma(xv2, a32);
                a33 = l3.fma(xv3, a33);
                xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + 32 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + 32 + j);
                xv2 = FloatVector.fromArray(F, x, x2 + p * 64 + 32 + j);
                xv3 = FloatVector.fromArray(F, x, x3 + p * 64 + 32 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                a02 = h0.fma(xv2, a02);
                a03 = h0.fma(xv3, a03);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
                a12 = h1.fma(xv2, a12);
                a13 = h1.fma(xv3, a13);
                FloatVector h2 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 2]));
                a20 = h2.fma(xv0, a20);
                a21 = h2.fma(xv1, a21);
                a22 = h2.fma(xv2, a22);
                a23 = h2.fma(xv3, a23);
                FloatVector h3 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 3]));
                a30 = h3.fma(xv0, a30);
                a31 = h3.fma(xv1, a31);
                a32 = h3.fma(xv2, a32);
                a33 = h3.fma(xv3, a33);
            }
        }
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 2 * ss + c0 / 8, (c1 - c0) / 8, tmp, 8);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 3 * ss + c0 / 8, (c1 - c0) / 8, tmp, 12);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - tmp[4 + hk + 0], acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48) - tmp[8 + hk + 0], acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48) - tmp[12 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - tmp[4 + hk + 1], acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48) - tmp[8 + hk + 1], acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48) - tmp[12 + hk + 1], acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48) - tmp[0 + hk + 2], acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48) - tmp[4 + hk + 2], acc);
            a22.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 2, lanes(tmp, 48) - tmp[8 + hk + 2], acc);
            a23.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 2, lanes(tmp, 48) - tmp[12 + hk + 2], acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48) - tmp[0 + hk + 3], acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48) - tmp[4 + hk + 3], acc);
            a32.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 3, lanes(tmp, 48) - tmp[8 + hk + 3], acc);
            a33.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 3, lanes(tmp, 48) - tmp[12 + hk + 3], acc);
        }
    }

    static void q6kk4x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] sc = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F); FloatVector a21 = FloatVector.zero(F); FloatVector a22 = FloatVector.zero(F); FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F); FloatVector a31 = FloatVector.zero(F); FloatVector a32 = FloatVector.zero(F); FloatVector a33 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                int h = ub * 2 + j / 16;
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                a02 = v0.fma(xv2, a02);
                a03 = v0.fma(xv3, a03);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 2]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
                a12 = v1.fma(xv2, a12);
                a13 = v1.fma(xv3, a13);
                FloatVector v2 = ((FloatVector) ByteVector.fromArray(B, q, qb + 64 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 4]));
                a20 = v2.fma(xv0, a20);
                a21 = v2.fma(xv1, a21);
                a22 = v2.fma(xv2, a22);
                a23 = v2.fma(xv3, a23);
                FloatVector v3 = ((FloatVector) ByteVector.fromArray(B, q, qb + 96 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 6]));
                a30 = v3.fma(xv0, a30);
                a31 = v3.fma(xv1, a31);
                a32 = v3.fma(xv2, a32);
                a33 = v3.fma(xv3, a33);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48), acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48), acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48), acc);
        }
        if (live > 2) {
            a20.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 2, lanes(tmp, 48), acc);
            a21.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 2, lanes(tmp, 48), acc);
            a22.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 2, lanes(tmp, 48), acc);
            a23.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 2, lanes(tmp, 48), acc);
        }
        if (live > 3) {
            a30.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 3, lanes(tmp, 48), acc);
            a31.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 3, lanes(tmp, 48), acc);
            a32.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 3, lanes(tmp, 48), acc);
            a33.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 3, lanes(tmp, 48), acc);
        }
    }

    static void f32k2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        float[] h = w.f32;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector v0 = FloatVector.fromArray(F, h, w0 + i);
            a00 = v0.fma(xv0, a00);
            FloatVector v1 = FloatVector.fromArray(F, h, w1 + i);
            a10 = v1.fma(xv0, a10);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = h[w0 + i];
            t00 += v0 * x[x0 + i];
            float v1 = h[w1 + i];
            t10 += v1 * x[x0 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
        }
    }

    static void f16k2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a00 = v0.fma(xv0, a00);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a10 = v1.fma(xv0, a10);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = io.hogwild.kernels.ggml.Float16.toFloat(h[w0 + i]);
            t00 += v0 * x[x0 + i];
            float v1 = io.hogwild.kernels.ggml.Float16.toFloat(h[w1 + i]);
            t10 += v1 * x[x0 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
        }
    }

    static void bf16k2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a00 = v0.fma(xv0, a00);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a10 = v1.fma(xv0, a10);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = Float.intBitsToFloat(h[w0 + i] << 16);
            t00 += v0 * x[x0 + i];
            float v1 = Float.intBitsToFloat(h[w1 + i] << 16);
            t10 += v1 * x[x0 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
        }
    }

    static void q80k2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = v0.fma(xv0, a00);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = v1.fma(xv0, a10);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
        }
    }

    static void q40k2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 16;
            for (int j = 0; j < 16; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = l0.fma(xv0, a00);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 16 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = l1.fma(xv0, a10);
                xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + 16 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = h0.fma(xv0, a00);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = h1.fma(xv0, a10);
            }
        }
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[0 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[0 + hk + 1], acc);
        }
    }

    static void q4kk2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] sc = w.d;
        int np = w.cols / 64;
        int ns = w.cols / 32;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        for (int p = c0 / 64; p < c1 / 64; p++) {
            int qb = (g * np + p) * 128 + hk * 32;
            int us = (g * ns + 2 * p) * 4 + hk;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 0]));
                a00 = l0.fma(xv0, a00);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 1]));
                a10 = l1.fma(xv0, a10);
                xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + 32 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 0]));
                a00 = h0.fma(xv0, a00);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 1]));
                a10 = h1.fma(xv0, a10);
            }
        }
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - tmp[0 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - tmp[0 + hk + 1], acc);
        }
    }

    static void q6kk2x1(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] sc = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                int h = ub * 2 + j / 16;
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 0]));
                a00 = v0.fma(xv0, a00);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 2]));
                a10 = v1.fma(xv0, a10);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
        }
    }

    static void f32k2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        float[] h = w.f32;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector v0 = FloatVector.fromArray(F, h, w0 + i);
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            FloatVector v1 = FloatVector.fromArray(F, h, w1 + i);
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = h[w0 + i];
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            float v1 = h[w1 + i];
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
        }
    }

    static void f16k2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = io.hogwild.kernels.ggml.Float16.toFloat(h[w0 + i]);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            float v1 = io.hogwild.kernels.ggml.Float16.toFloat(h[w1 + i]);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
        }
    }

    static void bf16k2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = Float.intBitsToFloat(h[w0 + i] << 16);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            float v1 = Float.intBitsToFloat(h[w1 + i] << 16);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
        }
    }

    static void q80k2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
        }
    }

    static void q40k2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 16;
            for (int j = 0; j < 16; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 16 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + 16 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + 16 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
            }
        }
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[4 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[4 + hk + 1], acc);
        }
    }

    static void q4kk2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] sc = w.d;
        int np = w.cols / 64;
        int ns = w.cols / 32;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        for (int p = c0 / 64; p < c1 / 64; p++) {
            int qb = (g * np + p) * 128 + hk * 32;
            int us = (g * ns + 2 * p) * 4 + hk;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + 32 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + 32 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
            }
        }
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - tmp[4 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - tmp[4 + hk + 1], acc);
        }
    }

    static void q6kk2x2(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] sc = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                int h = ub * 2 + j / 16;
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 2]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
        }
    }

    static void f32k2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        float[] h = w.f32;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xv2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xv3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector v0 = FloatVector.fromArray(F, h, w0 + i);
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            a02 = v0.fma(xv2, a02);
            a03 = v0.fma(xv3, a03);
            FloatVector v1 = FloatVector.fromArray(F, h, w1 + i);
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            a12 = v1.fma(xv2, a12);
            a13 = v1.fma(xv3, a13);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a02.intoArray(tmp, 48);
        float t02 = lanes(tmp, 48);
        a03.intoArray(tmp, 48);
        float t03 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a12.intoArray(tmp, 48);
        float t12 = lanes(tmp, 48);
        a13.intoArray(tmp, 48);
        float t13 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = h[w0 + i];
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            t02 += v0 * x[x2 + i];
            t03 += v0 * x[x3 + i];
            float v1 = h[w1 + i];
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            t12 += v1 * x[x2 + i];
            t13 += v1 * x[x3 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
            put(y, y0 + 2 * ys + o + 0, t02, acc);
            put(y, y0 + 3 * ys + o + 0, t03, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
            put(y, y0 + 2 * ys + o + 1, t12, acc);
            put(y, y0 + 3 * ys + o + 1, t13, acc);
        }
    }

    static void f16k2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xv2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xv3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            a02 = v0.fma(xv2, a02);
            a03 = v0.fma(xv3, a03);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 13)).and(IntVector.broadcast(I, 0x8FFFE000)).reinterpretShape(F, 0)).mul(FloatVector.broadcast(F, 0x1p112f));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            a12 = v1.fma(xv2, a12);
            a13 = v1.fma(xv3, a13);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a02.intoArray(tmp, 48);
        float t02 = lanes(tmp, 48);
        a03.intoArray(tmp, 48);
        float t03 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a12.intoArray(tmp, 48);
        float t12 = lanes(tmp, 48);
        a13.intoArray(tmp, 48);
        float t13 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = io.hogwild.kernels.ggml.Float16.toFloat(h[w0 + i]);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            t02 += v0 * x[x2 + i];
            t03 += v0 * x[x3 + i];
            float v1 = io.hogwild.kernels.ggml.Float16.toFloat(h[w1 + i]);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            t12 += v1 * x[x2 + i];
            t13 += v1 * x[x3 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
            put(y, y0 + 2 * ys + o + 0, t02, acc);
            put(y, y0 + 3 * ys + o + 0, t03, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
            put(y, y0 + 2 * ys + o + 1, t12, acc);
            put(y, y0 + 3 * ys + o + 1, t13, acc);
        }
    }

    static void bf16k2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        short[] h = w.half;
        int cols = w.cols;
        int last = w.rows - 1;
        int w0 = Math.min(4 * g + hk + 0, last) * cols;
        int w1 = Math.min(4 * g + hk + 1, last) * cols;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        int i = c0;
        for (; i + L <= c1; i += L) {
            FloatVector xv0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xv1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xv2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xv3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector v0 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w0 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a00 = v0.fma(xv0, a00);
            a01 = v0.fma(xv1, a01);
            a02 = v0.fma(xv2, a02);
            a03 = v0.fma(xv3, a03);
            FloatVector v1 = ((FloatVector) ((IntVector) ShortVector.fromArray(S, h, w1 + i).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, IntVector.broadcast(I, 16)).reinterpretShape(F, 0));
            a10 = v1.fma(xv0, a10);
            a11 = v1.fma(xv1, a11);
            a12 = v1.fma(xv2, a12);
            a13 = v1.fma(xv3, a13);
        }
        a00.intoArray(tmp, 48);
        float t00 = lanes(tmp, 48);
        a01.intoArray(tmp, 48);
        float t01 = lanes(tmp, 48);
        a02.intoArray(tmp, 48);
        float t02 = lanes(tmp, 48);
        a03.intoArray(tmp, 48);
        float t03 = lanes(tmp, 48);
        a10.intoArray(tmp, 48);
        float t10 = lanes(tmp, 48);
        a11.intoArray(tmp, 48);
        float t11 = lanes(tmp, 48);
        a12.intoArray(tmp, 48);
        float t12 = lanes(tmp, 48);
        a13.intoArray(tmp, 48);
        float t13 = lanes(tmp, 48);
        for (; i < c1; i++) {
            float v0 = Float.intBitsToFloat(h[w0 + i] << 16);
            t00 += v0 * x[x0 + i];
            t01 += v0 * x[x1 + i];
            t02 += v0 * x[x2 + i];
            t03 += v0 * x[x3 + i];
            float v1 = Float.intBitsToFloat(h[w1 + i] << 16);
            t10 += v1 * x[x0 + i];
            t11 += v1 * x[x1 + i];
            t12 += v1 * x[x2 + i];
            t13 += v1 * x[x3 + i];
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            put(y, y0 + 0 * ys + o + 0, t00, acc);
            put(y, y0 + 1 * ys + o + 0, t01, acc);
            put(y, y0 + 2 * ys + o + 0, t02, acc);
            put(y, y0 + 3 * ys + o + 0, t03, acc);
        }
        if (live > 1) {
            put(y, y0 + 0 * ys + o + 1, t10, acc);
            put(y, y0 + 1 * ys + o + 1, t11, acc);
            put(y, y0 + 2 * ys + o + 1, t12, acc);
            put(y, y0 + 3 * ys + o + 1, t13, acc);
        }
    }

    static void q80k2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                a02 = v0.fma(xv2, a02);
                a03 = v0.fma(xv3, a03);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
                a12 = v1.fma(xv2, a12);
                a13 = v1.fma(xv3, a13);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48), acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48), acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48), acc);
        }
    }

    static void q40k2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 16;
            for (int j = 0; j < 16; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                a02 = l0.fma(xv2, a02);
                a03 = l0.fma(xv3, a03);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 16 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                a12 = l1.fma(xv2, a12);
                a13 = l1.fma(xv3, a13);
                xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + 16 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + 16 + j);
                xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + 16 + j);
                xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + 16 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                a02 = h0.fma(xv2, a02);
                a03 = h0.fma(xv3, a03);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, d[ub + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
                a12 = h1.fma(xv2, a12);
                a13 = h1.fma(xv3, a13);
            }
        }
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 2 * ss + c0 / 8, (c1 - c0) / 8, tmp, 8);
        corrections(d, (base + c0 / 32) * 4, xsum, s0 + 3 * ss + c0 / 8, (c1 - c0) / 8, tmp, 12);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[4 + hk + 0], acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[8 + hk + 0], acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48) - 8f * tmp[12 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[4 + hk + 1], acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[8 + hk + 1], acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48) - 8f * tmp[12 + hk + 1], acc);
        }
    }

    static void q4kk2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        IntVector m15 = IntVector.broadcast(I, 15);
        IntVector n4 = IntVector.broadcast(I, 4);
        byte[] q = w.q;
        float[] sc = w.d;
        int np = w.cols / 64;
        int ns = w.cols / 32;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        for (int p = c0 / 64; p < c1 / 64; p++) {
            int qb = (g * np + p) * 128 + hk * 32;
            int us = (g * ns + 2 * p) * 4 + hk;
            for (int j = 0; j < 32; j += L) {
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + p * 64 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + p * 64 + j);
                IntVector v0 = ((IntVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l0 = ((FloatVector) v0.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 0]));
                a00 = l0.fma(xv0, a00);
                a01 = l0.fma(xv1, a01);
                a02 = l0.fma(xv2, a02);
                a03 = l0.fma(xv3, a03);
                IntVector v1 = ((IntVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2I, I, 0));
                FloatVector l1 = ((FloatVector) v1.and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 1]));
                a10 = l1.fma(xv0, a10);
                a11 = l1.fma(xv1, a11);
                a12 = l1.fma(xv2, a12);
                a13 = l1.fma(xv3, a13);
                xv0 = FloatVector.fromArray(F, x, x0 + p * 64 + 32 + j);
                xv1 = FloatVector.fromArray(F, x, x1 + p * 64 + 32 + j);
                xv2 = FloatVector.fromArray(F, x, x2 + p * 64 + 32 + j);
                xv3 = FloatVector.fromArray(F, x, x3 + p * 64 + 32 + j);
                FloatVector h0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 0]));
                a00 = h0.fma(xv0, a00);
                a01 = h0.fma(xv1, a01);
                a02 = h0.fma(xv2, a02);
                a03 = h0.fma(xv3, a03);
                FloatVector h1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, n4).and(m15).convertShape(VectorOperators.I2F, F, 0)).mul(FloatVector.broadcast(F, sc[us + 4 + 1]));
                a10 = h1.fma(xv0, a10);
                a11 = h1.fma(xv1, a11);
                a12 = h1.fma(xv2, a12);
                a13 = h1.fma(xv3, a13);
            }
        }
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 0 * ss + c0 / 8, (c1 - c0) / 8, tmp, 0);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 1 * ss + c0 / 8, (c1 - c0) / 8, tmp, 4);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 2 * ss + c0 / 8, (c1 - c0) / 8, tmp, 8);
        corrections(w.m, (g * ns + c0 / 32) * 4, xsum, s0 + 3 * ss + c0 / 8, (c1 - c0) / 8, tmp, 12);
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48) - tmp[0 + hk + 0], acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48) - tmp[4 + hk + 0], acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48) - tmp[8 + hk + 0], acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48) - tmp[12 + hk + 0], acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48) - tmp[0 + hk + 1], acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48) - tmp[4 + hk + 1], acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48) - tmp[8 + hk + 1], acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48) - tmp[12 + hk + 1], acc);
        }
    }

    static void q6kk2x4(CpuWeights w, int g, int hk, int c0, int c1, boolean acc, float[] x, int x0, int xs, float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        byte[] q = w.q;
        float[] sc = w.d;
        int nb = w.cols / 32;
        int base = g * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a00 = FloatVector.zero(F); FloatVector a01 = FloatVector.zero(F); FloatVector a02 = FloatVector.zero(F); FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F); FloatVector a11 = FloatVector.zero(F); FloatVector a12 = FloatVector.zero(F); FloatVector a13 = FloatVector.zero(F);
        for (int b = c0 / 32; b < c1 / 32; b++) {
            int ub = (base + b) * 4 + hk;
            int qb = ub * 32;
            for (int j = 0; j < 32; j += L) {
                int h = ub * 2 + j / 16;
                FloatVector xv0 = FloatVector.fromArray(F, x, x0 + b * 32 + j);
                FloatVector xv1 = FloatVector.fromArray(F, x, x1 + b * 32 + j);
                FloatVector xv2 = FloatVector.fromArray(F, x, x2 + b * 32 + j);
                FloatVector xv3 = FloatVector.fromArray(F, x, x3 + b * 32 + j);
                FloatVector v0 = ((FloatVector) ByteVector.fromArray(B, q, qb + 0 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 0]));
                a00 = v0.fma(xv0, a00);
                a01 = v0.fma(xv1, a01);
                a02 = v0.fma(xv2, a02);
                a03 = v0.fma(xv3, a03);
                FloatVector v1 = ((FloatVector) ByteVector.fromArray(B, q, qb + 32 + j).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.broadcast(F, sc[h + 2]));
                a10 = v1.fma(xv0, a10);
                a11 = v1.fma(xv1, a11);
                a12 = v1.fma(xv2, a12);
                a13 = v1.fma(xv3, a13);
            }
        }
        int o = 4 * g + hk;
        int live = w.rows - o;
        if (live > 0) {
            a00.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 0, lanes(tmp, 48), acc);
            a01.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 0, lanes(tmp, 48), acc);
            a02.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 0, lanes(tmp, 48), acc);
            a03.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 0, lanes(tmp, 48), acc);
        }
        if (live > 1) {
            a10.intoArray(tmp, 48);
            put(y, y0 + 0 * ys + o + 1, lanes(tmp, 48), acc);
            a11.intoArray(tmp, 48);
            put(y, y0 + 1 * ys + o + 1, lanes(tmp, 48), acc);
            a12.intoArray(tmp, 48);
            put(y, y0 + 2 * ys + o + 1, lanes(tmp, 48), acc);
            a13.intoArray(tmp, 48);
            put(y, y0 + 3 * ys + o + 1, lanes(tmp, 48), acc);
        }
    }

    /**
     * One tile: weight rows 4g..4g+3 by R activation rows starting at x0 (R = 1, 2 or 4), as one call over
     * four rows or two calls over two rows each ({@code wide} false: smaller methods for older JITs).
     */
    static void tile(CpuWeights w, boolean wide, int R, int g, int c0, int c1, boolean acc, float[] x, int x0, int xs,
                     float[] xsum, int s0, int ss, float[] y, int y0, int ys, float[] tmp) {
        if (wide || w.type == io.hogwild.kernels.ggml.GgmlType.F32 || w.type == io.hogwild.kernels.ggml.GgmlType.F16
                || w.type == io.hogwild.kernels.ggml.GgmlType.BF16 || w.type == io.hogwild.kernels.ggml.GgmlType.Q8_0
                || w.type == io.hogwild.kernels.ggml.GgmlType.Q6_K) {
            switch (w.type) {
                case F32:
                    if (R == 4) f32k4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) f32k4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else f32k4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                case F16:
                    if (R == 4) f16k4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) f16k4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else f16k4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                case BF16:
                    if (R == 4) bf16k4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) bf16k4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else bf16k4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                case Q8_0:
                    if (R == 4) q80k4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q80k4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q80k4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                case Q4_0:
                    if (R == 4) q40k4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q40k4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q40k4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                case Q4_K:
                    if (R == 4) q4kk4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q4kk4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q4kk4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                case Q6_K:
                    if (R == 4) q6kk4x4(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q6kk4x2(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q6kk4x1(w, g, 0, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    return;
                default:
                    throw new AssertionError(w.type);
            }
        }
        for (int hk = 0; hk < 4; hk += 2) {
            switch (w.type) {
                case F32:
                    if (R == 4) f32k2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) f32k2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else f32k2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                case F16:
                    if (R == 4) f16k2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) f16k2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else f16k2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                case BF16:
                    if (R == 4) bf16k2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) bf16k2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else bf16k2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                case Q8_0:
                    if (R == 4) q80k2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q80k2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q80k2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                case Q4_0:
                    if (R == 4) q40k2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q40k2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q40k2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                case Q4_K:
                    if (R == 4) q4kk2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q4kk2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q4kk2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                case Q6_K:
                    if (R == 4) q6kk2x4(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else if (R == 2) q6kk2x2(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    else q6kk2x1(w, g, hk, c0, c1, acc, x, x0, xs, xsum, s0, ss, y, y0, ys, tmp);
                    break;
                default:
                    throw new AssertionError(w.type);
            }
        }
    }
}
