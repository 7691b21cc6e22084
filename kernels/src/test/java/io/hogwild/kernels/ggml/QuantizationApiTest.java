package io.hogwild.kernels.ggml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantizationApiTest {
    private static final GgmlType[] SUPPORTED = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
        GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K};
    private static final GgmlType[] BLOCKED = {GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K};

    private static float[] randoms(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }

    @Test
    void partialBlocksAreRejected() {
        for (GgmlType t : BLOCKED) {
            int bad = t.blockSize + 1;
            ByteBuffer buf = ByteBuffer.allocate(4096);
            assertThrows(IllegalArgumentException.class, () -> Quantization.dequantize(t, buf, bad), t.name());
            assertThrows(IllegalArgumentException.class,
                    () -> Quantization.dequantize(t, buf, new float[bad], 0, bad), t.name());
            assertThrows(IllegalArgumentException.class, () -> Quantization.quantize(t, new float[bad]), t.name());
            assertThrows(IllegalArgumentException.class,
                    () -> Quantization.quantize(t, new float[bad], 0, bad, buf), t.name());
            assertThrows(IllegalArgumentException.class, () -> Quantization.quantize(t, new float[16]), t.name());
            assertEquals(0, buf.position(), "nothing consumed on failure");
        }
        for (GgmlType t : SUPPORTED) {
            assertThrows(IllegalArgumentException.class, () -> Quantization.dequantize(t, ByteBuffer.allocate(64), -32));
        }
    }

    @Test
    void unsupportedTypes() {
        for (GgmlType t : GgmlType.values()) {
            assertEquals(t.computable(), Quantization.supports(t), t.name());
            if (Quantization.supports(t)) continue;
            assertThrows(UnsupportedOperationException.class,
                    () -> Quantization.dequantize(t, ByteBuffer.allocate(4096), t.blockSize), t.name());
            assertThrows(UnsupportedOperationException.class,
                    () -> Quantization.quantize(t, new float[t.blockSize]), t.name());
        }
    }

    @Test
    void shortBuffersAreRejected() {
        for (GgmlType t : SUPPORTED) {
            int n = t == GgmlType.Q4_K || t == GgmlType.Q6_K ? 256 : 32;
            int bytes = (int) t.bytesFor(n);
            ByteBuffer small = ByteBuffer.allocate(bytes - 1);
            assertThrows(BufferUnderflowException.class, () -> Quantization.dequantize(t, small, n), t.name());
            assertThrows(BufferOverflowException.class,
                    () -> Quantization.quantize(t, new float[n], 0, n, small), t.name());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> Quantization.dequantize(t, ByteBuffer.allocate(bytes), new float[n], 1, n), t.name());
        }
    }

    @Test
    void quantizeReturnsExactLittleEndianBuffer() {
        for (GgmlType t : SUPPORTED) {
            float[] x = randoms(512, 5);
            ByteBuffer q = Quantization.quantize(t, x);
            assertEquals(0, q.position());
            assertEquals(t.bytesFor(512), q.limit());
            assertEquals(t.bytesFor(512), q.capacity());
            assertSame(ByteOrder.LITTLE_ENDIAN, q.order());
        }
        ByteBuffer f32 = Quantization.quantize(GgmlType.F32, new float[] {1.0f});
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, f32.array()); // 0x3F800000, low byte first
    }

    @Test
    void positionsOffsetsAndByteOrderOfCallerBuffers() {
        for (GgmlType t : SUPPORTED) {
            int n = 512;
            int bytes = (int) t.bytesFor(n);
            float[] x = randoms(n, 6);
            byte[] expected = Quantization.quantize(t, x).array();

            // Writes at the position, advances it, leaves the caller's (big-endian) order alone.
            ByteBuffer big = ByteBuffer.allocate(bytes + 10).order(ByteOrder.BIG_ENDIAN);
            big.position(7);
            float[] padded = new float[n + 3];
            System.arraycopy(x, 0, padded, 3, n);
            Quantization.quantize(t, padded, 3, n, big);
            assertEquals(7 + bytes, big.position());
            assertSame(ByteOrder.BIG_ENDIAN, big.order());
            byte[] written = new byte[bytes];
            big.get(7, written);
            assertArrayEquals(expected, written, t.name());

            // Reads at the position, advances it, fills only dst[off..off+n).
            big.position(7);
            float[] out = new float[n + 5];
            out[0] = 42;
            out[n + 4] = 43;
            Quantization.dequantize(t, big, out, 4, n);
            assertEquals(7 + bytes, big.position());
            assertSame(ByteOrder.BIG_ENDIAN, big.order());
            assertEquals(42, out[0]);
            assertEquals(43, out[n + 4]);
            float[] direct = Quantization.dequantize(t, ByteBuffer.wrap(expected), n);
            for (int i = 0; i < n; i++) assertEquals(direct[i], out[4 + i]);

            // A direct buffer and a read-only one decode the same.
            ByteBuffer dir = ByteBuffer.allocateDirect(bytes).put(expected).flip();
            assertArrayEquals(direct, Quantization.dequantize(t, dir.asReadOnlyBuffer(), n));
        }
    }

    @Test
    void blocksAreIndependent() {
        // Quantizing block by block into one buffer gives the same bytes as quantizing the whole row.
        for (GgmlType t : BLOCKED) {
            float[] x = randoms(4 * t.blockSize, 7);
            byte[] whole = Quantization.quantize(t, x).array();
            ByteBuffer pieces = ByteBuffer.allocate(whole.length);
            for (int k = 0; k < 4; k++) Quantization.quantize(t, x, k * t.blockSize, t.blockSize, pieces);
            assertFalse(pieces.hasRemaining());
            assertArrayEquals(whole, pieces.array(), t.name());
            // and is deterministic
            assertArrayEquals(whole, Quantization.quantize(t, x).array(), t.name());
        }
    }

    @Test
    void emptyInput() {
        for (GgmlType t : SUPPORTED) {
            assertEquals(0, Quantization.quantize(t, new float[0]).capacity());
            assertEquals(0, Quantization.dequantize(t, ByteBuffer.allocate(0), 0).length);
        }
    }

    @Test
    void q4kScalesAndMinsUseAllSixBits() {
        // A super-block whose sub-blocks have very different ranges and offsets drives the packed
        // scales and mins over the whole 0..63 range, so the high-bit packing is exercised in round trips.
        float[] x = new float[256];
        Random rnd = new Random(8);
        for (int j = 0; j < 8; j++) {
            double width = Math.pow(2, -j);       // ranges 1 .. 1/128
            double shift = j % 2 == 0 ? -width : -width * 0.3;
            for (int l = 0; l < 32; l++) x[32 * j + l] = (float) (shift + width * rnd.nextDouble() * 2);
        }
        ByteBuffer q = Quantization.quantize(GgmlType.Q4_K, x);
        int[] sc = new int[8];
        int[] m = new int[8];
        Q4KFormat.unpackScalesMins(q, 4, sc, m);
        boolean scHigh = false;
        boolean mHigh = false;
        for (int j = 4; j < 8; j++) {
            scHigh |= sc[j] >= 16 || sc[j - 4] >= 32;
            mHigh |= m[j] >= 16 || m[j - 4] >= 32;
        }
        assertTrue(scHigh && mHigh, "high bits in use");
        float[] y = Quantization.dequantize(GgmlType.Q4_K, q, 256);
        for (int i = 0; i < 256; i++) assertEquals(x[i], y[i], 2.0 / 15 / 2 * 1.05, "value " + i);
    }
}
