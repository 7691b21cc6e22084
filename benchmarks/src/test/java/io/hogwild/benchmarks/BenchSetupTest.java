package io.hogwild.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's setup and body once, on tiny shapes (no measurement; the build never runs JMH), so a
 * change to the kernels' API or preconditions shows up here rather than in the middle of a long run.
 */
class BenchSetupTest {

    private static float[] row(Backend b, Activations a, int r) {
        float[] v = new float[a.cols()];
        b.read(a, r, v, 0);
        return v;
    }

    @Test
    void matmulAgreesWithScalar() {
        MatmulBench bench = new MatmulBench();
        MatmulBench.Cpu cpu = new MatmulBench.Cpu();
        cpu.type = "Q4_K";
        cpu.shape = "40x512";
        cpu.rows = 3;
        cpu.threads = 2;
        cpu.coldMiB = 1;
        MatmulBench.Scalar ref = new MatmulBench.Scalar();
        ref.type = cpu.type;
        ref.shape = cpu.shape;
        ref.rows = cpu.rows;
        MatmulBench.Rates rates = new MatmulBench.Rates();
        cpu.setup();
        ref.setup();
        try {
            assertTrue(cpu.copies.length > 1, "1 MiB holds several copies of a 40x512 Q4_K matrix");
            for (int i = 0; i < cpu.copies.length + 1; i++) bench.matmul(cpu, rates);
            bench.scalar(ref, rates);
            assertEquals(2.0 * 40 * 512 * 3 * (cpu.copies.length + 2) / 1e9, rates.GFLOP, 1e-12);
            for (int r = 0; r < 3; r++) {
                float[] got = row(cpu.backend, cpu.out, r);
                float[] want = row(ref.backend, ref.out, r);
                for (int o = 0; o < got.length; o++) assertEquals(want[o], got[o], 1e-3f * (1 + Math.abs(want[o])));
            }
        } finally {
            cpu.close();
            ref.close();
        }
        MatmulBench.Cpu bad = new MatmulBench.Cpu();
        bad.type = "Q6_K";
        bad.shape = "4864x896";
        bad.rows = 1;
        bad.threads = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::setup);
        assertTrue(e.getMessage().startsWith("no such case"), e.getMessage());
    }

    @Test
    void attentionAgreesWithScalar() {
        AttentionBench bench = new AttentionBench();
        AttentionBench.Cpu cpu = new AttentionBench.Cpu();
        cpu.tokens = 16;
        cpu.visible = 128;
        cpu.fragments = 8;
        cpu.threads = 2;
        AttentionBench.Scalar ref = new AttentionBench.Scalar();
        ref.tokens = cpu.tokens;
        ref.visible = cpu.visible;
        ref.fragments = cpu.fragments;
        cpu.setup();
        ref.setup();
        try {
            bench.attention(cpu);
            bench.scalar(ref);
            assertEquals(1, cpu.layer);
            for (int t = 0; t < cpu.tokens; t++) {
                float[] got = row(cpu.backend, cpu.out, t);
                float[] want = row(ref.backend, ref.out, t);
                for (int i = 0; i < got.length; i++) assertEquals(want[i], got[i], 1e-4f);
            }
        } finally {
            cpu.close();
            ref.close();
        }
    }

    @Test
    void elementwiseOpsRunAndSiluStaysPut() {
        ElementwiseBench bench = new ElementwiseBench();
        ElementwiseBench.Cpu cpu = new ElementwiseBench.Cpu();
        cpu.dim = 512; // 64 x 512: the parallel path
        cpu.rows = 64;
        cpu.threads = 2;
        ElementwiseBench.Scalar ref = new ElementwiseBench.Scalar();
        ElementwiseBench.CpuKv kv = new ElementwiseBench.CpuKv();
        kv.rows = 64;
        kv.threads = 2;
        ElementwiseBench.ScalarKv refKv = new ElementwiseBench.ScalarKv();
        refKv.rows = 64;
        cpu.setup();
        ref.dim = 512;
        ref.rows = 64;
        ref.setup();
        kv.setup();
        refKv.setup();
        try {
            bench.rmsnorm(cpu);
            bench.add(cpu);
            bench.embed(cpu);
            bench.gather(cpu);
            assertArrayEquals(row(cpu.backend, cpu.source, cpu.pick[5]), row(cpu.backend, cpu.picked, 5));
            bench.storeKv(kv);
            bench.scalarRmsnorm(ref);
            bench.scalarStoreKv(refKv);
            bench.scalarSiluMul(ref);
            // the gate values stay in a normal range however often siluMul runs on its own output
            float[] before = row(cpu.backend, cpu.gate, 7);
            for (int i = 0; i < 100; i++) bench.siluMul(cpu);
            float[] after = row(cpu.backend, cpu.gate, 7);
            for (int i = 0; i < after.length; i++) {
                assertTrue(after[i] <= -0.4f && after[i] >= -2.1f, "gate " + i + ": " + after[i]);
                assertEquals(before[i], after[i], 0.05f);
            }
        } finally {
            cpu.close();
            ref.close();
            kv.close();
            refKv.close();
        }
    }
}
