package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A row's result must not depend on which other rows share its batch, bit for bit: Hogwild runs and
 * Spark retries give identical answers however problems happen to be batched together.
 */
class BatchInvarianceTest {

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void matmulRowsAreIndependentOfTheBatch(GgmlType type) {
        check(type, 67, 512, 19);
        // several column chunks for batches over 8 rows (256 columns each), and a ragged float row
        check(type, 21, type.blockSize == 1 ? 2051 : 2304, 9);
        check(type, 130, type.blockSize == 1 ? 771 : 768, 17);
    }

    /**
     * The vector tiles and the plain kernels form every output as the same chain of fused multiply-adds, so
     * they agree bit for bit, for every tile shape (batches 1 to 9 and 17) and a partial last panel.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void vectorAndPlainKernelsAgreeExactly(GgmlType type) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vectorModulePresent(), "needs the Vector API module");
        int rows = 150;
        int cols = type.blockSize == 1 ? 520 : 512;
        SplittableRandom r = new SplittableRandom(7 + type.ordinal());
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        int maxN = 17;
        float[] x = new float[maxN * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        try (CpuBackend vec = new CpuBackend(2, false); CpuBackend plain = new CpuBackend(2, true)) {
            TensorBytes bytes = TensorBytes.of(Quantization.quantize(type, w));
            Weights wv = vec.loadWeights(type, rows, cols, bytes);
            Weights wp = plain.loadWeights(type, rows, cols, bytes);
            for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 17}) {
                Activations xv = vec.allocate(n, cols), yv = vec.allocate(n, rows);
                Activations xp = plain.allocate(n, cols), yp = plain.allocate(n, rows);
                for (int i = 0; i < n; i++) {
                    vec.write(xv, i, x, i * cols);
                    plain.write(xp, i, x, i * cols);
                }
                vec.matmul(wv, xv, yv, n);
                plain.matmul(wp, xp, yp, n);
                for (int i = 0; i < n; i++) {
                    float[] a = new float[rows], b = new float[rows];
                    vec.read(yv, i, a, 0);
                    plain.read(yp, i, b, 0);
                    assertArrayEquals(b, a, type + " n=" + n + " row " + i);
                }
            }
        }
    }

    private static void check(GgmlType type, int rows, int cols, int n) {
        SplittableRandom r = new SplittableRandom(type.ordinal());
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[][] x = new float[n][cols];
        for (float[] row : x) for (int i = 0; i < cols; i++) row[i] = (float) r.nextGaussian();
        try (Backend b = new CpuBackend(3)) {
            Weights weights = b.loadWeights(type, rows, cols, TensorBytes.of(Quantization.quantize(type, w)));
            Activations all = b.allocate(n, cols), out = b.allocate(n, rows);
            for (int i = 0; i < n; i++) b.write(all, i, x[i], 0);
            b.matmul(weights, all, out, n);
            Activations one = b.allocate(1, cols), single = b.allocate(1, rows);
            for (int i = 0; i < n; i++) {
                b.write(one, 0, x[i], 0);
                b.matmul(weights, one, single, 1);
                float[] alone = new float[rows], batched = new float[rows];
                b.read(single, 0, alone, 0);
                b.read(out, i, batched, 0);
                assertArrayEquals(alone, batched, type + " row " + i);
            }
        }
    }
}
