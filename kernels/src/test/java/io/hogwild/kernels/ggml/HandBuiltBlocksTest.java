package io.hogwild.kernels.ggml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Blocks assembled byte by byte from explicit scales and quants, decoded by the code under test and compared
 * with values this test computes from the format definitions written out here. Expected values are
 * computed in double and rounded once to float; the decoder's float products of a float16 scale and small
 * integers are exact, so the two agree bit for bit.
 */
class HandBuiltBlocksTest {

    // Float16 constants written as bits, with their values worked out by hand.
    private static final short H_0_2 = 0x3266;   // exp 12, mantissa 614: 1638/1024 * 2^-3 = 0.199951171875
    private static final double V_0_2 = 1638.0 / 1024 / 8;
    private static final short H_M0_25 = (short) 0xB400; // -0.25
    private static final double V_M0_25 = -0.25;
    private static final short H_0_1 = 0x2E66;   // exp 11, mantissa 614: 1638/1024 * 2^-4 = 0.0999755859375
    private static final double V_0_1 = 1638.0 / 1024 / 16;
    private static final short H_1_5 = 0x3E00;   // 1.5
    private static final short H_SUB = 0x0003;   // subnormal: 3 * 2^-24
    private static final double V_SUB = 3 * Math.pow(2, -24);

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putHalf(byte[] bytes, int at, short h) {
        bytes[at] = (byte) h;             // little-endian: low byte first
        bytes[at + 1] = (byte) (h >>> 8);
    }

    private static float[] decode(GgmlType type, byte[] bytes, int n) {
        return Quantization.dequantize(type, ByteBuffer.wrap(bytes), n);
    }

    // ---------------------------------------------------------------- Q8_0

    @Test
    void q8_0() {
        double[] d = {V_0_2, V_M0_25};
        short[] dh = {H_0_2, H_M0_25};
        byte[] bytes = new byte[2 * 34];
        float[] expected = new float[64];
        for (int blk = 0; blk < 2; blk++) {
            putHalf(bytes, 34 * blk, dh[blk]);
            for (int i = 0; i < 32; i++) {
                int q = i == 0 ? -128 : i == 1 ? 127 : i == 2 ? 0 : (i * 29 + 7 * blk) % 256 - 128;
                bytes[34 * blk + 2 + i] = (byte) q;
                expected[32 * blk + i] = (float) (d[blk] * q);
            }
        }
        assertArrayEquals(expected, decode(GgmlType.Q8_0, bytes, 64));
    }

    // ---------------------------------------------------------------- Q4_0

    @Test
    void q4_0() {
        double[] d = {V_M0_25, V_0_1};
        short[] dh = {H_M0_25, H_0_1};
        byte[] bytes = new byte[2 * 18];
        float[] expected = new float[64];
        for (int blk = 0; blk < 2; blk++) {
            putHalf(bytes, 18 * blk, dh[blk]);
            int[] q = new int[32];
            for (int i = 0; i < 32; i++) q[i] = (i * 7 + 3 * blk) % 16; // covers 0..15 in both halves
            for (int j = 0; j < 16; j++) {
                // element j in the low nibble, element j + 16 in the high nibble
                bytes[18 * blk + 2 + j] = (byte) (q[j] | (q[j + 16] << 4));
            }
            for (int i = 0; i < 32; i++) expected[32 * blk + i] = (float) (d[blk] * (q[i] - 8));
        }
        assertArrayEquals(expected, decode(GgmlType.Q4_0, bytes, 64));
    }

    @Test
    void q4_0NibbleOrderSpot() {
        byte[] bytes = new byte[18];
        putHalf(bytes, 0, (short) 0x3C00); // 1.0
        for (int j = 0; j < 16; j++) bytes[2 + j] = (byte) 0x88; // all zero
        bytes[2] = (byte) 0xF0;  // element 0: 0 - 8 = -8; element 16: 15 - 8 = 7
        bytes[17] = (byte) 0x9A; // element 15: 10 - 8 = 2; element 31: 9 - 8 = 1
        float[] out = decode(GgmlType.Q4_0, bytes, 32);
        float[] expected = new float[32];
        expected[0] = -8;
        expected[16] = 7;
        expected[15] = 2;
        expected[31] = 1;
        assertArrayEquals(expected, out);
    }

    // ---------------------------------------------------------------- Q4_K

    /**
     * The 12 scale bytes of a Q4_K super-block, written from the layout description: bytes 0..3 carry
     * sc[0..3] in bits 0..5 and bits 4..5 of sc[4..7] in bits 6..7; bytes 4..7 the same for the mins;
     * bytes 8..11 carry bits 0..3 of sc[4..7] in the low nibble and bits 0..3 of m[4..7] in the high one.
     */
    private static byte[] packQ4KScales(int[] sc, int[] m) {
        byte[] s = new byte[12];
        for (int k = 0; k < 4; k++) {
            s[k] = (byte) (sc[k] + 64 * (sc[k + 4] / 16));
            s[k + 4] = (byte) (m[k] + 64 * (m[k + 4] / 16));
            s[k + 8] = (byte) (sc[k + 4] % 16 + 16 * (m[k + 4] % 16));
        }
        return s;
    }

    @Test
    void q4kScalePackingOfTheTestMatchesAHandWorkedExample() {
        int[] sc = {1, 17, 33, 63, 5, 40, 16, 32};
        int[] m = {0, 31, 47, 2, 63, 20, 48, 33};
        // Worked by hand: e.g. byte 1 = 17 | (40 >> 4) << 6 = 0x91; byte 8 = (5 & 15) | (63 & 15) << 4 = 0xF5.
        byte[] expected = {0x01, (byte) 0x91, 0x61, (byte) 0xBF, (byte) 0xC0, 0x5F, (byte) 0xEF, (byte) 0x82,
            (byte) 0xF5, 0x48, 0x00, 0x10};
        assertArrayEquals(expected, packQ4KScales(sc, m));
    }

    @Test
    void q4k() {
        int[][] scs = {{1, 17, 33, 63, 5, 40, 16, 32}, {63, 0, 15, 48, 31, 47, 1, 58}};
        int[][] ms = {{0, 31, 47, 2, 63, 20, 48, 33}, {16, 63, 32, 0, 1, 62, 15, 44}};
        short[][] dh = {{H_0_1, H_0_2}, {H_1_5, H_SUB}};
        double[][] dv = {{V_0_1, V_0_2}, {1.5, V_SUB}};
        byte[] bytes = new byte[2 * 144];
        float[] expected = new float[512];
        for (int blk = 0; blk < 2; blk++) {
            int base = 144 * blk;
            putHalf(bytes, base, dh[blk][0]);
            putHalf(bytes, base + 2, dh[blk][1]);
            System.arraycopy(packQ4KScales(scs[blk], ms[blk]), 0, bytes, base + 4, 12);
            int[] q = new int[256];
            for (int i = 0; i < 256; i++) q[i] = (i * 5 + i / 64 + 11 * blk) % 16;
            for (int i = 0; i < 256; i++) {
                // group g = i / 64 owns bytes 32g..32g+31; its first 32 values are low nibbles, next 32 high
                int g = i / 64;
                int r = i % 64;
                int at = base + 16 + 32 * g + r % 32;
                bytes[at] |= (byte) (r < 32 ? q[i] : q[i] << 4);
                int j = i / 32;
                expected[256 * blk + i] = (float) (dv[blk][0] * scs[blk][j] * q[i] - dv[blk][1] * ms[blk][j]);
            }
        }
        assertArrayEquals(expected, decode(GgmlType.Q4_K, bytes, 512));
    }

    @Test
    void q4kHighBitsSpot() {
        // Only sub-block 5 has a nonzero scale (sc = 0b10_1001 = 41) and only sub-block 6 a nonzero min
        // (m = 0b11_0110 = 54); all quants are 1. Values: sub-block 5 -> 41, sub-block 6 -> -54, rest 0.
        byte[] bytes = new byte[144];
        putHalf(bytes, 0, (short) 0x3C00);
        putHalf(bytes, 2, (short) 0x3C00);
        bytes[4 + 1] = (byte) (0b10 << 6);      // bits 4..5 of sc[5] in s[1]
        bytes[4 + 8 + 1] = 0b1001;              // bits 0..3 of sc[5] in s[9] low nibble
        bytes[4 + 6] = (byte) (0b11 << 6);      // bits 4..5 of m[6] in s[6]
        bytes[4 + 8 + 2] = (byte) (0b0110 << 4); // bits 0..3 of m[6] in s[10] high nibble
        for (int i = 0; i < 128; i++) bytes[16 + i] = 0x11;
        float[] expected = new float[256];
        for (int i = 160; i < 192; i++) expected[i] = 41;
        for (int i = 192; i < 224; i++) expected[i] = -54;
        assertArrayEquals(expected, decode(GgmlType.Q4_K, bytes, 256));
    }

    // ---------------------------------------------------------------- Q6_K

    /**
     * Places 6-bit quant q of element i (0..255) into ql/qh, element by element from the layout: half
     * h = i / 128, r = i % 128, quarter k = r / 32, l = r % 32. The low 4 bits go to ql[64h + l + 32(k % 2)],
     * low nibble for k &lt; 2 and high nibble for k &gt;= 2; the high 2 bits go to bits 2k..2k+1 of qh[32h + l].
     */
    private static void putQ6(byte[] bytes, int base, int i, int q) {
        int h = i / 128;
        int r = i % 128;
        int k = r / 32;
        int l = r % 32;
        int qlAt = base + 64 * h + l + 32 * (k % 2);
        int low = q % 16;
        bytes[qlAt] |= (byte) (k < 2 ? low : low << 4);
        int qhAt = base + 128 + 32 * h + l;
        bytes[qhAt] |= (byte) ((q / 16) << (2 * k));
    }

    @Test
    void q6k() {
        int[][] scales = {
            {1, -1, 127, -128, 5, 17, -33, 64, 2, 3, -4, 100, -100, 0, 31, -77},
            {-128, 127, 9, -9, 50, -50, 1, 1, 2, -2, 3, -3, 90, 45, -45, 12}};
        short[] dh = {H_0_1, H_SUB};
        double[] dv = {V_0_1, V_SUB};
        byte[] bytes = new byte[2 * 210];
        float[] expected = new float[512];
        for (int blk = 0; blk < 2; blk++) {
            int base = 210 * blk;
            for (int i = 0; i < 256; i++) {
                int q = (i * 37 + 11 + 5 * blk) % 64;
                if (i == 3) q = 0;
                if (i == 200) q = 63;
                putQ6(bytes, base, i, q);
                expected[256 * blk + i] = (float) (dv[blk] * scales[blk][i / 16] * (q - 32));
            }
            for (int j = 0; j < 16; j++) bytes[base + 192 + j] = (byte) scales[blk][j];
            putHalf(bytes, base + 208, dh[blk]);
        }
        assertArrayEquals(expected, decode(GgmlType.Q6_K, bytes, 512));
    }

    @Test
    void q6kInterleavingSpot() {
        byte[] bytes = new byte[210];
        // Every quant 32 (value 0): low nibble 0, high bits 0b10 in each 2-bit field.
        for (int i = 0; i < 64; i++) bytes[128 + i] = (byte) 0b10_10_10_10;
        for (int j = 0; j < 16; j++) bytes[192 + j] = 1;
        putHalf(bytes, 208, (short) 0x3C00);
        // First half, l = 0: ql[0] = 0x21, ql[32] = 0x43, qh[0] = 0b11_10_01_00.
        bytes[0] = 0x21;
        bytes[32] = 0x43;
        bytes[128] = (byte) 0b11_10_01_00;
        // Second half, l = 17: ql[64 + 17] = 0x5F, ql[96 + 17] = 0x00, qh[32 + 17] = 0b00_01_10_11.
        bytes[64 + 17] = 0x5F;
        bytes[96 + 17] = 0x00;
        bytes[128 + 32 + 17] = 0b00_01_10_11;
        bytes[192 + 8 + 1 + 6] = -3; // scale of value 128 + 17 + 96 (sub-block 8 + 17/16 + 6 = 15)
        float[] expected = new float[256];
        for (int i = 240; i < 256; i++) expected[i] = -0.0f; // 0 steps of a negative scale: (-3 * 1) * 0
        expected[0] = (0x1 | 0 << 4) - 32;   // low nibble of ql[0], qh bits 0..1
        expected[32] = (0x3 | 1 << 4) - 32;  // low nibble of ql[32], qh bits 2..3
        expected[64] = (0x2 | 2 << 4) - 32;  // high nibble of ql[0], qh bits 4..5
        expected[96] = (0x4 | 3 << 4) - 32;  // high nibble of ql[32], qh bits 6..7
        expected[128 + 17] = (0xF | 3 << 4) - 32;
        expected[128 + 17 + 32] = (0x0 | 2 << 4) - 32;
        expected[128 + 17 + 64] = (0x5 | 1 << 4) - 32;
        expected[128 + 17 + 96] = -3 * ((0x0 | 0 << 4) - 32);
        assertArrayEquals(expected, decode(GgmlType.Q6_K, bytes, 256));
    }

    // ---------------------------------------------------------------- plain types

    @Test
    void plainTypes() {
        ByteBuffer f32 = le(8).putFloat(1.25f).putFloat(-3e-7f).flip();
        assertArrayEquals(new float[] {1.25f, -3e-7f}, Quantization.dequantize(GgmlType.F32, f32, 2));
        byte[] f16 = new byte[6];
        putHalf(f16, 0, H_0_1);
        putHalf(f16, 2, H_M0_25);
        putHalf(f16, 4, H_SUB);
        assertArrayEquals(new float[] {(float) V_0_1, -0.25f, (float) V_SUB}, decode(GgmlType.F16, f16, 3));
        byte[] bf16 = {(byte) 0x80, 0x3F, (byte) 0xCD, 0x3D}; // 0x3F80 = 1.0, 0x3DCD = 0.10009765625
        assertArrayEquals(new float[] {1.0f, 0.10009765625f}, decode(GgmlType.BF16, bf16, 2));
    }
}
