package io.hogwild.kernels.ggml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Q8_0 and Q4_0 quantize exactly as ggml's reference quantizers do, down to tie-breaking, so bytes written
 * here match llama.cpp's for the same input. Blocks are chosen so the scale is 1 (amax 127 for Q8_0, max
 * -8 for Q4_0) and every expected byte can be worked out by hand.
 */
class GgmlQuantizerCompatTest {

    @Test
    void q8_0RoundsHalfAwayFromZero() {
        float[] x = new float[32];
        x[0] = 127f;   // amax: d = 1 (float16 0x3C00), id = 1
        x[1] = 2.5f;   // roundf -> 3 (half-even would give 2)
        x[2] = -2.5f;  // roundf -> -3 (Math.round would give -2)
        x[3] = 0.5f;   // -> 1
        x[4] = -0.5f;  // -> -1
        x[5] = 1.49f;  // -> 1
        x[6] = -126.5f; // -> -127
        x[7] = -127f;  // -> -127 (amax tie: the scale is the same either way)
        ByteBuffer q = Quantization.quantize(GgmlType.Q8_0, x);
        assertEquals((short) 0x3C00, q.getShort(0));
        byte[] qs = new byte[32];
        q.get(2, qs);
        byte[] expected = new byte[32];
        byte[] head = {127, 3, -3, 1, -1, 1, -127, -127};
        System.arraycopy(head, 0, expected, 0, head.length);
        assertArrayEquals(expected, qs);
    }

    @Test
    void q4_0RoundsHalfUpAndClamps() {
        float[] x = new float[32];
        x[0] = -8f;    // max (signed, largest magnitude): d = -8 / -8 = 1, id = 1 -> q = trunc(0.5) = 0
        x[1] = 0.5f;   // trunc(9.0) = 9 (half-even would give 8)
        x[2] = -0.5f;  // trunc(8.0) = 8
        x[3] = 1.5f;   // trunc(10.0) = 10
        x[4] = 7.4f;   // trunc(15.9) = 15
        x[5] = 8f;     // trunc(16.5) = 16, clamped to 15
        x[6] = -7.6f;  // trunc(0.9) = 0
        x[16] = -3f;   // high nibble of byte 0: trunc(5.5) = 5
        x[31] = 2.49f; // high nibble of byte 15: trunc(10.99) = 10
        ByteBuffer q = Quantization.quantize(GgmlType.Q4_0, x);
        assertEquals((short) 0x3C00, q.getShort(0));
        int[] nib = new int[32];
        for (int j = 0; j < 16; j++) {
            nib[j] = q.get(2 + j) & 0xF;
            nib[j + 16] = (q.get(2 + j) >> 4) & 0xF;
        }
        int[] expected = new int[32];
        java.util.Arrays.fill(expected, 8); // zeros: trunc(8.5) = 8
        expected[0] = 0;
        expected[1] = 9;
        expected[2] = 8;
        expected[3] = 10;
        expected[4] = 15;
        expected[5] = 15;
        expected[6] = 0;
        expected[16] = 5;
        expected[31] = 10;
        assertArrayEquals(expected, nib);
    }

    @Test
    void q4_0TakesTheFirstOfEqualMagnitudes() {
        float[] x = new float[32];
        x[0] = 2f;
        x[1] = -2f;
        // max = +2 (first), d = -0.25: +2 -> q 0 -> +2; -2 -> x/d = 8 -> clamped to q 15 -> -1.75
        assertArrayEquals(new float[] {2f, -1.75f}, java.util.Arrays.copyOf(roundTrip(x), 2));
        x[0] = -2f;
        x[1] = 2f;
        assertArrayEquals(new float[] {-2f, 1.75f}, java.util.Arrays.copyOf(roundTrip(x), 2));
    }

    private static float[] roundTrip(float[] x) {
        return Quantization.dequantize(GgmlType.Q4_0, Quantization.quantize(GgmlType.Q4_0, x), x.length);
    }
}
