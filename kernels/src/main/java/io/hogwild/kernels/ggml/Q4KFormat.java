package io.hogwild.kernels.ggml;

import java.nio.ByteBuffer;

/**
 * Q4_K: super-blocks of 256 values in 144 bytes, made of 8 sub-blocks of 32 values, each with its own
 * 6-bit scale {@code sc[j]} and 6-bit min {@code m[j]}.
 *
 * <pre>
 * offset 0    f16  d          super-block scale of the scales
 * offset 2    f16  dmin       super-block scale of the mins
 * offset 4    u8   s[12]      sc[0..7], m[0..7], 6 bits each, packed (below)
 * offset 16   u8   qs[128]    4-bit quants: for group g = 0..3 (values 64g .. 64g+63), bytes
 *                             qs[32g .. 32g+31]: low nibble of qs[32g+l] is value 64g+l (sub-block 2g),
 *                             high nibble is value 64g+32+l (sub-block 2g+1)
 * value in sub-block j = d * sc[j] * q - dmin * m[j],   q in 0..15
 * </pre>
 *
 * Scale/min packing (ggml's {@code get_scale_min_k4}):
 * <pre>
 * j &lt; 4:  sc[j] = s[j] &amp; 63                        m[j] = s[j+4] &amp; 63
 * j &gt;= 4: sc[j] = (s[j+4] &amp; 15) | (s[j-4] &gt;&gt; 6) &lt;&lt; 4   m[j] = (s[j+4] &gt;&gt; 4) | (s[j] &gt;&gt; 6) &lt;&lt; 4
 * </pre>
 * i.e. bytes 0..3 hold sc[0..3] in their low 6 bits and the top 2 bits of sc[4..7] above; bytes 4..7 hold
 * m[0..3] and the top 2 bits of m[4..7]; bytes 8..11 hold the low nibbles of sc[4..7] (low) and m[4..7]
 * (high).
 *
 * <p>Quantizer (a min/max fit, not llama.cpp's iterative search): for each sub-block let
 * {@code o = -min(0, min x)} (the offset, kept non-negative as in ggml) and {@code hi = max x}. Then
 * <ol>
 *   <li>{@code dmin} = float16 of {@code max o / 63}, nudged up so {@code 63 dmin >= max o};
 *       {@code m = ceil(o / dmin)}, so the sub-block offset {@code M = dmin m} satisfies
 *       {@code o <= M < o + dmin};</li>
 *   <li>each sub-block needs step {@code need = (hi + M) / 15} to cover {@code [-M, hi]};
 *       {@code d} = float16 of {@code max need / 63}, nudged up to cover; {@code sc = ceil(need / d)}, so
 *       the step {@code D = d sc} satisfies {@code need <= D < need + d};</li>
 *   <li>values are re-quantized against the stored {@code D} and {@code M}: {@code q = rint((x + M) / D)}.
 *       Since {@code -M <= x <= 15 D - M}, no value clamps.</li>
 * </ol>
 * Error bound per value in sub-block j: {@code |err| <= D/2 < (range_j + dmin)/30 + d/2}, with
 * {@code range_j = max x - min(0, min x)}, {@code dmin <= (amax/63)(1 + 2^-10)} and
 * {@code d <= (max_j need_j / 63)(1 + 2^-10)} (amax over the super-block; scales in the normal float16
 * range), plus one float rounding of the decoded value. Roughly: half a step of range/15.
 */
final class Q4KFormat {
    static final int QK = 256;
    static final int BLOCK_BYTES = 144;
    private static final int SUB = 32;
    private static final int SCALES = 4;
    private static final int QS = 16;

    private Q4KFormat() {}

    /** Unpacks the 6-bit scales and mins of sub-blocks 0..7 from the 12 bytes at absolute index {@code s}. */
    static void unpackScalesMins(ByteBuffer b, int s, int[] sc, int[] m) {
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                sc[j] = b.get(s + j) & 63;
                m[j] = b.get(s + j + 4) & 63;
            } else {
                int low = b.get(s + j + 4) & 0xFF;
                sc[j] = (low & 0x0F) | (((b.get(s + j - 4) & 0xFF) >>> 6) << 4);
                m[j] = (low >>> 4) | (((b.get(s + j) & 0xFF) >>> 6) << 4);
            }
        }
    }

    /** Packs 6-bit scales and mins (each 0..63) of sub-blocks 0..7 into 12 bytes at absolute index {@code s}. */
    static void packScalesMins(int[] sc, int[] m, ByteBuffer b, int s) {
        byte[] out = new byte[12];
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                out[j] |= (byte) sc[j];
                out[j + 4] |= (byte) m[j];
            } else {
                out[j + 4] = (byte) ((sc[j] & 0x0F) | ((m[j] & 0x0F) << 4));
                out[j - 4] |= (byte) ((sc[j] >>> 4) << 6);
                out[j] |= (byte) ((m[j] >>> 4) << 6);
            }
        }
        for (int i = 0; i < 12; i++) b.put(s + i, out[i]);
    }

    /** Decodes the super-block at absolute index {@code p} of little-endian {@code b} into {@code dst[off..off+256)}. */
    static void dequantizeBlock(ByteBuffer b, int p, float[] dst, int off) {
        float d = Float16.toFloat(b.getShort(p));
        float dmin = Float16.toFloat(b.getShort(p + 2));
        int[] sc = new int[8];
        int[] m = new int[8];
        unpackScalesMins(b, p + SCALES, sc, m);
        for (int g = 0; g < 4; g++) {
            float d1 = d * sc[2 * g];
            float m1 = dmin * m[2 * g];
            float d2 = d * sc[2 * g + 1];
            float m2 = dmin * m[2 * g + 1];
            for (int l = 0; l < SUB; l++) {
                int packed = b.get(p + QS + SUB * g + l) & 0xFF;
                dst[off + 64 * g + l] = d1 * (packed & 0x0F) - m1;
                dst[off + 64 * g + SUB + l] = d2 * (packed >>> 4) - m2;
            }
        }
    }

    /** Encodes {@code src[off..off+256)} as one super-block at absolute index {@code p} of little-endian {@code b}. */
    static void quantizeBlock(float[] src, int off, ByteBuffer b, int p) {
        double[] offset = new double[8]; // o_j = -min(0, min x) >= 0
        double[] hi = new double[8];     // max x
        double maxOffset = 0;
        for (int j = 0; j < 8; j++) {
            double lo = 0;
            double h = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < SUB; l++) {
                double x = src[off + SUB * j + l];
                lo = Math.min(lo, x);
                h = Math.max(h, x);
            }
            offset[j] = -lo;
            hi[j] = h;
            maxOffset = Math.max(maxOffset, offset[j]);
        }

        short dminBits = ScaleMath.coveringScale(maxOffset, 63);
        float dmin = Float16.toFloat(dminBits);
        int[] m = new int[8];
        float[] mins = new float[8]; // M_j = dmin * m_j, exactly as the decoder computes it
        double[] need = new double[8];
        double maxNeed = 0;
        for (int j = 0; j < 8; j++) {
            m[j] = ScaleMath.ceilMultiple(offset[j], dmin, 63);
            mins[j] = dmin * m[j];
            need[j] = Math.max(0, (hi[j] + mins[j]) / 15);
            maxNeed = Math.max(maxNeed, need[j]);
        }

        short dBits = ScaleMath.coveringScale(maxNeed, 63);
        float d = Float16.toFloat(dBits);
        int[] sc = new int[8];
        for (int j = 0; j < 8; j++) sc[j] = ScaleMath.ceilMultiple(need[j], d, 63);

        b.putShort(p, dBits);
        b.putShort(p + 2, dminBits);
        packScalesMins(sc, m, b, p + SCALES);
        for (int g = 0; g < 4; g++) {
            for (int l = 0; l < SUB; l++) {
                int q0 = quant(src[off + 64 * g + l], d * sc[2 * g], mins[2 * g]);
                int q1 = quant(src[off + 64 * g + SUB + l], d * sc[2 * g + 1], mins[2 * g + 1]);
                b.put(p + QS + SUB * g + l, (byte) (q0 | (q1 << 4)));
            }
        }
    }

    /** The q in 0..15 whose {@code step * q - min} is nearest {@code x}. */
    private static int quant(float x, float step, float min) {
        if (step == 0f) return 0;
        double q = Math.rint(((double) x + min) / step);
        return (int) Math.max(0, Math.min(15, q));
    }
}
