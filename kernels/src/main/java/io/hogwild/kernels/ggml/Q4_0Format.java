package io.hogwild.kernels.ggml;

import java.nio.ByteBuffer;

/**
 * Q4_0: blocks of 32 values in 18 bytes.
 *
 * <pre>
 * offset 0   f16  d         block scale
 * offset 2   u8   qs[16]    low nibble of qs[j] is value j, high nibble is value j + 16
 * value i = d * (q[i] - 8),  q in 0..15
 * </pre>
 *
 * <p>Quantization is ggml's {@code quantize_row_q4_0_ref}. With {@code max} the signed value of largest
 * magnitude (the first such, on ties), {@code d = max / -8}, so that {@code max} maps to {@code q = 0},
 * i.e. {@code d * -8 = max}: the largest-magnitude value is reproduced exactly whenever {@code max/8} is a
 * float16 (in particular whenever {@code max} itself is a normal float16), otherwise within a relative
 * 2^-11. Each value gets {@code q = min(15, trunc(x/d + 8.5))}, i.e. {@code x/d + 8} rounded half up.
 *
 * <p>Error per value, with {@code amax = |max|}: the 16 levels reach {@code -8d .. 7d}, so a value with
 * {@code x/d} in {@code [-8, 7.5)} is within half a step {@code |d|/2 = amax/16}; values of the sign
 * opposite to {@code max} and magnitude above {@code 15/16 amax} clamp to {@code 7d}, error up to
 * {@code |d| = amax/8}. Float16 rounding of {@code d} adds at most {@code 8 * |d| * 2^-11 = amax * 2^-11}.
 */
final class Q4_0Format {
    static final int QK = 32;
    static final int BLOCK_BYTES = 18;

    private Q4_0Format() {}

    /** Decodes the block at absolute index {@code p} of little-endian {@code b} into {@code dst[off..off+32)}. */
    static void dequantizeBlock(ByteBuffer b, int p, float[] dst, int off) {
        float d = Float16.toFloat(b.getShort(p));
        for (int j = 0; j < QK / 2; j++) {
            int packed = b.get(p + 2 + j) & 0xFF;
            dst[off + j] = ((packed & 0x0F) - 8) * d;
            dst[off + j + QK / 2] = ((packed >>> 4) - 8) * d;
        }
    }

    /** Encodes {@code src[off..off+32)} as one block at absolute index {@code p} of little-endian {@code b}. */
    static void quantizeBlock(float[] src, int off, ByteBuffer b, int p) {
        float amax = 0f;
        float max = 0f;
        for (int i = 0; i < QK; i++) {
            float v = src[off + i];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        float d = max / -8f;
        float id = d != 0f ? 1f / d : 0f;
        b.putShort(p, Float16.fromFloat(d));
        for (int j = 0; j < QK / 2; j++) {
            int lo = nibble(src[off + j] * id);
            int hi = nibble(src[off + j + QK / 2] * id);
            b.put(p + 2 + j, (byte) (lo | (hi << 4)));
        }
    }

    /** {@code x/d + 8} rounded half up (C's truncating int conversion of {@code x0 + 8.5f}), into 0..15. */
    private static int nibble(float scaled) {
        return Math.max(0, Math.min(15, (int) (scaled + 8.5f)));
    }
}
