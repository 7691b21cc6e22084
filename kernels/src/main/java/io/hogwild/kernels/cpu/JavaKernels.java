package io.hogwild.kernels.cpu;

import io.hogwild.kernels.ggml.Float16;

/** Plain-Java kernels: used without the Vector API module; simple loops with a few independent sums. */
final class JavaKernels implements Kernels {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] xsum, float[] y,
                       int yStride, Scratch scratch) {
        int cols = w.cols;
        float[] row;
        int block = Math.max(1, (1 << 16) / cols); // activation rows per pass, about 256 KiB
        for (int r0 = 0; r0 < n; r0 += block) {
            int r1 = Math.min(n, r0 + block);
            for (int o = from; o < to; o++) {
                int wo;
                if (w.f32 != null) {
                    row = w.f32;
                    wo = o * cols;
                } else {
                    row = scratch.row(cols);
                    dequantizeRow(w, o, row, 0);
                    wo = 0;
                }
                for (int r = r0; r < r1; r++) {
                    y[r * yStride + o] = dot(row, wo, x, r * xStride, cols);
                }
            }
        }
    }

    static float dot(float[] a, int ao, float[] b, int bo, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < len; i++) s0 += a[ao + i] * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ of 32 values in a fixed pairwise order. */
    static float sum32(float[] x, int o) {
        float s = 0;
        for (int i = 0; i < 32; i += 4) s += (x[o + i] + x[o + i + 1]) + (x[o + i + 2] + x[o + i + 3]);
        return s;
    }

    @Override
    public void blockSums(float[] x, int xOff, int blocks, float[] out, int outOff) {
        for (int b = 0; b < blocks; b++) {
            float s = sum32(x, xOff + 32 * b);
            for (int k = 0; k < 4; k++) out[outOff + 4 * b + k] = s;
        }
    }

    @Override
    public boolean wantsBlockSums(io.hogwild.kernels.ggml.GgmlType type) {
        return false;
    }

    @Override
    public void dequantizeRow(CpuWeights w, int row, float[] dst, int off) {
        dequantize(w, row, dst, off);
    }

    /** The reference decoding, shared with the vector kernels for their embedding path. */
    static void dequantize(CpuWeights w, int row, float[] dst, int off) {
        int cols = w.cols;
        int base = row * cols;
        switch (w.type) {
            case F32:
                System.arraycopy(w.f32, base, dst, off, cols);
                return;
            case F16:
                for (int i = 0; i < cols; i++) dst[off + i] = Float16.toFloat(w.half[base + i]);
                return;
            case BF16:
                for (int i = 0; i < cols; i++) dst[off + i] = Float.intBitsToFloat(w.half[base + i] << 16);
                return;
            case Q8_0: {
                int nb = cols / 32;
                for (int b = 0; b < nb; b++) {
                    int u = CpuWeights.unit(row, b, nb);
                    float d = w.d[u];
                    for (int i = 0; i < 32; i++) dst[off + b * 32 + i] = d * w.q[u * 32 + i];
                }
                return;
            }
            case Q4_0: {
                int nb = cols / 32;
                for (int b = 0; b < nb; b++) {
                    int u = CpuWeights.unit(row, b, nb);
                    float d = w.d[u];
                    int o = off + b * 32;
                    for (int i = 0; i < 16; i++) {
                        int v = w.q[u * 16 + i];
                        dst[o + i] = d * ((v & 0xF) - 8);
                        dst[o + 16 + i] = d * (((v >> 4) & 0xF) - 8);
                    }
                }
                return;
            }
            case Q4_K: {
                int ns = cols / 32;
                for (int p = 0; p < cols / 64; p++) {
                    int lo = CpuWeights.unit(row, 2 * p, ns);
                    int hi = CpuWeights.unit(row, 2 * p + 1, ns);
                    int qo = CpuWeights.unit(row, p, cols / 64) * 32;
                    int o = off + p * 64;
                    for (int l = 0; l < 32; l++) {
                        int v = w.q[qo + l];
                        dst[o + l] = w.d[lo] * (v & 0xF) - w.m[lo];
                        dst[o + 32 + l] = w.d[hi] * ((v >> 4) & 0xF) - w.m[hi];
                    }
                }
                return;
            }
            case Q6_K: {
                int nb = cols / 32;
                for (int b = 0; b < nb; b++) {
                    int u = CpuWeights.unit(row, b, nb);
                    for (int i = 0; i < 32; i++) dst[off + b * 32 + i] = w.d[u * 2 + i / 16] * w.q[u * 32 + i];
                }
                return;
            }
            default:
                throw new AssertionError(w.type);
        }
    }

    @Override
    public float sumSquares(float[] a, int off, int len, float[] tmp) {
        return dot(a, off, a, off, len);
    }

    @Override
    public void scaleMul(float[] x, int xo, float s, float[] w, float[] y, int yo, int len) {
        for (int i = 0; i < len; i++) y[yo + i] = x[xo + i] * s * w[i];
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, int len) {
        for (int i = 0; i < len; i++) a[ao + i] += b[bo + i];
    }

    @Override
    public void siluMul(float[] g, int go, float[] u, int uo, int len) {
        for (int i = 0; i < len; i++) {
            float v = g[go + i];
            g[go + i] = v / (1f + (float) Math.exp(-v)) * u[uo + i];
        }
    }

    @Override
    public void attendBlock(float[] q, int qo, float[] k, float[] v, int base, int cnt, int hd, float[] s, int so,
                            float[] acc, int ao, float[] stats, int mi, int li, float[] tmp) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cnt; j++) {
            s[so + j] = dot(q, qo, k, base + j * hd, hd);
            m = Math.max(m, s[so + j]);
        }
        softmaxBlock(s, so, cnt, m, acc, ao, hd, stats, mi, li);
        for (int j = 0; j < cnt; j++) {
            float pj = s[so + j];
            int b = base + j * hd;
            for (int i = 0; i < hd; i++) acc[ao + i] += pj * v[b + i];
        }
    }

    @Override
    public void attendBlockHalf(float[] q, int qo, short[] k, short[] v, int base, int cnt, int hd, float[] s, int so,
                                float[] acc, int ao, float[] stats, int mi, int li, float[] tmp) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cnt; j++) {
            s[so + j] = dotHalf(q, qo, k, base + j * hd, hd);
            m = Math.max(m, s[so + j]);
        }
        softmaxBlock(s, so, cnt, m, acc, ao, hd, stats, mi, li);
        for (int j = 0; j < cnt; j++) {
            float pj = s[so + j];
            int b = base + j * hd;
            for (int i = 0; i < hd; i++) acc[ao + i] += pj * Float16.toFloat(v[b + i]);
        }
    }

    /**
     * The online-softmax bookkeeping of one block whose scores {@code s[so .. so + cnt)} have maximum
     * {@code m}: rescales acc and the running sum to the new running max, turns the scores into weights
     * exp(s - max) and adds them to the running sum.
     */
    private static void softmaxBlock(float[] s, int so, int cnt, float m, float[] acc, int ao, int hd, float[] stats,
                                     int mi, int li) {
        float old = stats[mi];
        if (m > old) {
            if (stats[li] > 0f) {
                float c = (float) Math.exp(old - m);
                for (int i = 0; i < hd; i++) acc[ao + i] *= c;
                stats[li] *= c;
            }
            stats[mi] = m;
        }
        float shift = stats[mi];
        float sum = 0;
        for (int j = 0; j < cnt; j++) {
            float e = (float) Math.exp(s[so + j] - shift);
            s[so + j] = e;
            sum += e;
        }
        stats[li] += sum;
    }

    static float dotHalf(float[] a, int ao, short[] h, int ho, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s0 += a[ao + i] * Float16.toFloat(h[ho + i]);
            s1 += a[ao + i + 1] * Float16.toFloat(h[ho + i + 1]);
            s2 += a[ao + i + 2] * Float16.toFloat(h[ho + i + 2]);
            s3 += a[ao + i + 3] * Float16.toFloat(h[ho + i + 3]);
        }
        for (; i < len; i++) s0 += a[ao + i] * Float16.toFloat(h[ho + i]);
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float streamSum(float[] a, int from, int to) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) s0 += a[i];
        return s0 + s1 + s2 + s3;
    }

    @Override
    public float fmaSpin(long iterations) {
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
        float b = 0.999f;
        float c = 0.001f;
        for (long k = 0; k < iterations; k++) {
            a0 = Math.fma(a0, b, c);
            a1 = Math.fma(a1, b, c);
            a2 = Math.fma(a2, b, c);
            a3 = Math.fma(a3, b, c);
            a4 = Math.fma(a4, b, c);
            a5 = Math.fma(a5, b, c);
            a6 = Math.fma(a6, b, c);
            a7 = Math.fma(a7, b, c);
            a8 = Math.fma(a8, b, c);
            a9 = Math.fma(a9, b, c);
            a10 = Math.fma(a10, b, c);
            a11 = Math.fma(a11, b, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public int lanes() {
        return 1;
    }
}
