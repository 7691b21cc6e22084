package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.scalar.ScalarBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The element-wise ops of {@link CpuBackend} against {@link ScalarBackend}: small shapes (one thread does
 * all) and large ones (split across the pool), vector and plain kernels.
 *
 * <p>Tolerances: rmsnorm sums squares in float (relative error below (group + 32) · 2^-23 of the sum) and
 * scales by a float factor, so outputs agree to about 1e-5 relative; silu uses a polynomial exp with
 * relative error under 1e-6; add and bias are exact.
 */
class CpuOpsTest {

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (int threads : new int[] {1, 3}) {
            for (boolean plain : new boolean[] {false, true}) {
                for (int[] shape : new int[][] {{1, 96}, {5, 100}, {9, 128}, {33, 1536}, {40, 4099}}) {
                    l.add(Arguments.of(threads, plain, shape[0], shape[1]));
                }
            }
        }
        return l.stream();
    }

    private static Activations fill(Backend b, float[] data, int rows, int cols) {
        Activations a = b.allocate(rows + 1, cols);
        for (int r = 0; r < rows; r++) b.write(a, r, data, r * cols);
        return a;
    }

    private static float[] dump(Backend b, Activations a, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) b.read(a, r, out, r * cols);
        return out;
    }

    private static void close(float[] want, float[] got, double rel, String what) {
        for (int i = 0; i < want.length; i++) {
            double tol = rel * Math.abs(want[i]) + 1e-30;
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                throw new AssertionError(what + " [" + i + "]: got " + got[i] + " want " + want[i]);
            }
        }
    }

    @ParameterizedTest(name = "threads={0} plain={1} {2}x{3}")
    @MethodSource("cases")
    void elementwiseOpsMatchReference(int threads, boolean plain, int rows, int cols) {
        Random rnd = new Random(rows * 7919L + cols);
        try (CpuBackend cpu = new CpuBackend(threads, plain); ScalarBackend ref = new ScalarBackend()) {
            float[] a = TestData.gaussian(rnd, rows * cols, 2f);
            float[] b = TestData.gaussian(rnd, rows * cols, 3f);
            a[0] = 30f; // silu far in the linear region
            if (a.length > 1) a[1] = -30f; // and far in the flat one
            // rmsnorm over whole rows and over heads, in place and not
            for (int group : new int[] {cols, cols % 32 == 0 ? 32 : cols}) {
                float[] nw = TestData.gaussian(rnd, group, 1f);
                Weights wc = cpu.loadVector(nw);
                Weights wr = ref.loadVector(nw);
                Activations xc = fill(cpu, a, rows, cols);
                Activations yc = fill(cpu, b, rows, cols);
                Activations xr = fill(ref, a, rows, cols);
                Activations yr = fill(ref, b, rows, cols);
                cpu.rmsnorm(xc, yc, wc, 1e-6f, rows, group);
                ref.rmsnorm(xr, yr, wr, 1e-6f, rows, group);
                close(dump(ref, yr, rows, cols), dump(cpu, yc, rows, cols), 2e-5, "rmsnorm");
                close(a, dump(cpu, xc, rows, cols), 0, "rmsnorm input untouched");
                cpu.rmsnorm(xc, xc, wc, 1e-6f, rows, group);
                close(dump(ref, yr, rows, cols), dump(cpu, xc, rows, cols), 2e-5, "rmsnorm in place");
            }
            // add, addBias, siluMul
            Activations ac = fill(cpu, a, rows, cols);
            Activations bc = fill(cpu, b, rows, cols);
            Activations ar = fill(ref, a, rows, cols);
            Activations br = fill(ref, b, rows, cols);
            cpu.add(ac, bc, rows);
            ref.add(ar, br, rows);
            close(dump(ref, ar, rows, cols), dump(cpu, ac, rows, cols), 0, "add");
            float[] bias = TestData.gaussian(rnd, cols, 1f);
            cpu.addBias(ac, cpu.loadVector(bias), rows);
            ref.addBias(ar, ref.loadVector(bias), rows);
            close(dump(ref, ar, rows, cols), dump(cpu, ac, rows, cols), 0, "addBias");
            Activations gc = fill(cpu, a, rows, cols);
            Activations gr = fill(ref, a, rows, cols);
            cpu.siluMul(gc, bc, rows);
            ref.siluMul(gr, br, rows);
            close(dump(ref, gr, rows, cols), dump(cpu, gc, rows, cols), 2e-6, "siluMul");
            // row n (beyond the batch) is untouched by every op
            float[] extra = new float[cols];
            cpu.read(gc, rows, extra, 0);
            for (float v : extra) assertEquals(0f, v);
            // gather
            int[] pick = new int[Math.max(1, rows / 2)];
            for (int i = 0; i < pick.length; i++) pick[i] = rnd.nextInt(rows);
            Activations dc = cpu.allocate(pick.length, cols);
            Activations dr = ref.allocate(pick.length, cols);
            cpu.gather(ac, pick, pick.length, dc);
            ref.gather(ar, pick, pick.length, dr);
            close(dump(ref, dr, pick.length, cols), dump(cpu, dc, pick.length, cols), 0, "gather");
        }
    }

    @ParameterizedTest(name = "threads={0} plain={1} {2}x{3}")
    @MethodSource("cases")
    void rejectsBadArguments(int threads, boolean plain, int rows, int cols) {
        if (rows != 1) return;
        try (CpuBackend cpu = new CpuBackend(threads, plain)) {
            Activations a = cpu.allocate(2, cols);
            Activations other = cpu.allocate(2, cols + 1);
            float[] buf = new float[cols];
            assertThrows(IndexOutOfBoundsException.class, () -> cpu.write(a, 2, buf, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> cpu.read(a, -1, buf, 0));
            assertThrows(IllegalArgumentException.class, () -> cpu.add(a, other, 1));
            assertThrows(IllegalArgumentException.class, () -> cpu.add(a, a, 3));
            assertThrows(IllegalArgumentException.class, () -> cpu.siluMul(a, other, 1));
            assertThrows(IllegalArgumentException.class, () -> cpu.addBias(a, cpu.loadVector(new float[cols + 1]), 1));
            assertThrows(IllegalArgumentException.class, () -> cpu.rmsnorm(a, a, cpu.loadVector(new float[7]), 1e-6f, 1, 7));
            assertThrows(IndexOutOfBoundsException.class, () -> cpu.gather(a, new int[] {5}, 1, a));
            assertThrows(IllegalArgumentException.class, () -> cpu.add(new ScalarBackend().allocate(1, cols), a, 1));
        }
    }
}
