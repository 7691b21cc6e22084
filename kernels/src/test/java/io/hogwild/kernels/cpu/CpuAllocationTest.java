package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvType;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-token path allocates nothing once warm: ops reuse their task objects and per-thread scratch, and
 * the vector kernels box no vectors (a Vector API call C2 did not inline allocates, and costs 10x). Counts
 * the caller and every pool thread. The vector kernels are checked on JDK 21+ only: on JDK 17, even with
 * the lean kernels ({@code VectorMatmul.LEAN}), C2 now and then compiles one of them boxed for good in a
 * JVM that has run the rest of the suite (1 run in about 8 here), so the result there depends on the JIT's
 * history. {@code tools/bench/jit-check.sh} checks JDK 17 in a model run instead.
 */
class CpuAllocationTest {
    static final int DIM = 256;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int HD = 64;

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

    /** One layer's worth of ops for a batch of two single-token rows. */
    static final class Step {
        final Weights wq;
        final Weights wk;
        final Weights[] others;
        final Weights norm;
        final KvStore store;
        final int[] pages = new int[8];
        /** An F16 cache beside the float one (the half kernels and conversions must not allocate either). */
        final KvStore halfStore;
        final int[] halfPages = new int[8];
        final int[] copySrcPage = new int[1];
        final int[] copySrcSlot = new int[1];
        final int[] copyDstPage = new int[1];
        final int[] copyDstSlot = new int[1];
        final Rope rope = new Rope(HD, HD, true, Rope.frequencies(HD, 10000.0));
        final Activations x;
        final Activations xb;
        final Activations q;
        final Activations k;
        final Activations att;
        final Activations small;
        /**
         * Seven and six query heads on one KV head, pages of 64, F32 and F16: the attention kernels' tiles of
         * 1 to 4 vectors of keys, for 3, 4, 6 and 7 heads.
         */
        final KvStore wideStore;
        final KvStore wideHalfStore;
        final int[] widePages = new int[2];
        final int[] wideHalfPages = new int[2];
        final Activations q7;
        final Activations q6;
        final Activations att6;
        final Activations k1;
        final Activations att7;
        final KvWrites writes = new KvWrites();
        final AttentionPlan plan = new AttentionPlan();
        final int[] tokens = {0};

        Step(CpuBackend cpu, Random rnd) {
            wq = load(cpu, GgmlType.Q8_0, HEADS * HD, rnd);
            wk = load(cpu, GgmlType.F32, KV_HEADS * HD, rnd);
            GgmlType[] more = {GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K};
            others = new Weights[more.length];
            for (int i = 0; i < more.length; i++) others[i] = load(cpu, more[i], 8, rnd);
            norm = cpu.loadVector(TestData.gaussian(rnd, DIM, 1f));
            KvLayout layout = new KvLayout(1, KV_HEADS, HD, 16);
            store = cpu.createKvStore(layout, 64 * layout.bytesPerPage());
            for (int i = 0; i < pages.length; i++) pages[i] = store.allocate();
            halfStore = cpu.createKvStore(layout.withType(KvType.F16), 64 * layout.bytesPerPage());
            for (int i = 0; i < halfPages.length; i++) halfPages[i] = halfStore.allocate();
            KvLayout wide = new KvLayout(1, 1, HD, 64);
            wideStore = cpu.createKvStore(wide, 4 * wide.bytesPerPage());
            wideHalfStore = cpu.createKvStore(wide.withType(KvType.F16), 4 * wide.bytesPerPage());
            for (int i = 0; i < 2; i++) {
                widePages[i] = wideStore.allocate();
                wideHalfPages[i] = wideHalfStore.allocate();
            }
            q7 = cpu.allocate(2, 7 * HD);
            k1 = cpu.allocate(2, HD);
            cpu.write(k1, 0, TestData.gaussian(rnd, HD, 1f), 0);
            att7 = cpu.allocate(2, 7 * HD);
            q6 = cpu.allocate(2, 6 * HD);
            att6 = cpu.allocate(2, 6 * HD);
            cpu.write(q6, 0, TestData.gaussian(rnd, 6 * HD, 1f), 0);
            cpu.write(q6, 1, TestData.gaussian(rnd, 6 * HD, 1f), 0);
            cpu.write(q7, 0, TestData.gaussian(rnd, 7 * HD, 1f), 0);
            cpu.write(q7, 1, TestData.gaussian(rnd, 7 * HD, 1f), 0);
            x = cpu.allocate(2, DIM);
            xb = cpu.allocate(2, DIM);
            q = cpu.allocate(2, HEADS * HD);
            k = cpu.allocate(2, KV_HEADS * HD);
            att = cpu.allocate(2, HEADS * HD);
            small = cpu.allocate(2, 8);
            float[] row = TestData.gaussian(rnd, DIM, 1f);
            cpu.write(x, 0, row, 0);
            cpu.write(x, 1, row, 0);
        }

        private static Weights load(CpuBackend cpu, GgmlType t, int rows, Random rnd) {
            return cpu.loadWeights(t, rows, DIM, TestData.bytes(TestData.encode(t, rows, DIM, rnd)));
        }

        void run(CpuBackend cpu, int step) {
            int pos = step % 100;
            cpu.rmsnorm(x, xb, norm, 1e-6f, 2, DIM);
            cpu.matmul(wq, xb, q, 2);
            for (Weights o : others) cpu.matmul(o, xb, small, 1 + step % 2);
            cpu.matmul(wk, xb, k, 2);
            writes.reset(1);
            writes.add(pages[pos / 16], pos % 16, pos);
            cpu.storeKv(store, 0, k, k, writes, rope);
            plan.clear();
            plan.beginRow(0, 1, pos);
            plan.addFragment(0, pos + 1, pages, pages.length);
            plan.beginRow(1, 1, pos);
            plan.addFragment(0, pos + 1, pages, pages.length);
            cpu.attention(store, 0, q, att, plan, rope, HEADS, 0.125f);
            writes.reset(1);
            writes.add(halfPages[pos / 16], pos % 16, pos);
            cpu.storeKv(halfStore, 0, k, k, writes, rope);
            plan.clear();
            plan.beginRow(0, 1, pos);
            plan.addFragment(0, pos + 1, halfPages, halfPages.length);
            plan.beginRow(1, 1, pos);
            plan.addFragment(0, pos + 1, halfPages, halfPages.length);
            cpu.attention(halfStore, 0, q, att, plan, rope, HEADS, 0.125f);
            copySrcPage[0] = halfPages[pos / 16];
            copySrcSlot[0] = pos % 16;
            copyDstPage[0] = halfPages[7];
            copyDstSlot[0] = step % 16;
            cpu.copyKv(halfStore, copySrcPage, copySrcSlot, copyDstPage, copyDstSlot, 1, 3, rope);
            wide(cpu, wideStore, widePages, pos);
            wide(cpu, wideHalfStore, wideHalfPages, pos);
            cpu.siluMul(q, att, 2);
            cpu.add(xb, x, 2);
            tokens[0] = step % 7;
            cpu.embed(wq, tokens, 1, q);
        }

        /**
         * Stores a key at pos and attends over [0, pos] with 7 and 6 heads: a 1-token row, and a 2-token one
         * from pos 1 on.
         */
        private void wide(CpuBackend cpu, KvStore st, int[] pg, int pos) {
            writes.reset(1);
            writes.add(pg[pos / 64], pos % 64, pos);
            cpu.storeKv(st, 0, k1, k1, writes, rope);
            plan.clear();
            plan.beginRow(0, pos == 0 ? 1 : 2, pos == 0 ? 0 : pos - 1);
            plan.addFragment(0, pos + 1, pg, pg.length);
            cpu.attention(st, 0, q7, att7, plan, rope, 7, 0.125f);
            cpu.attention(st, 0, q6, att6, plan, rope, 6, 0.125f);
        }
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void decodeStepAllocatesNothing(boolean plain) throws InterruptedException {
        Assumptions.assumeTrue(plain || Runtime.version().feature() >= 21, "vector kernels are checked on JDK 21+");
        try (CpuBackend cpu = new CpuBackend(2, plain)) {
            Step s = new Step(cpu, new Random(5));
            long[] ids = threadIds();
            assertEquals(2, ids.length, "caller and one pool thread");
            // Warm up until the JIT has compiled everything (code below C2 does not use the Vector API
            // intrinsics), then a window of 100 steps must allocate nothing.
            long used = -1;
            int step = 0;
            for (int round = 0; round < 60 && used != 0; round++) {
                for (int warm = 0; warm < 200; warm++) s.run(cpu, step++);
                Thread.sleep(150); // let the compiler threads have the cores (two-core machines)
                long before = allocated(ids);
                for (int k = 0; k < 100; k++) s.run(cpu, step++);
                long after = allocated(ids);
                long overhead = allocated(ids) - after; // reading other threads' counters allocates a little
                used = after - before - overhead;
            }
            assertEquals(0, used, "bytes allocated by 100 warm decode steps");
        }
    }
}
