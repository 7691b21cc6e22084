package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.scalar.ScalarBackend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Matmul and embedding of {@link CpuBackend} against {@link ScalarBackend} for every weight type, with
 * the vector and the plain kernels, on 1 and 3 threads.
 *
 * <p>Tolerance: the reference sums in double, the kernels in float in another order. Each float addition
 * errs by at most 2^-24 of the running magnitude, so an output may be off by (cols + 32) · 2^-23 · M (twice
 * the classical worst-case bound), where M bounds the magnitudes summed. For float weights M = Σ|w_i x_i|.
 * Quantized kernels sum the unsigned quants times the scale and subtract the block offsets (Q4_K's min)
 * separately, each term at most the sub-block's largest |w| (twice that for the quant term), so
 * M = Σ 3 · max|w|(sub-block of i) · |x_i|. Q4_0's folded form ({@code Kernels.foldNibbles}) sums terms up
 * to about 12 times larger in the worst case, with signs that cancel in practice: its errors stay within the
 * same (deterministic, seeded) tolerance, which is kept tight so that a single wrong nibble still fails. A
 * wrong block, scale or nibble errs by a sizeable fraction of Σ|w_i x_i|.
 */
class CpuMatmulTest {
    static final GgmlType[] TYPES = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
            GgmlType.Q4_K, GgmlType.Q6_K};

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (GgmlType t : TYPES) {
            for (int threads : new int[] {1, 3}) {
                for (boolean plain : new boolean[] {false, true}) list.add(Arguments.of(t, threads, plain));
            }
        }
        return list.stream();
    }

    static int[] colsFor(GgmlType t) {
        if (t.blockSize == 1) return new int[] {7, 64, 301};
        return new int[] {t.blockSize, t.blockSize * (t.blockSize == 32 ? 7 : 3)};
    }

    @ParameterizedTest(name = "{0} threads={1} plain={2}")
    @MethodSource("cases")
    void matmulMatchesReference(GgmlType type, int threads, boolean plain) {
        assumeTrue(TestData.encodable(type), "reference quantizer lacks " + type);
        Random rnd = new Random(type.ordinal() * 31L + threads);
        try (CpuBackend cpu = new CpuBackend(threads, plain); ScalarBackend ref = new ScalarBackend()) {
            assertEquals(!plain && Kernels.vectorModulePresent(), cpu.vectorized());
            for (int rows : new int[] {1, 5, 37}) {
                for (int cols : colsFor(type)) {
                    check(cpu, ref, type, rows, cols, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 33}, rnd);
                }
            }
            // more rows than one chunk per thread, and a batch longer than one activation block
            int cols = type.blockSize == 1 ? 2048 + 3 : 2048;
            check(cpu, ref, type, 40, cols, new int[] {1, 33}, rnd);
            check(cpu, ref, type, 300, type.blockSize == 256 ? 512 : 96, new int[] {1, 4, 13}, rnd);
        }
    }

    private static void check(CpuBackend cpu, Backend ref, GgmlType type, int rows, int cols, int[] ns, Random rnd) {
        ByteBuffer enc = TestData.encode(type, rows, cols, rnd);
        float[] dense = TestData.decode(type, enc, rows, cols);
        Weights wc = cpu.loadWeights(type, rows, cols, TestData.bytes(enc));
        Weights wr = ref.loadWeights(type, rows, cols, TestData.bytes(enc));
        assertEquals(rows, wc.rows());
        assertEquals(cols, wc.cols());
        assertEquals(type, wc.type());
        assertTrue(wc.bytes() > 0);
        int maxN = 0;
        for (int n : ns) maxN = Math.max(maxN, n);
        float[] x = TestData.gaussian(rnd, maxN * cols, 1f);
        Activations xc = cpu.allocate(maxN + 2, cols);
        Activations xr = ref.allocate(maxN, cols);
        for (int r = 0; r < maxN; r++) {
            cpu.write(xc, r, x, r * cols);
            ref.write(xr, r, x, r * cols);
        }
        Activations yc = cpu.allocate(maxN + 1, rows);
        Activations yr = ref.allocate(maxN, rows);
        float[] got = new float[rows];
        float[] want = new float[rows];
        float[] sentinel = new float[rows];
        java.util.Arrays.fill(sentinel, 12345f);
        for (int n : ns) {
            cpu.write(yc, n, sentinel, 0);
            cpu.matmul(wc, xc, yc, n);
            ref.matmul(wr, xr, yr, n);
            for (int r = 0; r < n; r++) {
                cpu.read(yc, r, got, 0);
                ref.read(yr, r, want, 0);
                for (int o = 0; o < rows; o++) {
                    double mag = 0;
                    if (type.blockSize == 1) {
                        for (int i = 0; i < cols; i++) mag += Math.abs((double) dense[o * cols + i] * x[r * cols + i]);
                    } else {
                        int sub = type == GgmlType.Q6_K ? 16 : 32;
                        for (int b = 0; b < cols; b += sub) {
                            double max = 0;
                            for (int i = b; i < b + sub; i++) max = Math.max(max, Math.abs(dense[o * cols + i]));
                            for (int i = b; i < b + sub; i++) mag += 3 * max * Math.abs(x[r * cols + i]);
                        }
                    }
                    double tol = (cols + 32) * 0x1p-23 * mag + 1e-30;
                    double err = Math.abs(got[o] - want[o]);
                    if (!(err <= tol)) {
                        throw new AssertionError(type + " " + rows + "x" + cols + " n=" + n + " row " + r + " out " + o
                                + ": got " + got[o] + " want " + want[o] + " (tolerance " + tol + ")");
                    }
                }
            }
            cpu.read(yc, n, got, 0);
            for (int o = 0; o < rows; o++) assertEquals(12345f, got[o], "matmul wrote past row n");
        }
    }

    @ParameterizedTest(name = "{0} threads={1} plain={2}")
    @MethodSource("cases")
    void embedMatchesReference(GgmlType type, int threads, boolean plain) {
        assumeTrue(TestData.encodable(type), "reference quantizer lacks " + type);
        Random rnd = new Random(7 + type.ordinal());
        int rows = 11;
        int cols = type.blockSize == 1 ? 37 : type.blockSize * 2;
        ByteBuffer enc = TestData.encode(type, rows, cols, rnd);
        float[] dense = TestData.decode(type, enc, rows, cols);
        try (CpuBackend cpu = new CpuBackend(threads, plain)) {
            Weights w = cpu.loadWeights(type, rows, cols, TestData.bytes(enc));
            int[] tokens = {3, 0, 10, 3, 7};
            Activations out = cpu.allocate(tokens.length, cols);
            cpu.embed(w, tokens, tokens.length, out);
            float[] got = new float[cols];
            for (int i = 0; i < tokens.length; i++) {
                cpu.read(out, i, got, 0);
                for (int c = 0; c < cols; c++) {
                    assertEquals(dense[tokens[i] * cols + c], got[c], 0f, type + " token " + tokens[i] + " col " + c);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> cpu.embed(w, new int[] {rows}, 1, out));
            assertThrows(IllegalArgumentException.class, () -> cpu.embed(w, new int[] {-1}, 1, out));
        }
    }

    @Test
    void largeEmbeddingBatchRunsInParallel() {
        Random rnd = new Random(3);
        int rows = 50;
        int cols = 1024;
        ByteBuffer enc = TestData.encode(GgmlType.F32, rows, cols, rnd);
        float[] dense = TestData.decode(GgmlType.F32, enc, rows, cols);
        try (CpuBackend cpu = new CpuBackend(3)) {
            Weights w = cpu.loadWeights(GgmlType.F32, rows, cols, TestData.bytes(enc));
            int[] tokens = new int[200];
            for (int i = 0; i < tokens.length; i++) tokens[i] = rnd.nextInt(rows);
            Activations out = cpu.allocate(tokens.length, cols);
            cpu.embed(w, tokens, tokens.length, out);
            float[] got = new float[cols];
            for (int i = 0; i < tokens.length; i++) {
                cpu.read(out, i, got, 0);
                for (int c = 0; c < cols; c++) assertEquals(dense[tokens[i] * cols + c], got[c], 0f);
            }
        }
    }

    @Test
    void rejectsBadShapes() {
        try (CpuBackend cpu = new CpuBackend(2)) {
            ByteBuffer b = ByteBuffer.allocate(64);
            assertThrows(IllegalArgumentException.class,
                    () -> cpu.loadWeights(GgmlType.Q8_0, 1, 33, TestData.bytes(b)), "partial block");
            assertThrows(IllegalArgumentException.class,
                    () -> cpu.loadWeights(GgmlType.Q4_1, 1, 32, TestData.bytes(b)), "type not computable");
            assertThrows(IllegalArgumentException.class,
                    () -> cpu.loadWeights(GgmlType.F32, 100, 100, TestData.bytes(b)), "too few bytes");
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> cpu.loadWeights(GgmlType.Q4_0, 65536, 65536, TestData.bytes(b)));
            assertTrue(big.getMessage().contains("Java array"), big.getMessage());
            Weights w = cpu.loadWeights(GgmlType.F32, 2, 16, TestData.bytes(ByteBuffer.allocate(128)));
            Activations x = cpu.allocate(1, 15);
            Activations y = cpu.allocate(1, 2);
            assertThrows(IllegalArgumentException.class, () -> cpu.matmul(w, x, y, 1));
            Activations x2 = cpu.allocate(1, 16);
            assertThrows(IllegalArgumentException.class, () -> cpu.matmul(w, x2, y, 2));
        }
    }
}
