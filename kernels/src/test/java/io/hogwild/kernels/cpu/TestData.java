package io.hogwild.kernels.cpu;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Seeded random tensors in GGML encodings, and their reference decoding. */
final class TestData {
    private TestData() {}

    /** Whether the reference quantizer handles {@code type} yet. */
    static boolean encodable(GgmlType type) {
        try {
            ByteBuffer b = ByteBuffer.allocate((int) type.bytesFor(type.blockSize)).order(ByteOrder.LITTLE_ENDIAN);
            Quantization.quantize(type, new float[type.blockSize], 0, type.blockSize, b);
            b.flip();
            Quantization.dequantize(type, b, new float[type.blockSize], 0, type.blockSize);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    static float[] gaussian(Random rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian() * scale;
        return v;
    }

    /** A rows × cols matrix of random values with per-row magnitudes that vary, encoded as {@code type}. */
    static ByteBuffer encode(GgmlType type, int rows, int cols, Random rnd) {
        ByteBuffer b = ByteBuffer.allocate((int) type.bytesFor((long) rows * cols)).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            float scale = (float) Math.exp(rnd.nextGaussian() * 0.5);
            for (int i = 0; i < cols; i++) {
                row[i] = (float) rnd.nextGaussian() * scale;
                if (rnd.nextInt(50) == 0) row[i] *= 4; // a few outliers spread block scales
            }
            Quantization.quantize(type, row, 0, cols, b);
        }
        b.flip();
        return b;
    }

    static TensorBytes bytes(ByteBuffer b) {
        return TensorBytes.of(b);
    }

    /** The reference decoding of the whole matrix. */
    static float[] decode(GgmlType type, ByteBuffer encoded, int rows, int cols) {
        float[] out = new float[rows * cols];
        ByteBuffer b = encoded.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) Quantization.dequantize(type, b, out, r * cols, cols);
        return out;
    }
}
