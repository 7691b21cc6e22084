package io.hogwild.kernels.cpu;

import io.hogwild.kernels.ggml.Float16;

/** Plain-Java kernels: used without the Vector API module; simple loops with a few independent sums. */
final class JavaKernels implements Kernels {

    @Override
    public String name() {
        return "java";
    }

    /**
     * Panel by panel, each output's chunk chains and chunk sums exactly as {@link VectorMatmul} forms them,
     * with {@link Math#fma}.
     */
    @Override
    public void matmul(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] y, int yStride,
                       Scratch scratch) {
        if (w.family == CpuWeights.NIBBLE_HALF || w.family == CpuWeights.INT8_HALF) {
            blockSums(w, from, to, x, xStride, n, y, yStride);
            return;
        }
        int cols = w.cols;
        float[] acc = scratch.tmp;
        int p = w.panel;
        float[] col = scratch.row(p * cols);
        for (int p0 = from; p0 < Math.min(to, w.paddedRows()); p0 += p) {
            int live = Math.min(p, w.rows - p0);
            for (int i = 0; i < cols; i++) { // decode the panel once, in chain order
                int k = Kernels.columnOrder(w, i);
                for (int l = 0; l < p; l++) col[i * p + l] = decode(w, p0 + l, k);
            }
            for (int r = 0; r < n; r++) {
                for (int c0 = 0; c0 < cols; c0 += CHUNK) {
                    java.util.Arrays.fill(acc, 0, p, 0f);
                    for (int i = c0; i < Math.min(cols, c0 + CHUNK); i++) {
                        float xv = x[r * xStride + Kernels.columnOrder(w, i)];
                        for (int l = 0; l < p; l++) acc[l] = Math.fma(col[i * p + l], xv, acc[l]);
                    }
                    for (int l = 0; l < live; l++) y[r * yStride + p0 + l] = c0 == 0 ? acc[l] : y[r * yStride + p0 + l] + acc[l];
                }
            }
        }
    }

    /**
     * Q8_0 and Q4_0 (over {@link Kernels#foldNibbles folded} activations): the per-block chains of
     * {@code VectorMatmul}'s blocked kernels, output by output.
     */
    private static void blockSums(CpuWeights w, int from, int to, float[] x, int xStride, int n, float[] y,
                                  int yStride) {
        boolean nibbles = w.family == CpuWeights.NIBBLE_HALF;
        int cols = w.cols;
        for (int r = from; r < Math.min(to, w.rows); r++) {
            for (int a = 0; a < n; a++) {
                int out = a * yStride + r;
                for (int c0 = 0; c0 < cols; c0 += CHUNK) {
                    float sum = 0;
                    for (int blk = c0 / 32; blk < Math.min(cols, c0 + CHUNK) / 32; blk++) {
                        float p = 0;
                        if (nibbles) {
                            int xo = a * xStride + blk * 33;
                            for (int kk = 0, at = w.nibbleAt(r, blk * 32); kk < 16; kk++, at += w.panel) {
                                int s = w.q[at];
                                p = Math.fma((float) s, x[xo + kk], p);
                                p = Math.fma((float) (s >> 4), x[xo + 16 + kk], p);
                            }
                            p += x[xo + 32];
                        } else {
                            int xo = a * xStride + blk * 32;
                            for (int kk = 0, at = w.at(r, blk * 32); kk < 32; kk++, at += w.panel) {
                                p = Math.fma((float) w.q[at], x[xo + kk], p);
                            }
                        }
                        sum = Math.fma(Float16.toFloat(w.dh[w.scaleAt(r, blk)]), p, sum);
                    }
                    y[out] = c0 == 0 ? sum : y[out] + sum;
                }
            }
        }
    }

    /** Element (r, k) as the matmul kernels decode it (Q4_K with one rounding, by fma). Padding rows are 0. */
    static float decode(CpuWeights w, int r, int k) {
        if (w.family == CpuWeights.NIBBLE) {
            int s = w.scaleAt(r, k / 32);
            return Math.fma((float) w.nibble(r, k), w.d[s], w.m[s]);
        }
        return w.value(r, k);
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

    @Override
    public void dequantizeRow(CpuWeights w, int row, float[] dst, int off) {
        dequantize(w, row, dst, off);
    }

    /** The reference decoding, shared with the vector kernels for their embedding path. */
    static void dequantize(CpuWeights w, int row, float[] dst, int off) {
        for (int k = 0; k < w.cols; k++) dst[off + k] = w.value(row, k);
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
    public void rotateHeads(float[] src, int so, float[] dst, int heads, int hd, io.hogwild.kernels.Rope rope,
                            RopeTables.Entry e, int position, float scale, float[] ex) {
        for (int h = 0; h < heads; h++) {
            System.arraycopy(src, so + h * hd, dst, h * hd, hd);
            RopeTables.rotate(dst, h * hd, rope, e, position, scale, hd);
        }
    }

    /** Keys per attention chunk (any size works: one page of the engine's cache). */
    static final int ATTN_CHUNK = 64;

    @Override
    public int attnChunk() {
        return ATTN_CHUNK;
    }

    /**
     * Scores, softmax bookkeeping and values as {@link Kernels#attendChunk} specifies: the score and value
     * chains are those of the vector kernels ({@link Math#fma}, same order); exp is {@link Math#exp}.
     */
    @Override
    public void attendChunk(float[] q, int heads, int hd, float[] k, int ko, int ks, float[] v, int vo, int n,
                            float[] s, float[] acc, float[] stats, float[] tmp) {
        for (int h = 0; h < heads; h++) {
            int so = h * ATTN_CHUNK;
            java.util.Arrays.fill(s, so, so + n, 0f);
            for (int d = 0; d < hd; d++) { // dimension by dimension: a dimension's keys are contiguous
                float qd = q[h * hd + d];
                int kd = ko + d * ks;
                for (int j = 0; j < n; j++) s[so + j] = Math.fma(qd, k[kd + j], s[so + j]);
            }
            softmax(s, so, n, acc, h * hd, hd, stats, h, heads + h);
            for (int j = 0; j < n; j++) {
                float p = s[so + j];
                int vj = vo + j * hd;
                for (int i = 0; i < hd; i++) acc[h * hd + i] = Math.fma(p, v[vj + i], acc[h * hd + i]);
            }
        }
    }

    /** {@link #attendChunk} with every half widened by {@link Float16#toFloat} where it is read. */
    @Override
    public void attendChunkHalf(float[] q, int heads, int hd, short[] k, int ko, int ks, short[] v, int vo, int n,
                                float[] s, float[] acc, float[] stats, float[] tmp) {
        for (int h = 0; h < heads; h++) {
            int so = h * ATTN_CHUNK;
            java.util.Arrays.fill(s, so, so + n, 0f);
            for (int d = 0; d < hd; d++) {
                float qd = q[h * hd + d];
                int kd = ko + d * ks;
                for (int j = 0; j < n; j++) s[so + j] = Math.fma(qd, Float16.toFloat(k[kd + j]), s[so + j]);
            }
            softmax(s, so, n, acc, h * hd, hd, stats, h, heads + h);
            for (int j = 0; j < n; j++) {
                float p = s[so + j];
                int vj = vo + j * hd;
                for (int i = 0; i < hd; i++) acc[h * hd + i] = Math.fma(p, Float16.toFloat(v[vj + i]), acc[h * hd + i]);
            }
        }
    }

    /**
     * One head's online-softmax bookkeeping for scores s[so .. so + n): running max stats[mi] and sum
     * stats[li] (and acc) brought to the new max, the scores turned into weights exp(s - max) in place and
     * added to the running sum.
     */
    private static void softmax(float[] s, int so, int n, float[] acc, int ao, int hd, float[] stats, int mi, int li) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, s[so + j]);
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
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(s[so + j] - shift);
            s[so + j] = e;
            sum += e;
        }
        stats[li] += sum;
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
