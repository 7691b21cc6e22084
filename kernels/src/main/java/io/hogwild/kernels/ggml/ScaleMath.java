package io.hogwild.kernels.ggml;

/** Small helpers shared by the K-quant quantizers. */
final class ScaleMath {
    private ScaleMath() {}

    /**
     * The float16 {@code h >= 0} nearest to {@code need / steps}, nudged up one float16 step at a time
     * until {@code steps * h >= need}: a super-block scale whose largest multiple still covers
     * {@code need}. For {@code need} in the normal float16 range the result is within a relative 2^-10
     * of {@code need / steps}. Zero for {@code need == 0}.
     */
    static short coveringScale(double need, int steps) {
        if (!(need > 0)) return 0; // zero (NaN inputs are not supported; they also land here)
        short h = Float16.fromFloat((float) (need / steps));
        // Positive float16 bit patterns are ordered like their values, so h + 1 is the next float16 up;
        // the loop ends at the latest at infinity (0x7C00).
        while ((double) steps * Float16.toFloat(h) < need) h++;
        return h;
    }

    /** {@code ceil(need / unit)} clamped to {@code 0..max}; zero when {@code unit} is zero. */
    static int ceilMultiple(double need, float unit, int max) {
        if (unit == 0f || !(need > 0)) return 0;
        return (int) Math.min(max, Math.ceil(need / unit));
    }
}
