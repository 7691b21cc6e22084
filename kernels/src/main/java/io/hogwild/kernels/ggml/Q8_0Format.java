package io.hogwild.kernels.ggml;

import java.nio.ByteBuffer;

/**
 * Q8_0: blocks of 32 values in 34 bytes.
 *
 * <pre>
 * offset 0   f16  d        block scale
 * offset 2   i8   q[32]    value i = d * q[i]
 * </pre>
 *
 * <p>Quantization is ggml's {@code quantize_row_q8_0_ref}: {@code d = amax / 127} (float), stored as
 * float16; {@code q = roundf(x * (1/d))}, rounding half away from zero, computed with the unrounded scale.
 * Error per value: at most half a step, {@code d/2 = amax/254}, plus the float16 rounding of the scale,
 * {@code |q| * |d - f16(d)| <= 127 * d * 2^-11 = amax/2048}. The largest-magnitude value gets
 * {@code q = +-127} and comes back as {@code 127 * f16(amax/127)}: exact whenever {@code amax/127} is a
 * float16, otherwise within a relative 2^-11.
 */
final class Q8_0Format {
    static final int QK = 32;
    static final int BLOCK_BYTES = 34;

    private Q8_0Format() {}

    /** Decodes the block at absolute index {@code p} of little-endian {@code b} into {@code dst[off..off+32)}. */
    static void dequantizeBlock(ByteBuffer b, int p, float[] dst, int off) {
        float d = Float16.toFloat(b.getShort(p));
        for (int i = 0; i < QK; i++) {
            dst[off + i] = b.get(p + 2 + i) * d;
        }
    }

    /** Encodes {@code src[off..off+32)} as one block at absolute index {@code p} of little-endian {@code b}. */
    static void quantizeBlock(float[] src, int off, ByteBuffer b, int p) {
        float amax = 0f;
        for (int i = 0; i < QK; i++) amax = Math.max(amax, Math.abs(src[off + i]));
        float d = amax / 127f;
        float id = d != 0f ? 1f / d : 0f;
        b.putShort(p, Float16.fromFloat(d));
        for (int i = 0; i < QK; i++) {
            int q = roundHalfAway(src[off + i] * id);
            b.put(p + 2 + i, (byte) Math.max(-127, Math.min(127, q)));
        }
    }

    /** C's {@code roundf}: nearest integer, halves away from zero (Math.round would send -2.5 to -2). */
    static int roundHalfAway(float x) {
        float a = Math.abs(x);
        float f = (float) Math.floor(a);
        int r = (int) f + (a - f >= 0.5f ? 1 : 0); // a - f is the exact fraction for |x| < 2^23
        return x < 0 ? -r : r;
    }
}
