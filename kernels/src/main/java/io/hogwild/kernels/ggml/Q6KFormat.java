package io.hogwild.kernels.ggml;

import java.nio.ByteBuffer;

/**
 * Q6_K: super-blocks of 256 values in 210 bytes, made of 16 sub-blocks of 16 values, each with its own
 * signed 8-bit scale.
 *
 * <pre>
 * offset 0     u8   ql[128]     low 4 bits of the quants
 * offset 128   u8   qh[64]      high 2 bits of the quants
 * offset 192   i8   scales[16]  sub-block scales
 * offset 208   f16  d           super-block scale
 * value i = d * scales[i / 16] * (q[i] - 32),   q in 0..63
 * </pre>
 *
 * The quants are interleaved per half of 128 values: for half h = 0, 1, with {@code QL = ql + 64h},
 * {@code QH = qh + 32h}, and l = 0..31:
 * <pre>
 * q[128h + l     ] = (QL[l]      &amp; 15) | ((QH[l] &gt;&gt; 0) &amp; 3) &lt;&lt; 4
 * q[128h + l + 32] = (QL[l + 32] &amp; 15) | ((QH[l] &gt;&gt; 2) &amp; 3) &lt;&lt; 4
 * q[128h + l + 64] = (QL[l]      &gt;&gt; 4) | ((QH[l] &gt;&gt; 4) &amp; 3) &lt;&lt; 4
 * q[128h + l + 96] = (QL[l + 32] &gt;&gt; 4) | ((QH[l] &gt;&gt; 6) &amp; 3) &lt;&lt; 4
 * </pre>
 * (so value {@code 128h + l + 32k} uses scale {@code 8h + l/16 + 2k}).
 *
 * <p>Quantizer (a max fit, not llama.cpp's iterative search): each sub-block needs the step
 * {@code need = max(maxPositive / 31, maxNegative / 32)} so that its values fit {@code -32 .. 31} steps.
 * {@code d} = float16 of {@code max need / 127}, nudged up so {@code 127 d >= max need};
 * {@code scale = ceil(need / d)} in 0..127, so the step {@code D = d scale} satisfies
 * {@code need <= D < need + d}; values are re-quantized against the stored step:
 * {@code q - 32 = rint(x / D)}, which never clamps. Error bound per value: {@code |err| <= D/2 <
 * need/2 + d/2}, i.e. about {@code amax_sub/62 + amax/7874} (amax_sub of the sub-block, amax of the
 * super-block; scales in the normal float16 range). Decoded values are exact floats
 * ({@code d * scale * q} needs at most 11 + 7 + 5 significant bits).
 */
final class Q6KFormat {
    static final int QK = 256;
    static final int BLOCK_BYTES = 210;
    private static final int SUB = 16;
    private static final int QL = 0;
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    private Q6KFormat() {}

    /** Decodes the super-block at absolute index {@code p} of little-endian {@code b} into {@code dst[off..off+256)}. */
    static void dequantizeBlock(ByteBuffer b, int p, float[] dst, int off) {
        float d = Float16.toFloat(b.getShort(p + D));
        for (int h = 0; h < 2; h++) {
            int ql = p + QL + 64 * h;
            int qh = p + QH + 32 * h;
            int sc = p + SCALES + 8 * h;
            int y = off + 128 * h;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int lowA = b.get(ql + l) & 0xFF;
                int lowB = b.get(ql + l + 32) & 0xFF;
                int high = b.get(qh + l) & 0xFF;
                int q1 = ((lowA & 0x0F) | (((high >>> 0) & 3) << 4)) - 32;
                int q2 = ((lowB & 0x0F) | (((high >>> 2) & 3) << 4)) - 32;
                int q3 = ((lowA >>> 4) | (((high >>> 4) & 3) << 4)) - 32;
                int q4 = ((lowB >>> 4) | (((high >>> 6) & 3) << 4)) - 32;
                dst[y + l] = d * b.get(sc + is) * q1;
                dst[y + l + 32] = d * b.get(sc + is + 2) * q2;
                dst[y + l + 64] = d * b.get(sc + is + 4) * q3;
                dst[y + l + 96] = d * b.get(sc + is + 6) * q4;
            }
        }
    }

    /** Encodes {@code src[off..off+256)} as one super-block at absolute index {@code p} of little-endian {@code b}. */
    static void quantizeBlock(float[] src, int off, ByteBuffer b, int p) {
        double[] need = new double[16];
        double maxNeed = 0;
        for (int j = 0; j < 16; j++) {
            double pos = 0;
            double neg = 0;
            for (int l = 0; l < SUB; l++) {
                double x = src[off + SUB * j + l];
                pos = Math.max(pos, x);
                neg = Math.max(neg, -x);
            }
            need[j] = Math.max(pos / 31, neg / 32);
            maxNeed = Math.max(maxNeed, need[j]);
        }
        short dBits = ScaleMath.coveringScale(maxNeed, 127);
        float d = Float16.toFloat(dBits);
        int[] scale = new int[16];
        for (int j = 0; j < 16; j++) scale[j] = ScaleMath.ceilMultiple(need[j], d, 127);

        int[] q = new int[QK]; // 0..63
        for (int i = 0; i < QK; i++) {
            float step = d * scale[i / SUB];
            q[i] = step == 0f ? 32 : 32 + (int) Math.max(-32, Math.min(31, Math.rint(src[off + i] / (double) step)));
        }

        for (int h = 0; h < 2; h++) {
            int ql = p + QL + 64 * h;
            int qh = p + QH + 32 * h;
            int base = 128 * h;
            for (int l = 0; l < 32; l++) {
                int q1 = q[base + l];
                int q2 = q[base + l + 32];
                int q3 = q[base + l + 64];
                int q4 = q[base + l + 96];
                b.put(ql + l, (byte) ((q1 & 0x0F) | ((q3 & 0x0F) << 4)));
                b.put(ql + l + 32, (byte) ((q2 & 0x0F) | ((q4 & 0x0F) << 4)));
                b.put(qh + l, (byte) ((q1 >>> 4) | ((q2 >>> 4) << 2) | ((q3 >>> 4) << 4) | ((q4 >>> 4) << 6)));
            }
        }
        for (int j = 0; j < 16; j++) b.put(p + SCALES + j, (byte) scale[j]);
        b.putShort(p + D, dBits);
    }
}
