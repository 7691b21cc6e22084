package io.hogwild.kernels.cpu;

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
 * <p>Matmul: for each weight row the quantized blocks are widened to float in registers, scaled once,
 * and used for up to four activation rows at a time; activation rows are taken in blocks of about
 * 256 KiB so that for long batches a thread's chunk of weight rows and a block of activations both stay
 * in L2.
 */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Byte> B = L == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
    static final VectorSpecies<Short> S = L == 16 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;
    private static final VectorOperators.Conversion<Byte, Integer> B2I = VectorOperators.B2I;

    /** Whether the preferred vector shape is one these kernels are written for. */
    static boolean usable() {
        return (L == 8 || L == 16) && I.length() == L;
    }

    @Override
    public String name() {
        return "vector-" + (L * 32);
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private static FloatVector fa(float[] a, int off) {
        return FloatVector.fromArray(F, a, off);
    }

    private static FloatVector bc(float v) {
        return FloatVector.broadcast(F, v);
    }

    /** L int8 values widened to float. */
    private static FloatVector b2f(byte[] q, int off) {
        return (FloatVector) ByteVector.fromArray(B, q, off).convertShape(VectorOperators.B2F, F, 0);
    }

    /** L bytes sign-extended to int lanes. */
    private static IntVector b2i(byte[] q, int off) {
        return (IntVector) ByteVector.fromArray(B, q, off).convertShape(B2I, I, 0);
    }

    private static FloatVector i2f(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }

    /** L IEEE halves to float: magnitude bits moved to float position, rescaled by 2^112; exact when finite. */
    private static FloatVector h2f(short[] a, int off) {
        IntVector v = (IntVector) ShortVector.fromArray(S, a, off).convertShape(VectorOperators.S2I, I, 0);
        return v.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats().mul(0x1p112f);
    }

    /** L bfloat16 codes to float. */
    private static FloatVector bf2f(short[] a, int off) {
        IntVector v = (IntVector) ShortVector.fromArray(S, a, off).convertShape(VectorOperators.S2I, I, 0);
        return v.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static float sum(FloatVector v) {
        return v.reduceLanes(VectorOperators.ADD);
    }

    // ---------------------------------------------------------------------------------------------
    // matmul

    @Override
    public void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] y, int yStride,
                       Scratch scratch) {
        int block = Math.max(4, ((1 << 16) / w.cols) & ~3);
        for (int r0 = 0; r0 < n; r0 += block) {
            int r1 = Math.min(n, r0 + block);
            for (int o = from; o < to; o++) {
                int r = r0;
                for (; r + 4 <= r1; r += 4) rows4(w, o, x, r * xStride, xStride, y, r * yStride + o, yStride);
                if (r + 2 <= r1) {
                    rows2(w, o, x, r * xStride, xStride, y, r * yStride + o, yStride);
                    r += 2;
                }
                if (r < r1) y[r * yStride + o] = rows1(w, o, x, r * xStride);
            }
        }
    }

    private static float rows1(CpuWeights w, int o, float[] x, int xo) {
        switch (w.type) {
            case F32: return f32x1(w.f32, o * w.cols, w.cols, x, xo);
            case F16: return f16x1(w.half, o * w.cols, w.cols, x, xo, false);
            case BF16: return f16x1(w.half, o * w.cols, w.cols, x, xo, true);
            case Q8_0: return q80x1(w, o, x, xo);
            case Q4_0: return q40x1(w, o, x, xo);
            case Q4_K: return q4kx1(w, o, x, xo);
            case Q6_K: return q6kx1(w, o, x, xo);
            default: throw new AssertionError(w.type);
        }
    }

    private static void rows2(CpuWeights w, int o, float[] x, int xo, int xs, float[] y, int yo, int ys) {
        switch (w.type) {
            case F32: f32x2(w.f32, o * w.cols, w.cols, x, xo, xs, y, yo, ys); return;
            case F16: f16x2(w.half, o * w.cols, w.cols, x, xo, xs, y, yo, ys, false); return;
            case BF16: f16x2(w.half, o * w.cols, w.cols, x, xo, xs, y, yo, ys, true); return;
            case Q8_0: q80x2(w, o, x, xo, xs, y, yo, ys); return;
            case Q4_0: q40x2(w, o, x, xo, xs, y, yo, ys); return;
            case Q4_K: q4kx2(w, o, x, xo, xs, y, yo, ys); return;
            case Q6_K: q6kx2(w, o, x, xo, xs, y, yo, ys); return;
            default: throw new AssertionError(w.type);
        }
    }

    private static void rows4(CpuWeights w, int o, float[] x, int xo, int xs, float[] y, int yo, int ys) {
        switch (w.type) {
            case F32: f32x4(w.f32, o * w.cols, w.cols, x, xo, xs, y, yo, ys); return;
            case F16: f16x4(w.half, o * w.cols, w.cols, x, xo, xs, y, yo, ys, false); return;
            case BF16: f16x4(w.half, o * w.cols, w.cols, x, xo, xs, y, yo, ys, true); return;
            case Q8_0: q80x4(w, o, x, xo, xs, y, yo, ys); return;
            case Q4_0: q40x4(w, o, x, xo, xs, y, yo, ys); return;
            case Q4_K: q4kx4(w, o, x, xo, xs, y, yo, ys); return;
            case Q6_K: q6kx4(w, o, x, xo, xs, y, yo, ys); return;
            default: throw new AssertionError(w.type);
        }
    }

    // F32 ---------------------------------------------------------------------------------------

    private static float f32x1(float[] w, int wo, int cols, float[] x, int xo) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= cols; i += 2 * L) {
            a0 = fa(w, wo + i).fma(fa(x, xo + i), a0);
            a1 = fa(w, wo + i + L).fma(fa(x, xo + i + L), a1);
        }
        for (; i + L <= cols; i += L) a0 = fa(w, wo + i).fma(fa(x, xo + i), a0);
        float s = sum(a0.add(a1));
        for (; i < cols; i++) s += w[wo + i] * x[xo + i];
        return s;
    }

    private static void f32x2(float[] w, int wo, int cols, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        int x1 = x0 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector wv = fa(w, wo + i);
            a0 = wv.fma(fa(x, x0 + i), a0);
            a1 = wv.fma(fa(x, x1 + i), a1);
        }
        float s0 = sum(a0);
        float s1 = sum(a1);
        for (; i < cols; i++) {
            s0 += w[wo + i] * x[x0 + i];
            s1 += w[wo + i] * x[x1 + i];
        }
        y[y0] = s0;
        y[y0 + ys] = s1;
    }

    private static void f32x4(float[] w, int wo, int cols, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector wv = fa(w, wo + i);
            a0 = wv.fma(fa(x, x0 + i), a0);
            a1 = wv.fma(fa(x, x1 + i), a1);
            a2 = wv.fma(fa(x, x2 + i), a2);
            a3 = wv.fma(fa(x, x3 + i), a3);
        }
        float s0 = sum(a0);
        float s1 = sum(a1);
        float s2 = sum(a2);
        float s3 = sum(a3);
        for (; i < cols; i++) {
            float wi = w[wo + i];
            s0 += wi * x[x0 + i];
            s1 += wi * x[x1 + i];
            s2 += wi * x[x2 + i];
            s3 += wi * x[x3 + i];
        }
        y[y0] = s0;
        y[y0 + ys] = s1;
        y[y0 + 2 * ys] = s2;
        y[y0 + 3 * ys] = s3;
    }

    // F16 / BF16 --------------------------------------------------------------------------------

    private static FloatVector half(short[] w, int off, boolean bf16) {
        return bf16 ? bf2f(w, off) : h2f(w, off);
    }

    private static float halfScalar(short h, boolean bf16) {
        return bf16 ? Float.intBitsToFloat(h << 16) : io.hogwild.kernels.ggml.Float16.toFloat(h);
    }

    private static float f16x1(short[] w, int wo, int cols, float[] x, int xo, boolean bf16) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= cols; i += 2 * L) {
            a0 = half(w, wo + i, bf16).fma(fa(x, xo + i), a0);
            a1 = half(w, wo + i + L, bf16).fma(fa(x, xo + i + L), a1);
        }
        for (; i + L <= cols; i += L) a0 = half(w, wo + i, bf16).fma(fa(x, xo + i), a0);
        float s = sum(a0.add(a1));
        for (; i < cols; i++) s += halfScalar(w[wo + i], bf16) * x[xo + i];
        return s;
    }

    private static void f16x2(short[] w, int wo, int cols, float[] x, int x0, int xs, float[] y, int y0, int ys,
                              boolean bf16) {
        int x1 = x0 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector wv = half(w, wo + i, bf16);
            a0 = wv.fma(fa(x, x0 + i), a0);
            a1 = wv.fma(fa(x, x1 + i), a1);
        }
        float s0 = sum(a0);
        float s1 = sum(a1);
        for (; i < cols; i++) {
            float wi = halfScalar(w[wo + i], bf16);
            s0 += wi * x[x0 + i];
            s1 += wi * x[x1 + i];
        }
        y[y0] = s0;
        y[y0 + ys] = s1;
    }

    private static void f16x4(short[] w, int wo, int cols, float[] x, int x0, int xs, float[] y, int y0, int ys,
                              boolean bf16) {
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector wv = half(w, wo + i, bf16);
            a0 = wv.fma(fa(x, x0 + i), a0);
            a1 = wv.fma(fa(x, x1 + i), a1);
            a2 = wv.fma(fa(x, x2 + i), a2);
            a3 = wv.fma(fa(x, x3 + i), a3);
        }
        float s0 = sum(a0);
        float s1 = sum(a1);
        float s2 = sum(a2);
        float s3 = sum(a3);
        for (; i < cols; i++) {
            float wi = halfScalar(w[wo + i], bf16);
            s0 += wi * x[x0 + i];
            s1 += wi * x[x1 + i];
            s2 += wi * x[x2 + i];
            s3 += wi * x[x3 + i];
        }
        y[y0] = s0;
        y[y0 + ys] = s1;
        y[y0 + 2 * ys] = s2;
        y[y0 + 3 * ys] = s3;
    }

    // Q8_0 --------------------------------------------------------------------------------------

    private static float q80x1(CpuWeights w, int o, float[] x, int xo) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int qo = o * w.cols;
        int db = o * nb;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int b = 0;
        for (; b + 2 <= nb; b += 2) {
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            for (int k = 0; k < 32; k += L) {
                t0 = b2f(q, qo + b * 32 + k).fma(fa(x, xo + b * 32 + k), t0);
                t1 = b2f(q, qo + b * 32 + 32 + k).fma(fa(x, xo + b * 32 + 32 + k), t1);
            }
            a0 = t0.fma(bc(d[db + b]), a0);
            a1 = t1.fma(bc(d[db + b + 1]), a1);
        }
        if (b < nb) {
            FloatVector t0 = FloatVector.zero(F);
            for (int k = 0; k < 32; k += L) t0 = b2f(q, qo + b * 32 + k).fma(fa(x, xo + b * 32 + k), t0);
            a0 = t0.fma(bc(d[db + b]), a0);
        }
        return sum(a0.add(a1));
    }

    private static void q80x2(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int qo = o * w.cols;
        int db = o * nb;
        int x1 = x0 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            FloatVector dv = bc(d[db + b]);
            for (int k = 0; k < 32; k += L) {
                int i = b * 32 + k;
                FloatVector wv = b2f(q, qo + i).mul(dv);
                a0 = wv.fma(fa(x, x0 + i), a0);
                a1 = wv.fma(fa(x, x1 + i), a1);
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
    }

    private static void q80x4(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int qo = o * w.cols;
        int db = o * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            FloatVector dv = bc(d[db + b]);
            for (int k = 0; k < 32; k += L) {
                int i = b * 32 + k;
                FloatVector wv = b2f(q, qo + i).mul(dv);
                a0 = wv.fma(fa(x, x0 + i), a0);
                a1 = wv.fma(fa(x, x1 + i), a1);
                a2 = wv.fma(fa(x, x2 + i), a2);
                a3 = wv.fma(fa(x, x3 + i), a3);
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
        y[y0 + 2 * ys] = sum(a2);
        y[y0 + 3 * ys] = sum(a3);
    }

    // Q4_0 --------------------------------------------------------------------------------------
    // Block: 16 bytes; value i < 16 is the low nibble of byte i, value 16 + i the high nibble; minus 8.

    private static FloatVector lo4(IntVector v, int bias) {
        return i2f(v.and(0xF).sub(bias));
    }

    private static FloatVector hi4(IntVector v, int bias) {
        return i2f(v.lanewise(VectorOperators.LSHR, 4).and(0xF).sub(bias));
    }

    private static float q40x1(CpuWeights w, int o, float[] x, int xo) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int qo = o * w.cols / 2;
        int db = o * nb;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int b = 0;
        for (; b + 2 <= nb; b += 2) {
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            for (int k = 0; k < 16; k += L) {
                IntVector v0 = b2i(q, qo + b * 16 + k);
                IntVector v1 = b2i(q, qo + b * 16 + 16 + k);
                int i0 = xo + b * 32 + k;
                t0 = lo4(v0, 8).fma(fa(x, i0), t0);
                t0 = hi4(v0, 8).fma(fa(x, i0 + 16), t0);
                t1 = lo4(v1, 8).fma(fa(x, i0 + 32), t1);
                t1 = hi4(v1, 8).fma(fa(x, i0 + 48), t1);
            }
            a0 = t0.fma(bc(d[db + b]), a0);
            a1 = t1.fma(bc(d[db + b + 1]), a1);
        }
        if (b < nb) {
            FloatVector t0 = FloatVector.zero(F);
            for (int k = 0; k < 16; k += L) {
                IntVector v0 = b2i(q, qo + b * 16 + k);
                int i0 = xo + b * 32 + k;
                t0 = lo4(v0, 8).fma(fa(x, i0), t0);
                t0 = hi4(v0, 8).fma(fa(x, i0 + 16), t0);
            }
            a0 = t0.fma(bc(d[db + b]), a0);
        }
        return sum(a0.add(a1));
    }

    private static void q40x2(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int qo = o * w.cols / 2;
        int db = o * nb;
        int x1 = x0 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            FloatVector dv = bc(d[db + b]);
            for (int k = 0; k < 16; k += L) {
                IntVector v = b2i(q, qo + b * 16 + k);
                int i = b * 32 + k;
                FloatVector lo = lo4(v, 8).mul(dv);
                FloatVector hi = hi4(v, 8).mul(dv);
                a0 = lo.fma(fa(x, x0 + i), a0);
                a1 = lo.fma(fa(x, x1 + i), a1);
                a0 = hi.fma(fa(x, x0 + i + 16), a0);
                a1 = hi.fma(fa(x, x1 + i + 16), a1);
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
    }

    private static void q40x4(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        float[] d = w.d;
        int nb = w.cols / 32;
        int qo = o * w.cols / 2;
        int db = o * nb;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            FloatVector dv = bc(d[db + b]);
            for (int k = 0; k < 16; k += L) {
                IntVector v = b2i(q, qo + b * 16 + k);
                int i = b * 32 + k;
                FloatVector lo = lo4(v, 8).mul(dv);
                a0 = lo.fma(fa(x, x0 + i), a0);
                a1 = lo.fma(fa(x, x1 + i), a1);
                a2 = lo.fma(fa(x, x2 + i), a2);
                a3 = lo.fma(fa(x, x3 + i), a3);
                FloatVector hi = hi4(v, 8).mul(dv);
                a0 = hi.fma(fa(x, x0 + i + 16), a0);
                a1 = hi.fma(fa(x, x1 + i + 16), a1);
                a2 = hi.fma(fa(x, x2 + i + 16), a2);
                a3 = hi.fma(fa(x, x3 + i + 16), a3);
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
        y[y0 + 2 * ys] = sum(a2);
        y[y0 + 3 * ys] = sum(a3);
    }

    // Q4_K --------------------------------------------------------------------------------------
    // Block of 256 = 4 chunks of 64; chunk c: 32 bytes, low nibbles are sub-block 2c, high 2c+1.
    // Value = (d * sc) * q - (dmin * m).

    private static float q4kx1(CpuWeights w, int o, float[] x, int xo) {
        byte[] q = w.q;
        byte[] sm = w.sm;
        float[] d = w.d;
        int nb = w.cols / 256;
        FloatVector acc = FloatVector.zero(F);
        float mins = 0;
        for (int b = 0; b < nb; b++) {
            int k = o * nb + b;
            float dd = d[2 * k];
            float dm = d[2 * k + 1];
            int qo = k * 128;
            int xb = xo + b * 256;
            for (int c = 0; c < 4; c++) {
                FloatVector tl = FloatVector.zero(F);
                FloatVector th = FloatVector.zero(F);
                FloatVector sl = FloatVector.zero(F);
                FloatVector sh = FloatVector.zero(F);
                for (int kk = 0; kk < 32; kk += L) {
                    IntVector v = b2i(q, qo + c * 32 + kk);
                    FloatVector xl = fa(x, xb + c * 64 + kk);
                    FloatVector xh = fa(x, xb + c * 64 + 32 + kk);
                    tl = lo4(v, 0).fma(xl, tl);
                    th = hi4(v, 0).fma(xh, th);
                    sl = sl.add(xl);
                    sh = sh.add(xh);
                }
                int s = 16 * k + 2 * c;
                acc = tl.fma(bc(dd * sm[s]), acc);
                acc = th.fma(bc(dd * sm[s + 1]), acc);
                acc = sl.fma(bc(-(dm * sm[s + 8])), acc);
                acc = sh.fma(bc(-(dm * sm[s + 9])), acc);
            }
        }
        return sum(acc) - mins;
    }

    private static void q4kx2(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        byte[] sm = w.sm;
        float[] d = w.d;
        int nb = w.cols / 256;
        int x1 = x0 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            int k = o * nb + b;
            float dd = d[2 * k];
            float dm = d[2 * k + 1];
            int qo = k * 128;
            int xb = b * 256;
            for (int c = 0; c < 4; c++) {
                int s = 16 * k + 2 * c;
                FloatVector dl = bc(dd * sm[s]);
                FloatVector dh = bc(dd * sm[s + 1]);
                FloatVector ml = bc(-(dm * sm[s + 8]));
                FloatVector mh = bc(-(dm * sm[s + 9]));
                for (int kk = 0; kk < 32; kk += L) {
                    IntVector v = b2i(q, qo + c * 32 + kk);
                    int i = xb + c * 64 + kk;
                    FloatVector lo = lo4(v, 0).fma(dl, ml);
                    FloatVector hi = hi4(v, 0).fma(dh, mh);
                    a0 = lo.fma(fa(x, x0 + i), a0);
                    a1 = lo.fma(fa(x, x1 + i), a1);
                    a0 = hi.fma(fa(x, x0 + i + 32), a0);
                    a1 = hi.fma(fa(x, x1 + i + 32), a1);
                }
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
    }

    private static void q4kx4(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        byte[] sm = w.sm;
        float[] d = w.d;
        int nb = w.cols / 256;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            int k = o * nb + b;
            float dd = d[2 * k];
            float dm = d[2 * k + 1];
            int qo = k * 128;
            int xb = b * 256;
            for (int c = 0; c < 4; c++) {
                int s = 16 * k + 2 * c;
                FloatVector dl = bc(dd * sm[s]);
                FloatVector dh = bc(dd * sm[s + 1]);
                FloatVector ml = bc(-(dm * sm[s + 8]));
                FloatVector mh = bc(-(dm * sm[s + 9]));
                for (int kk = 0; kk < 32; kk += L) {
                    IntVector v = b2i(q, qo + c * 32 + kk);
                    int i = xb + c * 64 + kk;
                    FloatVector lo = lo4(v, 0).fma(dl, ml);
                    a0 = lo.fma(fa(x, x0 + i), a0);
                    a1 = lo.fma(fa(x, x1 + i), a1);
                    a2 = lo.fma(fa(x, x2 + i), a2);
                    a3 = lo.fma(fa(x, x3 + i), a3);
                    FloatVector hi = hi4(v, 0).fma(dh, mh);
                    a0 = hi.fma(fa(x, x0 + i + 32), a0);
                    a1 = hi.fma(fa(x, x1 + i + 32), a1);
                    a2 = hi.fma(fa(x, x2 + i + 32), a2);
                    a3 = hi.fma(fa(x, x3 + i + 32), a3);
                }
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
        y[y0 + 2 * ys] = sum(a2);
        y[y0 + 3 * ys] = sum(a3);
    }

    // Q6_K --------------------------------------------------------------------------------------
    // Block of 256 = 2 halves of 128; half h: ql 64 bytes, qh 32 bytes, scales 8. For l < 32:
    // values l, 32+l, 64+l, 96+l are built from ql[l], ql[32+l] nibbles and the 2-bit fields of qh[l].

    /** The four 6-bit values (minus 32) from ql[l], ql[32 + l], qh[l] at j = 0..3. */
    private static IntVector q6(IntVector a, IntVector c, IntVector h, int j) {
        switch (j) {
            case 0: return a.and(0xF).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32);
            case 1: return c.and(0xF).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32);
            case 2: return a.lanewise(VectorOperators.LSHR, 4).and(0xF).or(h.and(0x30)).sub(32);
            default: return c.lanewise(VectorOperators.LSHR, 4).and(0xF).or(h.lanewise(VectorOperators.LSHR, 2).and(0x30)).sub(32);
        }
    }

    private static float q6kx1(CpuWeights w, int o, float[] x, int xo) {
        byte[] q = w.q;
        byte[] sc = w.sm;
        int nb = w.cols / 256;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            int k = o * nb + b;
            float dd = w.d[k];
            for (int h = 0; h < 2; h++) {
                int ql = k * 192 + h * 64;
                int qh = k * 192 + 128 + h * 32;
                int so = k * 16 + h * 8;
                int xb = xo + b * 256 + h * 128;
                for (int l = 0; l < 32; l += L) {
                    int is = so + l / 16;
                    IntVector va = b2i(q, ql + l);
                    IntVector vc = b2i(q, ql + 32 + l);
                    IntVector vh = b2i(q, qh + l);
                    FloatVector t0 = i2f(q6(va, vc, vh, 0)).mul(fa(x, xb + l));
                    FloatVector t1 = i2f(q6(va, vc, vh, 1)).mul(fa(x, xb + 32 + l));
                    FloatVector t2 = i2f(q6(va, vc, vh, 2)).mul(fa(x, xb + 64 + l));
                    FloatVector t3 = i2f(q6(va, vc, vh, 3)).mul(fa(x, xb + 96 + l));
                    a0 = t0.fma(bc(dd * sc[is]), a0);
                    a1 = t1.fma(bc(dd * sc[is + 2]), a1);
                    a0 = t2.fma(bc(dd * sc[is + 4]), a0);
                    a1 = t3.fma(bc(dd * sc[is + 6]), a1);
                }
            }
        }
        return sum(a0.add(a1));
    }

    private static void q6kx2(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        byte[] sc = w.sm;
        int nb = w.cols / 256;
        int x1 = x0 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            int k = o * nb + b;
            float dd = w.d[k];
            for (int h = 0; h < 2; h++) {
                int ql = k * 192 + h * 64;
                int qh = k * 192 + 128 + h * 32;
                int so = k * 16 + h * 8;
                int xb = b * 256 + h * 128;
                for (int l = 0; l < 32; l += L) {
                    int is = so + l / 16;
                    IntVector va = b2i(q, ql + l);
                    IntVector vc = b2i(q, ql + 32 + l);
                    IntVector vh = b2i(q, qh + l);
                    for (int j = 0; j < 4; j++) {
                        FloatVector wv = i2f(q6(va, vc, vh, j)).mul(bc(dd * sc[is + 2 * j]));
                        int i = xb + 32 * j + l;
                        a0 = wv.fma(fa(x, x0 + i), a0);
                        a1 = wv.fma(fa(x, x1 + i), a1);
                    }
                }
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
    }

    private static void q6kx4(CpuWeights w, int o, float[] x, int x0, int xs, float[] y, int y0, int ys) {
        byte[] q = w.q;
        byte[] sc = w.sm;
        int nb = w.cols / 256;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            int k = o * nb + b;
            float dd = w.d[k];
            for (int h = 0; h < 2; h++) {
                int ql = k * 192 + h * 64;
                int qh = k * 192 + 128 + h * 32;
                int so = k * 16 + h * 8;
                int xb = b * 256 + h * 128;
                for (int l = 0; l < 32; l += L) {
                    int is = so + l / 16;
                    IntVector va = b2i(q, ql + l);
                    IntVector vc = b2i(q, ql + 32 + l);
                    IntVector vh = b2i(q, qh + l);
                    for (int j = 0; j < 4; j++) {
                        FloatVector wv = i2f(q6(va, vc, vh, j)).mul(bc(dd * sc[is + 2 * j]));
                        int i = xb + 32 * j + l;
                        a0 = wv.fma(fa(x, x0 + i), a0);
                        a1 = wv.fma(fa(x, x1 + i), a1);
                        a2 = wv.fma(fa(x, x2 + i), a2);
                        a3 = wv.fma(fa(x, x3 + i), a3);
                    }
                }
            }
        }
        y[y0] = sum(a0);
        y[y0 + ys] = sum(a1);
        y[y0 + 2 * ys] = sum(a2);
        y[y0 + 3 * ys] = sum(a3);
    }

    // ---------------------------------------------------------------------------------------------
    // dequantize (embedding rows): same products as the reference, so results are identical

    @Override
    public void dequantizeRow(CpuWeights w, int row, float[] dst, int off) {
        int cols = w.cols;
        switch (w.type) {
            case F16: case BF16: {
                boolean bf = w.type == io.hogwild.kernels.ggml.GgmlType.BF16;
                int base = row * cols;
                int i = 0;
                for (; i + L <= cols; i += L) half(w.half, base + i, bf).intoArray(dst, off + i);
                for (; i < cols; i++) dst[off + i] = halfScalar(w.half[base + i], bf);
                return;
            }
            case Q8_0: {
                int nb = cols / 32;
                for (int b = 0; b < nb; b++) {
                    FloatVector dv = bc(w.d[row * nb + b]);
                    for (int k = 0; k < 32; k += L) {
                        dv.mul(b2f(w.q, row * cols + b * 32 + k)).intoArray(dst, off + b * 32 + k);
                    }
                }
                return;
            }
            case Q4_0: {
                int nb = cols / 32;
                for (int b = 0; b < nb; b++) {
                    FloatVector dv = bc(w.d[row * nb + b]);
                    for (int k = 0; k < 16; k += L) {
                        IntVector v = b2i(w.q, row * cols / 2 + b * 16 + k);
                        dv.mul(lo4(v, 8)).intoArray(dst, off + b * 32 + k);
                        dv.mul(hi4(v, 8)).intoArray(dst, off + b * 32 + 16 + k);
                    }
                }
                return;
            }
            default:
                JavaKernels.dequantize(w, row, dst, off);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // element-wise

    @Override
    public float sumSquares(float[] a, int off, int len) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= len; i += 2 * L) {
            FloatVector v0 = fa(a, off + i);
            FloatVector v1 = fa(a, off + i + L);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
        }
        for (; i + L <= len; i += L) {
            FloatVector v = fa(a, off + i);
            s0 = v.fma(v, s0);
        }
        float s = sum(s0.add(s1));
        for (; i < len; i++) s += a[off + i] * a[off + i];
        return s;
    }

    @Override
    public void scaleMul(float[] x, int xo, float s, float[] w, float[] y, int yo, int len) {
        FloatVector sv = bc(s);
        int i = 0;
        for (; i + L <= len; i += L) fa(x, xo + i).mul(sv).mul(fa(w, i)).intoArray(y, yo + i);
        for (; i < len; i++) y[yo + i] = x[xo + i] * s * w[i];
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, int len) {
        int i = 0;
        for (; i + L <= len; i += L) fa(a, ao + i).add(fa(b, bo + i)).intoArray(a, ao + i);
        for (; i < len; i++) a[ao + i] += b[bo + i];
    }

    @Override
    public void siluMul(float[] g, int go, float[] u, int uo, int len) {
        FloatVector one = bc(1f);
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector v = fa(g, go + i);
            v.div(exp(v.neg()).add(one)).mul(fa(u, uo + i)).intoArray(g, go + i);
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

    /**
     * e^x, relative error about 2e-7, for any x (clamped to [-87, 88], so results below about 1.6e-38 are
     * that value rather than smaller). Range reduction x = n ln2 + r, a degree-6 polynomial for e^r, and
     * 2^n put straight into the exponent bits.
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector t = x.fma(bc(LOG2E), bc(MAGIC));
        FloatVector n = t.sub(MAGIC);
        IntVector ni = t.reinterpretAsInts().sub(MAGIC_BITS);
        FloatVector r = n.fma(bc(-LN2_HI), x);
        r = n.fma(bc(-LN2_LO), r);
        FloatVector p = bc(1.9875691500E-4f);
        p = p.fma(r, bc(1.3981999507E-3f));
        p = p.fma(r, bc(8.3334519073E-3f));
        p = p.fma(r, bc(4.1665795894E-2f));
        p = p.fma(r, bc(1.6666665459E-1f));
        p = p.fma(r, bc(5.0000001201E-1f));
        FloatVector y = p.fma(r.mul(r), r.add(1f));
        return y.reinterpretAsInts().add(ni.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
    }

    // ---------------------------------------------------------------------------------------------
    // attention

    @Override
    public void scores(float[] q, int qo, float[] k, int ko, int count, int hd, float[] s, int so) {
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            int k0 = ko + j * hd;
            int k1 = k0 + hd;
            int k2 = k1 + hd;
            int k3 = k2 + hd;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int i = 0;
            for (; i + L <= hd; i += L) {
                FloatVector qv = fa(q, qo + i);
                a0 = qv.fma(fa(k, k0 + i), a0);
                a1 = qv.fma(fa(k, k1 + i), a1);
                a2 = qv.fma(fa(k, k2 + i), a2);
                a3 = qv.fma(fa(k, k3 + i), a3);
            }
            float s0 = sum(a0);
            float s1 = sum(a1);
            float s2 = sum(a2);
            float s3 = sum(a3);
            for (; i < hd; i++) {
                float qi = q[qo + i];
                s0 += qi * k[k0 + i];
                s1 += qi * k[k1 + i];
                s2 += qi * k[k2 + i];
                s3 += qi * k[k3 + i];
            }
            s[so + j] = s0;
            s[so + j + 1] = s1;
            s[so + j + 2] = s2;
            s[so + j + 3] = s3;
        }
        for (; j < count; j++) {
            int k0 = ko + j * hd;
            FloatVector a0 = FloatVector.zero(F);
            int i = 0;
            for (; i + L <= hd; i += L) a0 = fa(q, qo + i).fma(fa(k, k0 + i), a0);
            float s0 = sum(a0);
            for (; i < hd; i++) s0 += q[qo + i] * k[k0 + i];
            s[so + j] = s0;
        }
    }

    @Override
    public float max(float[] s, int so, int count) {
        float m = Float.NEGATIVE_INFINITY;
        int j = 0;
        if (count >= L) {
            FloatVector mv = fa(s, so);
            for (j = L; j + L <= count; j += L) mv = mv.max(fa(s, so + j));
            m = mv.reduceLanes(VectorOperators.MAX);
        }
        for (; j < count; j++) m = Math.max(m, s[so + j]);
        return m;
    }

    @Override
    public float expShift(float[] s, int so, int count, float shift) {
        FloatVector sh = bc(shift);
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j + L <= count; j += L) {
            FloatVector e = exp(fa(s, so + j).sub(sh));
            e.intoArray(s, so + j);
            acc = acc.add(e);
        }
        float sum = sum(acc);
        for (; j < count; j++) {
            float e = (float) Math.exp(s[so + j] - shift);
            s[so + j] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    public void scale(float[] a, int ao, int len, float c) {
        FloatVector cv = bc(c);
        int i = 0;
        for (; i + L <= len; i += L) fa(a, ao + i).mul(cv).intoArray(a, ao + i);
        for (; i < len; i++) a[ao + i] *= c;
    }

    @Override
    public void accumulate(float[] acc, int ao, float[] v, int vo, float[] p, int po, int count, int hd) {
        int i = 0;
        for (; i + L <= hd; i += L) {
            FloatVector a0 = fa(acc, ao + i);
            FloatVector a1 = FloatVector.zero(F);
            int j = 0;
            for (; j + 2 <= count; j += 2) {
                a0 = fa(v, vo + j * hd + i).fma(bc(p[po + j]), a0);
                a1 = fa(v, vo + (j + 1) * hd + i).fma(bc(p[po + j + 1]), a1);
            }
            if (j < count) a0 = fa(v, vo + j * hd + i).fma(bc(p[po + j]), a0);
            a0.add(a1).intoArray(acc, ao + i);
        }
        for (; i < hd; i++) {
            float a = acc[ao + i];
            for (int j = 0; j < count; j++) a += p[po + j] * v[vo + j * hd + i];
            acc[ao + i] = a;
        }
    }
}
