package io.hogwild.kernels.ggml;

/** IEEE half and bfloat16 conversions (JDK 17 has no Float.float16ToFloat). */
public final class Float16 {
    private Float16() {}

    public static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        // Normal and subnormal halves alike: place the 15 magnitude bits at the float position and
        // rescale by 2^112 (the exponent bias difference); exact for every finite half.
        float magnitude = Float.intBitsToFloat((bits & 0x7FFF) << 13) * 0x1p112f;
        return sign == 0 ? magnitude : -magnitude;
    }

    /** Round-to-nearest-even float to half; overflow gives infinity. */
    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int abs = x & 0x7FFFFFFF;
        if (abs >= 0x7F800000) { // inf or nan
            return (short) (sign | 0x7C00 | (abs > 0x7F800000 ? 0x200 : 0));
        }
        if (abs >= 0x477FF000) { // rounds to >= 65520: overflow
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x38800000) { // below the smallest normal half: subnormal or zero
            // Count in units of 2^-24 (the half subnormal step). Scaling by a power of two is exact, and
            // rint rounds half to even; a result of 0x400 is the smallest normal half, bit for bit.
            int m = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
            return (short) (sign | m);
        }
        int exp = ((abs >>> 23) - 127 + 15);
        int mant = abs & 0x7FFFFF;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) half++;
        return (short) (sign | half);
    }

    /**
     * As {@link #fromFloat}, but values beyond the half range (infinities included) saturate at ±65504, the
     * largest finite half; NaN stays NaN. The KV cache stores halves this way, so that every stored value is
     * finite or NaN.
     */
    public static short fromFloatSaturating(float f) {
        short h = fromFloat(f);
        return (h & 0x7FFF) == 0x7C00 ? (short) ((h & 0x8000) | 0x7BFF) : h;
    }

    /** The float a bfloat16 stands for (exact: bfloat16 is the top half of a float). */
    public static float bf16ToFloat(short h) {
        return Float.intBitsToFloat((h & 0xFFFF) << 16);
    }

    /** Round-to-nearest-even float to bfloat16; overflow gives infinity, NaN stays a (quiet) NaN. */
    public static short toBf16(float f) {
        int x = Float.floatToRawIntBits(f);
        if ((x & 0x7FFFFFFF) > 0x7F800000) return (short) ((x >>> 16) | 0x40);
        int rounding = 0x7FFF + ((x >>> 16) & 1);
        return (short) ((x + rounding) >>> 16);
    }
}
