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
        // several column chunks (the kernels sum chunks of 1024 columns), and a ragged float row
        check(type, 21, type.blockSize == 1 ? 2051 : 2304, 9);
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
