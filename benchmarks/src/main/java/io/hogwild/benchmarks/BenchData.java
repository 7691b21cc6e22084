package io.hogwild.benchmarks;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Backends;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Seeded inputs for the benchmarks, made in {@code @Setup} (nothing is read from or written to disk). */
final class BenchData {
    private BenchData() {}

    /** Creates a backend by name, warning when "cpu" would run without its Vector API kernels. */
    static Backend backend(String name, int threads) {
        if (name.equals("cpu") && !Backends.vectorApiAvailable()) {
            System.err.println("WARNING: jdk.incubator.vector is not loaded: the cpu backend runs its plain-Java"
                    + " kernels. Did -jvmArgsAppend replace the @Fork flags? Use -jvmArgs for extra flags.");
        }
        return Backends.create(name, threads);
    }

    /** "896x4864" → {896, 4864}. */
    static int[] shape(String s) {
        int x = s.indexOf('x');
        if (x < 0) throw new IllegalArgumentException("shape '" + s + "' is not ROWSxCOLS");
        return new int[] {Integer.parseInt(s.substring(0, x)), Integer.parseInt(s.substring(x + 1))};
    }

    static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    /**
     * A rows × cols matrix in {@code type}'s GGUF encoding, from Gaussian values with per-row magnitudes
     * that vary and a few outliers, so quantized blocks get a spread of scales (as in the kernel tests).
     */
    static ByteBuffer encode(GgmlType type, int rows, int cols, Random rnd) {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(type.bytesFor((long) rows * cols)))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            float scale = (float) Math.exp(rnd.nextGaussian() * 0.5) * 0.05f;
            for (int i = 0; i < cols; i++) {
                row[i] = (float) rnd.nextGaussian() * scale;
                if (rnd.nextInt(50) == 0) row[i] *= 4;
            }
            Quantization.quantize(type, row, 0, cols, b);
        }
        b.flip();
        return b;
    }

    /** A rows × cols buffer of Gaussian values. */
    static Activations filled(Backend b, int rows, int cols, Random rnd) {
        Activations a = b.allocate(rows, cols);
        float[] v = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) v[i] = (float) rnd.nextGaussian();
            b.write(a, r, v, 0);
        }
        return a;
    }
}
