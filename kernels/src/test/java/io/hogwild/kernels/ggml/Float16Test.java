package io.hogwild.kernels.ggml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {

    /** The half's value straight from the IEEE 754 binary16 definition, in double (exact). */
    private static double halfValue(int bits) {
        int s = (bits >>> 15) & 1;
        int e = (bits >>> 10) & 0x1F;
        int m = bits & 0x3FF;
        double mag = e == 0 ? m * Math.pow(2, -24) : (1 + m / 1024.0) * Math.pow(2, e - 15);
        return s == 1 ? -mag : mag;
    }

    private static void assertHalf(int expectedBits, float f) {
        int got = Float16.fromFloat(f) & 0xFFFF;
        assertEquals(expectedBits, got, () -> "fromFloat(" + f + ") = 0x" + Integer.toHexString(got)
                + ", expected 0x" + Integer.toHexString(expectedBits));
    }

    @Test
    void toFloatMatchesDefinitionForEveryFiniteHalf() {
        for (int h = 0; h < 0x10000; h++) {
            if (((h >>> 10) & 0x1F) == 0x1F) continue;
            float f = Float16.toFloat((short) h);
            assertEquals(halfValue(h), (double) f, "half 0x" + Integer.toHexString(h));
            assertEquals((h & 0x8000) != 0, Float.floatToRawIntBits(f) < 0, "sign of 0x" + Integer.toHexString(h));
        }
    }

    @Test
    void everyFiniteHalfRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            if (((h >>> 10) & 0x1F) == 0x1F) continue;
            float f = Float16.toFloat((short) h);
            assertEquals(h, Float16.fromFloat(f) & 0xFFFF, "bits of 0x" + Integer.toHexString(h));
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(Float16.toFloat(Float16.fromFloat(f))));
        }
    }

    @Test
    void infinitiesAndNans() {
        assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat((short) 0x7C00));
        assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xFC00));
        assertTrue(Float.isNaN(Float16.toFloat((short) 0x7E00)));
        assertTrue(Float.isNaN(Float16.toFloat((short) 0xFC01)));
        assertHalf(0x7C00, Float.POSITIVE_INFINITY);
        assertHalf(0xFC00, Float.NEGATIVE_INFINITY);
        int nan = Float16.fromFloat(Float.NaN) & 0xFFFF;
        assertEquals(0x7C00, nan & 0x7C00);
        assertTrue((nan & 0x3FF) != 0, "NaN keeps a nonzero mantissa");
        // A NaN whose payload lives only in the low float bits must not turn into infinity.
        int low = Float16.fromFloat(Float.intBitsToFloat(0x7F800001)) & 0xFFFF;
        assertTrue((low & 0x3FF) != 0 && (low & 0x7C00) == 0x7C00);
    }

    /**
     * Exhaustive round-to-nearest-even: for every pair of adjacent finite halves (a, b), the midpoint goes
     * to whichever has an even mantissa, and the floats just either side of it go to the nearer half.
     */
    @Test
    void roundsToNearestEvenBetweenEveryAdjacentPair() {
        for (int a = 0; a < 0x7BFF; a++) { // positive: a and a + 1 adjacent, both finite
            for (int sign : new int[] {0, 0x8000}) {
                double lo = halfValue(a | sign);
                double hi = halfValue((a + 1) | sign);
                float mid = (float) ((lo + hi) / 2); // exact: 12 significant bits at most
                assertEquals((lo + hi) / 2, (double) mid);
                int even = (a & 1) == 0 ? a : a + 1;
                assertHalf(even | sign, mid);
                float towardLo = sign == 0 ? Math.nextDown(mid) : Math.nextUp(mid);
                float towardHi = sign == 0 ? Math.nextUp(mid) : Math.nextDown(mid);
                assertHalf(a | sign, towardLo);
                assertHalf((a + 1) | sign, towardHi);
            }
        }
    }

    @Test
    void roundingSpotChecks() {
        assertHalf(0x3C00, 1.0f);
        assertHalf(0x3C00, 1.0f + 0x1p-11f);           // tie between 0x3C00 and 0x3C01: even
        assertHalf(0x3C01, 1.0f + 0x1p-11f + 0x1p-20f); // just above the tie
        assertHalf(0x3C02, 1.0f + 3 * 0x1p-11f);       // tie between 0x3C01 and 0x3C02: even
        assertHalf(0x3C01, 1.0f + 3 * 0x1p-11f - 0x1p-20f);
        assertHalf(0xBC00, -1.0f - 0x1p-11f);
        assertHalf(0x3555, 1f / 3);                      // 0.333251953125
        assertHalf(0x2E66, 0.1f);                        // 0.0999755859375
        assertHalf(0x4248, 3.140625f);
        assertHalf(0x3800, 0.5f);
        assertHalf(0x0000, 0.0f);
        assertHalf(0x8000, -0.0f);
        // Mantissa carry into the exponent: 2 - 2^-12 is above the midpoint of 0x3FFF and 2.0.
        assertHalf(0x4000, 2.0f - 0x1p-12f);
    }

    @Test
    void subnormals() {
        assertHalf(0x0001, 0x1p-24f);                  // smallest subnormal
        assertHalf(0x0000, 0x1p-25f);                  // tie between 0 and 2^-24: even is 0
        assertHalf(0x0001, Math.nextUp(0x1p-25f));
        assertHalf(0x0002, 1.5f * 0x1p-24f);           // tie between 1 and 2 units: even is 2
        assertHalf(0x0002, 2.5f * 0x1p-24f);           // tie between 2 and 3 units: even is 2
        assertHalf(0x03FF, 1023 * 0x1p-24f);           // largest subnormal
        assertHalf(0x0400, 1023.5f * 0x1p-24f);        // tie with the smallest normal: even is 0x400
        assertHalf(0x0400, 0x1p-14f);                  // smallest normal
        assertHalf(0x8001, -0x1p-24f);
        assertHalf(0x0000, Float.MIN_VALUE);
        assertHalf(0x8000, -Float.MIN_VALUE);
        assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
        assertEquals(1023 * 0x1p-24f, Float16.toFloat((short) 0x03FF));
        assertEquals(-0x1p-24f, Float16.toFloat((short) 0x8001));
    }

    @Test
    void overflowGoesToInfinity() {
        assertHalf(0x7BFF, 65504f);                    // largest half
        assertHalf(0x7BFF, Math.nextDown(65520f));     // below the tie with 2^16
        assertHalf(0x7C00, 65520f);                    // tie between 65504 (odd) and 2^16: infinity
        assertHalf(0x7C00, 1e6f);
        assertHalf(0x7C00, Float.MAX_VALUE);
        assertHalf(0xFBFF, -65504f);
        assertHalf(0xFC00, -65520f);
        assertHalf(0xFC00, -Float.MAX_VALUE);
    }

    @Test
    void saturatingConversionClampsOverflowOnly() {
        // below the overflow threshold it is fromFloat, bit for bit
        java.util.Random rnd = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(40) - 24));
            if (Math.abs(f) < 65504f) assertEquals(Float16.fromFloat(f), Float16.fromFloatSaturating(f), "at " + f);
        }
        assertEquals(0x7BFF, Float16.fromFloatSaturating(65504f) & 0xFFFF);
        assertEquals(0x7BFF, Float16.fromFloatSaturating(65520f) & 0xFFFF); // fromFloat: infinity
        assertEquals(0x7BFF, Float16.fromFloatSaturating(1e30f) & 0xFFFF);
        assertEquals(0xFBFF, Float16.fromFloatSaturating(-1e30f) & 0xFFFF);
        assertEquals(0x7BFF, Float16.fromFloatSaturating(Float.POSITIVE_INFINITY) & 0xFFFF);
        assertEquals(0xFBFF, Float16.fromFloatSaturating(Float.NEGATIVE_INFINITY) & 0xFFFF);
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloatSaturating(Float.NaN))));
    }

    @Test
    void bf16RoundTripsEveryFiniteValue() {
        for (int h = 0; h < 0x10000; h++) {
            if (((h >>> 7) & 0xFF) == 0xFF) continue;
            float f = Float16.bf16ToFloat((short) h);
            assertEquals(Float.intBitsToFloat(h << 16), f);
            assertEquals(h, Float16.toBf16(f) & 0xFFFF, "bf16 0x" + Integer.toHexString(h));
        }
    }

    private static void assertBf16(int expectedBits, float f) {
        int got = Float16.toBf16(f) & 0xFFFF;
        assertEquals(expectedBits, got, () -> "toBf16(" + f + ") = 0x" + Integer.toHexString(got)
                + ", expected 0x" + Integer.toHexString(expectedBits));
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertBf16(0x3F80, 1.0f);
        assertBf16(0x3F80, 1.0f + 0x1p-8f);             // tie between 0x3F80 and 0x3F81: even
        assertBf16(0x3F81, Math.nextUp(1.0f + 0x1p-8f));
        assertBf16(0x3F82, 1.0f + 3 * 0x1p-8f);         // tie between 0x3F81 and 0x3F82: even
        assertBf16(0x3F81, Math.nextDown(1.0f + 3 * 0x1p-8f));
        assertBf16(0xBF82, -1.0f - 3 * 0x1p-8f);
        assertBf16(0x4000, 2.0f - 0x1p-9f);             // carry into the exponent
        assertBf16(0x3DCD, 0.1f);                       // 0.1f = 0x3DCCCCCD
        assertBf16(0x0002, Float.intBitsToFloat(0x00018000)); // subnormal tie between 0x0001 and 0x0002
        assertBf16(0x0002, Float.intBitsToFloat(0x00028000)); // subnormal tie between 0x0002 and 0x0003
    }

    @Test
    void bf16OverflowAndSpecials() {
        assertBf16(0x7F7F, Float.intBitsToFloat(0x7F7F7FFF));
        assertBf16(0x7F80, Float.MAX_VALUE);            // rounds up past the largest bf16
        assertBf16(0xFF80, -Float.MAX_VALUE);
        assertBf16(0x7F80, Float.POSITIVE_INFINITY);
        assertBf16(0xFF80, Float.NEGATIVE_INFINITY);
        assertBf16(0x0000, 0.0f);
        assertBf16(0x8000, -0.0f);
        int nan = Float16.toBf16(Float.intBitsToFloat(0x7F800001)) & 0xFFFF;
        assertTrue(Float.isNaN(Float16.bf16ToFloat((short) nan)), "NaN stays NaN");
    }
}
