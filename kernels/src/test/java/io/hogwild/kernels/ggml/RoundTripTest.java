package io.hogwild.kernels.ggml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Quantize then dequantize seeded random data and hold every value to a per-value error bound derived
 * from the format and the quantizer (see the bound methods), and the RMS error to the level of uniform
 * rounding noise.
 *
 * <p>Float16 scales carry an 11-bit significand, so rounding a scale costs a relative 2^-11 (2^-10 where
 * the K-quantizers nudge a scale up to keep every value in range). The data's magnitudes keep all scales
 * in the normal float16 range, where those relative bounds hold.
 */
class RoundTripTest {
    private static final int N = 256 * 64; // 16384 values: 512 blocks of 32, 64 super-blocks of 256
    /** Relative slack for float (not float16) rounding in quantizer and decoder: a few float ulps. */
    private static final double SLACK = 1e-5;

    // ------------------------------------------------------------------ data

    private enum Shape { UNIFORM, GAUSSIAN, OUTLIERS, POSITIVE, NEGATIVE, SHIFTED }

    /** Data of the given shape; magnitudes vary per 256 values over {0.05, 1, 300}. */
    private static float[] data(Shape shape, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[N];
        double[] mags = {0.05, 1, 300};
        for (int i = 0; i < N; i++) {
            double mag = mags[(i / 256) % 3];
            double v;
            switch (shape) {
                case UNIFORM: v = 2 * rnd.nextDouble() - 1; break;
                case GAUSSIAN: v = rnd.nextGaussian(); break;
                case OUTLIERS: v = rnd.nextGaussian() * (rnd.nextInt(100) == 0 ? 20 : 1); break;
                case POSITIVE: v = rnd.nextDouble(); break;
                case NEGATIVE: v = -rnd.nextDouble(); break;
                case SHIFTED: v = rnd.nextGaussian() + 3; break;
                default: throw new AssertionError();
            }
            x[i] = (float) (v * mag);
        }
        return x;
    }

    private static float[] roundTrip(GgmlType type, float[] x) {
        ByteBuffer q = Quantization.quantize(type, x);
        assertEquals(type.bytesFor(x.length), q.remaining());
        return Quantization.dequantize(type, q, x.length);
    }

    private static double amax(float[] x, int from, int to) {
        double a = 0;
        for (int i = from; i < to; i++) a = Math.max(a, Math.abs(x[i]));
        return a;
    }

    // ------------------------------------------------------------------ per-value bounds

    /**
     * Q8_0: q = round(x / d) with d = amax/127 is within half a step, d/2 = amax/254, of x; storing d as
     * float16 moves q * d by at most 127 * d * 2^-11 = amax * 2^-11.
     */
    private static double[] boundsQ8_0(float[] x) {
        double[] b = new double[x.length];
        for (int blk = 0; blk < x.length; blk += 32) {
            double a = amax(x, blk, blk + 32);
            for (int i = blk; i < blk + 32; i++) b[i] = a * (1 / 254.0 + Math.pow(2, -11)) * (1 + SLACK);
        }
        return b;
    }

    /**
     * Q4_0: d = max / -8 (max the signed value of largest magnitude), so the levels d*(q-8) span -8d .. 7d.
     * Values with x/d in [-8, 7.5) round to within |d|/2 = amax/16; values of the other sign than max with
     * magnitude above 15/16 amax clamp to 7d, within |d| = amax/8. Float16 rounding of d adds at most
     * |q - 8| * |d| * 2^-11 <= amax * 2^-11.
     */
    private static double[] boundsQ4_0(float[] x) {
        double[] b = new double[x.length];
        for (int blk = 0; blk < x.length; blk += 32) {
            double a = 0;
            double max = 0;
            for (int i = blk; i < blk + 32; i++) {
                if (Math.abs(x[i]) > a) {
                    a = Math.abs(x[i]);
                    max = x[i];
                }
            }
            for (int i = blk; i < blk + 32; i++) {
                boolean clamps = x[i] * Math.signum(max) < -(15.0 / 16) * a * (1 - SLACK);
                b[i] = (clamps ? a / 8 : a / 16) + a * Math.pow(2, -11);
                b[i] *= 1 + SLACK;
            }
        }
        return b;
    }

    /**
     * Q4_K (this quantizer): per sub-block of 32 the offset M covers -min(0, min x) to within one dmin step
     * and the step D covers the remaining range (max x + M)/15 to within one d step, so nothing clamps and
     * |err| <= D/2 < ((range + dmin)/15 + d)/2, with range = max x - min(0, min x). The super-block scales
     * are at most a relative 2^-10 above their targets: dmin <= (amax/63)(1 + 2^-10) and
     * d <= (max_j need_j / 63)(1 + 2^-10), need_j < (range_j + dmin)/15.
     */
    private static double[] boundsQ4K(float[] x) {
        double[] b = new double[x.length];
        double up = 1 + Math.pow(2, -10);
        for (int sb = 0; sb < x.length; sb += 256) {
            double dmin = amax(x, sb, sb + 256) / 63 * up;
            double[] range = new double[8];
            double maxNeed = 0;
            for (int j = 0; j < 8; j++) {
                double lo = 0;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = sb + 32 * j; i < sb + 32 * j + 32; i++) {
                    lo = Math.min(lo, x[i]);
                    hi = Math.max(hi, x[i]);
                }
                range[j] = hi - lo;
                maxNeed = Math.max(maxNeed, (range[j] + dmin) / 15);
            }
            double d = maxNeed / 63 * up;
            for (int i = sb; i < sb + 256; i++) {
                b[i] = 0.5 * ((range[(i - sb) / 32] + dmin) / 15 + d) * (1 + SLACK);
            }
        }
        return b;
    }

    /**
     * Q6_K (this quantizer): per sub-block of 16 the step D covers need = max(maxPositive/31, maxNegative/32)
     * to within one d step, so q - 32 = round(x/D) never clamps and |err| <= D/2 < (need + d)/2, with
     * d <= (max_j need_j / 127)(1 + 2^-10).
     */
    private static double[] boundsQ6K(float[] x) {
        double[] b = new double[x.length];
        double up = 1 + Math.pow(2, -10);
        for (int sb = 0; sb < x.length; sb += 256) {
            double[] need = new double[16];
            double maxNeed = 0;
            for (int j = 0; j < 16; j++) {
                double pos = 0;
                double neg = 0;
                for (int i = sb + 16 * j; i < sb + 16 * j + 16; i++) {
                    pos = Math.max(pos, x[i]);
                    neg = Math.max(neg, -x[i]);
                }
                need[j] = Math.max(pos / 31, neg / 32);
                maxNeed = Math.max(maxNeed, need[j]);
            }
            double d = maxNeed / 127 * up;
            for (int i = sb; i < sb + 256; i++) b[i] = 0.5 * (need[(i - sb) / 16] + d) * (1 + SLACK);
        }
        return b;
    }

    private static double[] bounds(GgmlType type, float[] x) {
        switch (type) {
            case Q8_0: return boundsQ8_0(x);
            case Q4_0: return boundsQ4_0(x);
            case Q4_K: return boundsQ4K(x);
            case Q6_K: return boundsQ6K(x);
            default: throw new AssertionError(type);
        }
    }

    /**
     * Every value within its bound, and the mean squared ratio err/bound at most 0.4. For errors spread
     * uniformly over +-bound (plain rounding noise, half a step each way) that mean is 1/3; bounds above
     * half a step (scale rounding, Q4_0's clamp allowance) only lower it. 0.4 leaves room for sampling,
     * and fails on systematic error such as a biased rounding or an offset by a step.
     */
    private static void check(GgmlType type, Shape shape, long seed) {
        float[] x = data(shape, seed);
        float[] y = roundTrip(type, x);
        double[] bound = bounds(type, x);
        double ratio2 = 0;
        double errRelAmax = 0;
        double err2RelAmax = 0;
        int block = type.blockSize;
        for (int i = 0; i < x.length; i++) {
            double err = Math.abs((double) y[i] - x[i]);
            int at = i;
            assertTrue(err <= bound[i], () -> String.format(Locale.ROOT,
                    "%s %s seed %d: value %d = %s came back as %s, error %.3g > bound %.3g",
                    type, shape, seed, at, x[at], y[at], err, bound[at]));
            ratio2 += (err / bound[i]) * (err / bound[i]);
            double a = amax(x, i / block * block, i / block * block + block);
            errRelAmax = Math.max(errRelAmax, err / a);
            err2RelAmax += (err / a) * (err / a);
        }
        double meanRatio2 = ratio2 / x.length;
        System.out.printf(Locale.ROOT, "%-5s %-9s max|err|/amax = 1/%-6.1f rms(err/amax) = 1/%-6.1f"
                + " mean(err/bound)^2 = %.3f%n", type, shape, 1 / errRelAmax,
                1 / Math.sqrt(err2RelAmax / x.length), meanRatio2);
        assertTrue(meanRatio2 <= 0.4, type + " " + shape + ": mean squared error/bound " + meanRatio2);
    }

    private static void checkAll(GgmlType type) {
        long seed = 1234;
        for (Shape shape : Shape.values()) check(type, shape, seed++);
    }

    @Test
    void q8_0WithinBounds() {
        checkAll(GgmlType.Q8_0);
    }

    @Test
    void q4_0WithinBounds() {
        checkAll(GgmlType.Q4_0);
    }

    @Test
    void q4kWithinBounds() {
        checkAll(GgmlType.Q4_K);
    }

    @Test
    void q6kWithinBounds() {
        checkAll(GgmlType.Q6_K);
    }

    // ------------------------------------------------------------------ exact cases

    @Test
    void zerosStayZero() {
        for (GgmlType t : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K,
                GgmlType.F32, GgmlType.F16, GgmlType.BF16}) {
            float[] y = roundTrip(t, new float[512]);
            for (float v : y) assertEquals(0.0, v, 0.0, t.name());
        }
        // The bytes: Q8_0 is all zero; Q4_0 (as ggml) stores d = 0 / -8 = -0 and every nibble 8.
        ByteBuffer q8 = Quantization.quantize(GgmlType.Q8_0, new float[32]);
        for (int i = 0; i < 34; i++) assertEquals(0, q8.get(i));
        ByteBuffer q4 = Quantization.quantize(GgmlType.Q4_0, new float[32]);
        assertEquals((short) 0x8000, q4.getShort(0));
        for (int i = 2; i < 18; i++) assertEquals((byte) 0x88, q4.get(i));
    }

    private static float[] filled(int n, float c) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, c);
        return x;
    }

    @Test
    void equalValues() {
        // Exact when the scale is a float16: Q8_0 with c = 127 * 2^-7 (d = 2^-7); Q4_0 with c a float16.
        for (float c : new float[] {127 * 0x1p-7f, -127 * 0x1p-3f}) {
            for (float v : roundTrip(GgmlType.Q8_0, filled(64, c))) assertEquals(c, v);
        }
        for (float c : new float[] {-3f, 2.5f, 0.7998046875f, 0x1.3p-9f}) {
            for (float v : roundTrip(GgmlType.Q4_0, filled(64, c))) assertEquals(c, v);
        }
        // Otherwise within the float16 rounding of the scale (2^-11), or for the K types the scale
        // nudge (2^-10, sub-block scale and super-block scale multiply: allow 2^-9).
        for (float c : new float[] {0.3f, -0.3f, 123.456f, -1e-2f}) {
            for (float v : roundTrip(GgmlType.Q8_0, filled(32, c))) assertEquals(c, v, Math.abs(c) * 0x1p-11);
            for (float v : roundTrip(GgmlType.Q4_0, filled(32, c))) assertEquals(c, v, Math.abs(c) * 0x1p-11);
            for (float v : roundTrip(GgmlType.Q4_K, filled(256, c))) assertEquals(c, v, Math.abs(c) * 0x1p-9);
            for (float v : roundTrip(GgmlType.Q6_K, filled(256, c))) assertEquals(c, v, Math.abs(c) * 0x1p-9);
        }
    }

    @Test
    void largestMagnitudeIsExactForQ8_0() {
        Random rnd = new Random(77);
        float[] halves = {0x1.8p-7f, 0x1.ffcp-3f, -0x1.554p+1f, 0x1p-10f * 1.25f};
        for (float h : halves) {
            float[] x = new float[32];
            float amax = 127 * Math.abs(h); // exact; amax / 127 == |h|, a float16
            for (int i = 0; i < 32; i++) x[i] = (float) ((2 * rnd.nextDouble() - 1) * amax * 0.99);
            int at = rnd.nextInt(32);
            x[at] = Math.copySign(amax, h);
            float[] y = roundTrip(GgmlType.Q8_0, x);
            assertEquals(x[at], y[at], "amax element, scale " + h);
        }
        // Any amax: the element gets q = +-127 and comes back within the float16 rounding of the scale.
        for (int trial = 0; trial < 200; trial++) {
            float[] x = new float[32];
            for (int i = 0; i < 32; i++) x[i] = (float) rnd.nextGaussian();
            int at = 0;
            for (int i = 1; i < 32; i++) if (Math.abs(x[i]) > Math.abs(x[at])) at = i;
            ByteBuffer q = Quantization.quantize(GgmlType.Q8_0, x);
            assertEquals(x[at] > 0 ? 127 : -127, q.get(2 + at));
            float y = Quantization.dequantize(GgmlType.Q8_0, q, 32)[at];
            assertEquals(x[at], y, Math.abs(x[at]) * 0x1p-11);
        }
    }

    @Test
    void largestMagnitudeIsExactForQ4_0() {
        Random rnd = new Random(78);
        // Any float16 max works: max / -8 only shifts the exponent, so d is a float16 and d * -8 == max.
        float[] maxes = {-0.7998046875f, 3.1875f, 0x1.ffcp+4f, -0x1.004p-6f};
        for (float max : maxes) {
            float[] x = new float[32];
            for (int i = 0; i < 32; i++) x[i] = (float) ((2 * rnd.nextDouble() - 1) * Math.abs(max) * 0.99);
            int at = rnd.nextInt(32);
            x[at] = max;
            float[] y = roundTrip(GgmlType.Q4_0, x);
            assertEquals(max, y[at], "max element");
        }
        for (int trial = 0; trial < 200; trial++) {
            float[] x = new float[32];
            for (int i = 0; i < 32; i++) x[i] = (float) rnd.nextGaussian();
            int at = 0;
            for (int i = 1; i < 32; i++) if (Math.abs(x[i]) > Math.abs(x[at])) at = i;
            ByteBuffer q = Quantization.quantize(GgmlType.Q4_0, x);
            int nibble = at < 16 ? q.get(2 + at) & 0xF : (q.get(2 + at - 16) >> 4) & 0xF;
            assertEquals(0, nibble, "max maps to the lowest level");
            float y = Quantization.dequantize(GgmlType.Q4_0, q, 32)[at];
            assertEquals(x[at], y, Math.abs(x[at]) * 0x1p-11);
        }
    }

    @Test
    void plainTypesRoundTrip() {
        float[] x = data(Shape.GAUSSIAN, 99);
        float[] y = roundTrip(GgmlType.F32, x);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i]);
        y = roundTrip(GgmlType.F16, x);
        // relative 2^-11 in the normal range; below 2^-14 (subnormal halves) the step is 2^-24
        for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], Math.max(Math.abs(x[i]) * 0x1p-11, 0x1p-25));
        y = roundTrip(GgmlType.BF16, x);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], Math.abs(x[i]) * 0x1p-8);
    }
}
