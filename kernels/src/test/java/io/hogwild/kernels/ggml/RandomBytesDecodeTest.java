package io.hogwild.kernels.ggml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary block bytes (every bit pattern of quants and packed scales) decoded by the code under test and
 * by the element-at-a-time decoders below, written from the GGML format definitions. Float16 scales are
 * drawn among finite halves only. The decoders compute in double and round once; the code under test's
 * float arithmetic is exact here except for Q4_K's final subtraction, which rounds once as well, so the
 * results agree bit for bit.
 */
class RandomBytesDecodeTest {

    private static double half(byte[] b, int at) {
        int bits = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        int e = (bits >>> 10) & 0x1F;
        int m = bits & 0x3FF;
        double mag = e == 0 ? m * Math.pow(2, -24) : (1 + m / 1024.0) * Math.pow(2, e - 15);
        return (bits & 0x8000) != 0 ? -mag : mag;
    }

    private static void randomHalf(Random rnd, byte[] b, int at) {
        int bits;
        do {
            bits = rnd.nextInt(0x10000);
        } while (((bits >>> 10) & 0x1F) == 0x1F || ((bits >>> 10) & 0x1F) > 20); // finite, below 2^6
        b[at] = (byte) bits;
        b[at + 1] = (byte) (bits >>> 8);
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static double q8_0(byte[] b, int i) {
        int blk = 34 * (i / 32);
        return half(b, blk) * b[blk + 2 + i % 32];
    }

    private static double q4_0(byte[] b, int i) {
        int blk = 18 * (i / 32);
        int r = i % 32;
        int q = r < 16 ? u8(b, blk + 2 + r) % 16 : u8(b, blk + 2 + r - 16) / 16;
        return half(b, blk) * (q - 8);
    }

    private static double q4k(byte[] b, int i) {
        int blk = 144 * (i / 256);
        int r = i % 256;
        int j = r / 32;           // sub-block
        int s = blk + 4;          // packed scales
        int sc;
        int m;
        if (j < 4) {
            sc = u8(b, s + j) % 64;
            m = u8(b, s + 4 + j) % 64;
        } else {
            sc = u8(b, s + 8 + j - 4) % 16 + 16 * (u8(b, s + j - 4) / 64);
            m = u8(b, s + 8 + j - 4) / 16 + 16 * (u8(b, s + j) / 64);
        }
        int g = r / 64;
        int byteAt = blk + 16 + 32 * g + r % 32;
        int q = (r % 64) < 32 ? u8(b, byteAt) % 16 : u8(b, byteAt) / 16;
        return half(b, blk) * sc * q - half(b, blk + 2) * m;
    }

    private static double q6k(byte[] b, int i) {
        int blk = 210 * (i / 256);
        int r = i % 256;
        int h = r / 128;
        int k = (r % 128) / 32;
        int l = r % 32;
        int low = u8(b, blk + 64 * h + l + 32 * (k % 2));
        low = k < 2 ? low % 16 : low / 16;
        int high = (u8(b, blk + 128 + 32 * h + l) >> (2 * k)) & 3;
        int q = low + 16 * high - 32;
        return half(b, blk + 208) * b[blk + 192 + r / 16] * q;
    }

    private static void check(GgmlType type, int blocks, long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 50; trial++) {
            byte[] b = new byte[blocks * type.blockBytes];
            rnd.nextBytes(b);
            for (int k = 0; k < blocks; k++) {
                int base = k * type.blockBytes;
                switch (type) {
                    case Q8_0: case Q4_0: randomHalf(rnd, b, base); break;
                    case Q4_K: randomHalf(rnd, b, base); randomHalf(rnd, b, base + 2); break;
                    case Q6_K: randomHalf(rnd, b, base + 208); break;
                    default: throw new AssertionError();
                }
            }
            int n = blocks * type.blockSize;
            float[] got = Quantization.dequantize(type, ByteBuffer.wrap(b), n);
            for (int i = 0; i < n; i++) {
                double want;
                switch (type) {
                    case Q8_0: want = q8_0(b, i); break;
                    case Q4_0: want = q4_0(b, i); break;
                    case Q4_K: want = q4k(b, i); break;
                    default: want = q6k(b, i); break;
                }
                assertEquals((float) want, got[i], type + " value " + i);
            }
        }
    }

    @Test
    void q8_0() {
        check(GgmlType.Q8_0, 8, 1);
    }

    @Test
    void q4_0() {
        check(GgmlType.Q4_0, 8, 2);
    }

    @Test
    void q4k() {
        check(GgmlType.Q4_K, 3, 3);
    }

    @Test
    void q6k() {
        check(GgmlType.Q6_K, 3, 4);
    }
}
