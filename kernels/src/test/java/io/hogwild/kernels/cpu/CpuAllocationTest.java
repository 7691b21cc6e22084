package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-token path allocates nothing once warm: ops reuse their task objects and per-thread scratch.
 * Measured on the plain kernels (on JDK 17 a vector kernel that C2 failed to inline fully boxes its
 * vectors, which would make this test depend on the JIT), counting the caller and every pool thread.
 */
class CpuAllocationTest {

    private static long[] threadIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("hogwild-cpu-"))
                .mapToLong(Thread::getId).toArray();
    }

    private static long allocated(long[] ids) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : ids) {
            long b = mx.getThreadAllocatedBytes(id);
            if (b > 0) sum += b;
        }
        return sum;
    }

    @Test
    void decodeStepAllocatesNothing() {
        Random rnd = new Random(5);
        int dim = 256;
        int heads = 4;
        int kvHeads = 2;
        int hd = 64;
        try (CpuBackend cpu = new CpuBackend(2, true)) {
            Weights wq = cpu.loadWeights(GgmlType.Q8_0, heads * hd, dim,
                    TestData.bytes(TestData.encode(GgmlType.Q8_0, heads * hd, dim, rnd)));
            Weights wk = cpu.loadWeights(GgmlType.F32, kvHeads * hd, dim,
                    TestData.bytes(TestData.encode(GgmlType.F32, kvHeads * hd, dim, rnd)));
            Weights norm = cpu.loadVector(TestData.gaussian(rnd, dim, 1f));
            KvLayout layout = new KvLayout(1, kvHeads, hd, 16);
            Rope rope = new Rope(hd, hd, true, Rope.frequencies(hd, 10000.0));
            KvStore store = cpu.createKvStore(layout, 64 * layout.bytesPerPage());
            int[] pages = new int[8];
            for (int i = 0; i < pages.length; i++) pages[i] = store.allocate();
            Activations x = cpu.allocate(2, dim);
            Activations xb = cpu.allocate(2, dim);
            Activations q = cpu.allocate(2, heads * hd);
            Activations k = cpu.allocate(2, kvHeads * hd);
            Activations att = cpu.allocate(2, heads * hd);
            float[] row = TestData.gaussian(rnd, dim, 1f);
            cpu.write(x, 0, row, 0);
            cpu.write(x, 1, row, 0);
            KvWrites writes = new KvWrites();
            AttentionPlan plan = new AttentionPlan();
            int[] tokens = {0};
            long[] ids = threadIds();
            assertEquals(2, ids.length, "caller and one pool thread");
            long before = 0;
            for (int step = 0; step < 1100; step++) {
                if (step == 1000) before = allocated(ids);
                int pos = step % 100;
                cpu.rmsnorm(x, xb, norm, 1e-6f, 2, dim);
                cpu.matmul(wq, xb, q, 2);
                cpu.matmul(wk, xb, k, 2);
                writes.reset(1);
                writes.add(pages[pos / 16], pos % 16, pos);
                cpu.storeKv(store, 0, k, k, writes, rope);
                plan.clear();
                plan.beginRow(0, 1, pos);
                plan.addFragment(0, pos + 1, pages, pages.length);
                plan.beginRow(1, 1, pos);
                plan.addFragment(0, pos + 1, pages, pages.length);
                cpu.attention(store, 0, q, att, plan, rope, heads, 0.125f);
                cpu.siluMul(q, att, 2);
                cpu.add(xb, x, 2);
                tokens[0] = step % 7;
            }
            long after = allocated(ids);
            long overhead = allocated(ids) - after; // reading the counters of other threads allocates a little
            long used = after - before - overhead;
            assertEquals(0, used, "bytes allocated by 100 warm decode steps");
        }
    }
}
