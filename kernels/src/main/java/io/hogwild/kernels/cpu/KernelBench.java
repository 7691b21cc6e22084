package io.hogwild.kernels.cpu;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Matmul microbenchmark: effective weight-read GB/s (bytes held after repacking / time) and ms per call
 * for each type, batch n = 1, 2, 4, 8 (and optionally a long prefill batch), on 1 and 2 threads, next to
 * the machine's measured read bandwidth and FMA peak. Enough copies of each matrix are cycled that the
 * weights come from memory, not from the last-level cache. Times are the best of several rounds in which
 * the benchmark had its cores to itself (marked ~ when no round was).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ... io.hogwild.kernels.cpu.KernelBench
 * [types=F32,Q8_0,...] [shapes=4096x4096,896x4864] [threads=1,2] [ns=1,2,4,8] [ms=400] [plain] [hot]
 * [nolimits] [attn=1024,4096 [kv=f32,f16]]}; {@code hot} uses one copy (cache-resident for small shapes: compute
 * speed); {@code attn=} times attention over caches of those lengths instead, with K/V stored as each {@code kv=}
 * type (default f32).
 */
public final class KernelBench {
    private KernelBench() {}

    private static final int ROUNDS = 8;
    /** Copies of each matrix are cycled until this many bytes, so weights come from memory. */
    private static long coldBytes = 384L << 20;
    private static long warmMillis = 3000;
    /** Contexts for the attention benchmark (empty: skip). */
    private static String attnContexts = "";
    /** KV cache element types for the attention benchmark. */
    private static String kvTypes = "f32";
    /** Report bytes allocated per matmul (boxed vectors show up here) instead of timing. */
    private static boolean allocOnly;

    /**
     * The machine may be shared: a timed round counts only if this benchmark's threads (the caller and the
     * pool's) were on a core for at least 90% of it; otherwise someone else had the CPU.
     */
    static final class Quiet {
        private long[] ids = new long[0];
        private long cpu0;
        private long wall0;

        void start() {
            ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t == Thread.currentThread() || t.getName().startsWith("hogwild-cpu-"))
                    .mapToLong(Thread::getId).toArray();
            cpu0 = cpu();
            wall0 = System.nanoTime();
        }

        private long cpu() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long id : ids) sum += Math.max(0, mx.getThreadCpuTime(id));
            return sum;
        }

        /** Whether the round since {@link #start} ran undisturbed. */
        boolean clean() {
            long wall = System.nanoTime() - wall0;
            return cpu() - cpu0 >= 0.9 * wall * ids.length;
        }
    }

    /** Best time over clean rounds, or over all rounds (flagged) when none was clean. */
    static final class Best {
        double clean = Double.MAX_VALUE;
        double any = Double.MAX_VALUE;

        void add(double t, boolean isClean) {
            any = Math.min(any, t);
            if (isClean) clean = Math.min(clean, t);
        }

        double value() {
            return clean < Double.MAX_VALUE ? clean : any;
        }

        String mark() {
            return clean < Double.MAX_VALUE ? "" : "~";
        }
    }

    static long allocated() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return ((com.sun.management.ThreadMXBean) b).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String types = "F32,F16,BF16,Q8_0,Q4_0,Q4_K,Q6_K";
        String shapes = "4096x4096,4864x896,896x4864";
        String threadList = "1,2";
        String nList = "1,2,4,8";
        long millis = 800;
        boolean plain = false;
        boolean limits = true;
        for (String a : args) {
            if (a.startsWith("types=")) types = a.substring(6);
            else if (a.startsWith("shapes=")) shapes = a.substring(7);
            else if (a.startsWith("threads=")) threadList = a.substring(8);
            else if (a.startsWith("ns=")) nList = a.substring(3);
            else if (a.startsWith("ms=")) millis = Long.parseLong(a.substring(3));
            else if (a.equals("plain")) plain = true;
            else if (a.equals("nolimits")) limits = false;
            else if (a.equals("hot")) coldBytes = 0;
            else if (a.startsWith("warm=")) warmMillis = Long.parseLong(a.substring(5));
            else if (a.equals("alloc")) allocOnly = true;
            else if (a.startsWith("attn=")) attnContexts = a.substring(5);
            else if (a.startsWith("kv=")) kvTypes = a.substring(3);
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, vector module " + Kernels.vectorModulePresent());
        int[] threads = ints(threadList);
        if (limits) {
            for (int t : threads) {
                if (t > 1) System.out.printf("pool: %d threads, %.2f us per dispatch of an empty op%n", t, dispatchMicros(t));
            }
            for (int t : threads) {
                System.out.printf("machine: %d thread(s): read bandwidth %.1f GB/s, FMA peak %.0f GFLOP/s%n", t,
                        MachineLimits.memoryReadBandwidth(t) / 1e9, MachineLimits.peakFlops(t) / 1e9);
            }
        }
        int[] ns = ints(nList);
        if (!attnContexts.isEmpty()) {
            for (int t : threads) {
                for (int ctx : ints(attnContexts)) {
                    for (String kv : kvTypes.split(",")) attention(t, ctx, plain, io.hogwild.kernels.KvType.parse(kv));
                }
            }
            return;
        }
        for (String shape : shapes.split(",")) {
            String[] rc = shape.split("x");
            int rows = Integer.parseInt(rc[0]);
            int cols = Integer.parseInt(rc[1]);
            for (String tn : types.split(",")) {
                GgmlType type = GgmlType.fromName(tn);
                bench(type, rows, cols, threads, ns, millis, plain);
            }
        }
    }

    /**
     * Attention over one fragment of {@code ctx} tokens, Qwen2.5-1.5B-like heads (12 query, 2 KV, 128),
     * one layer: decode rows (1 and 4 rows, one token each) and a 64-token prefill row; then one decode row
     * that sees the same cache as fragments of 16 tokens (per-fragment costs: query rotation, partial
     * chunks). Reports time and the K/V bytes read per call (each row reads the whole visible cache once).
     */
    private static void attention(int threads, int ctx, boolean plain, io.hogwild.kernels.KvType kvType) {
        int heads = 12;
        int kvHeads = 2;
        int hd = 128;
        int page = 64;
        io.hogwild.kernels.KvLayout layout = new io.hogwild.kernels.KvLayout(1, kvHeads, hd, page, kvType);
        io.hogwild.kernels.Rope rope = new io.hogwild.kernels.Rope(hd, hd, true,
                io.hogwild.kernels.Rope.frequencies(hd, 1_000_000.0));
        try (CpuBackend cpu = new CpuBackend(threads, plain)) {
            io.hogwild.kernels.KvStore store = cpu.createKvStore(layout, (long) (ctx / page + 2) * layout.bytesPerPage());
            int[] pages = new int[(ctx + page - 1) / page];
            for (int i = 0; i < pages.length; i++) pages[i] = store.allocate();
            Random rnd = new Random(3);
            int width = kvHeads * hd;
            Activations k = cpu.allocate(page, width);
            float[] row = new float[width];
            io.hogwild.kernels.KvWrites writes = new io.hogwild.kernels.KvWrites();
            for (int t0 = 0; t0 < ctx; t0 += page) {
                int cnt = Math.min(page, ctx - t0);
                writes.reset(cnt);
                for (int t = 0; t < cnt; t++) {
                    for (int i = 0; i < width; i++) row[i] = (float) rnd.nextGaussian();
                    cpu.write(k, t, row, 0);
                    writes.add(pages[(t0 + t) / page], (t0 + t) % page, t0 + t);
                }
                cpu.storeKv(store, 0, k, k, writes, rope);
            }
            Activations q = cpu.allocate(64, heads * hd);
            Activations out = cpu.allocate(64, heads * hd);
            float[] qr = new float[heads * hd];
            for (int t = 0; t < 64; t++) {
                for (int i = 0; i < qr.length; i++) qr[i] = (float) rnd.nextGaussian();
                cpu.write(q, t, qr, 0);
            }
            StringBuilder line = new StringBuilder(String.format("attention ctx=%d kv=%s %s thr=%d:", ctx, kvType.optionName(),
                    cpu.name(), threads));
            for (int mode = 0; mode < 4; mode++) {
                io.hogwild.kernels.AttentionPlan plan = new io.hogwild.kernels.AttentionPlan();
                plan.clear();
                int rows = mode == 1 ? 4 : 1;
                long kvBytes = 0;
                for (int r = 0; r < rows; r++) {
                    int tokens = mode == 2 ? 64 : 1;
                    plan.beginRow(r, tokens, ctx - tokens);
                    if (mode == 3) {
                        // fragments of 16 tokens, each the first 16 slots of a page (pages seen 4 times each)
                        for (int f = 0; f < ctx / 16; f++) plan.addFragment(f * 16, 16, new int[] {pages[f % pages.length]}, 1);
                        kvBytes += 2L * ctx * width * kvType.bytes();
                        continue;
                    }
                    plan.addFragment(0, ctx, pages, pages.length);
                    kvBytes += 2L * ctx * width * kvType.bytes();
                }
                float scale = 1f / (float) Math.sqrt(hd);
                long end = System.nanoTime() + 1000_000_000L;
                while (System.nanoTime() < end) cpu.attention(store, 0, q, out, plan, rope, heads, scale);
                Best b = new Best();
                Quiet quiet = new Quiet();
                for (int round = 0; round < ROUNDS; round++) {
                    int calls = 0;
                    quiet.start();
                    long t0 = System.nanoTime();
                    do {
                        cpu.attention(store, 0, q, out, plan, rope, heads, scale);
                        calls++;
                    } while (System.nanoTime() - t0 < 100_000_000L);
                    b.add((System.nanoTime() - t0) * 1e-9 / calls, quiet.clean());
                }
                double best = b.value();
                String what = mode == 0 ? "1 row" : mode == 1 ? "4 rows" : mode == 2 ? "64-token prefill"
                        : "1 row, 16-token fragments";
                line.append(String.format("  %s %.3f%s ms (%.1f GB/s of K/V)", what, best * 1e3, b.mark(), kvBytes / best / 1e9));
            }
            System.out.println(line);
        }
    }

    /** Round trip of one op through the pool: publish, every thread claims its share, barrier. */
    static double dispatchMicros(int threads) {
        try (CpuPool pool = new CpuPool(threads)) {
            int[] sink = new int[threads * 16];
            CpuPool.RangeTask task = (worker, from, to) -> sink[worker * 16] += to - from;
            for (int i = 0; i < 200_000; i++) pool.run(task, threads, 1);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 100_000; i++) pool.run(task, threads, 1);
                best = Math.min(best, (System.nanoTime() - t0) / 1e3 / 100_000);
            }
            return best;
        }
    }

    private static int[] ints(String s) {
        String[] p = s.split(",");
        int[] r = new int[p.length];
        for (int i = 0; i < p.length; i++) r[i] = Integer.parseInt(p[i].trim());
        return r;
    }

    static ByteBuffer randomMatrix(GgmlType type, int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(type.bytesFor((long) rows * cols))).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) row[i] = (float) rnd.nextGaussian() * 0.02f;
            Quantization.quantize(type, row, 0, cols, b);
        }
        b.flip();
        return b;
    }

    private static void bench(GgmlType type, int rows, int cols, int[] threads, int[] ns, long millis, boolean plain) {
        ByteBuffer enc = randomMatrix(type, rows, cols, 42);
        for (int t : threads) {
            try (CpuBackend cpu = new CpuBackend(t, plain)) {
                List<Weights> copies = new ArrayList<>();
                long held = 0;
                long t0 = System.nanoTime();
                do {
                    Weights w = cpu.loadWeights(type, rows, cols, TensorBytes.of(enc));
                    copies.add(w);
                    held += w.bytes();
                } while (held < coldBytes);
                long repack = System.nanoTime() - t0;
                long bytes = copies.get(0).bytes();
                int maxN = 0;
                for (int n : ns) maxN = Math.max(maxN, n);
                Activations x = cpu.allocate(maxN, cols);
                Activations y = cpu.allocate(maxN, rows);
                float[] xs = new float[cols];
                Random rnd = new Random(1);
                for (int r = 0; r < maxN; r++) {
                    for (int i = 0; i < cols; i++) xs[i] = (float) rnd.nextGaussian();
                    cpu.write(x, r, xs, 0);
                }
                StringBuilder line = new StringBuilder();
                line.append(String.format("%-5s %5dx%-5d %s thr=%d (%5.1f MB, repack %4.0f MB/s):", type, rows, cols,
                        cpu.name(), t, bytes / 1e6, (double) bytes * copies.size() / (repack * 1e-9) / 1e6));
                // warm-up: every batch size in turn until every kernel variant is compiled
                int i = 0;
                long end = System.nanoTime() + warmMillis * 1_000_000L;
                while (System.nanoTime() < end) {
                    for (int n : ns) cpu.matmul(copies.get(i++ % copies.size()), x, y, n);
                }
                if (allocOnly) {
                    for (int n : ns) {
                        long a0 = allocated();
                        for (int k = 0; k < 100; k++) cpu.matmul(copies.get(i++ % copies.size()), x, y, n);
                        line.append(String.format("  n=%d %d B/call", n, (allocated() - a0) / 100));
                    }
                    System.out.println(line);
                    continue;
                }
                for (int n : ns) {
                    // the best of several timed rounds over all copies (the machine may be shared: the
                    // fastest round is the one least disturbed)
                    Best best = new Best();
                    Quiet quiet = new Quiet();
                    for (int round = 0; round < ROUNDS; round++) {
                        long calls = 0;
                        quiet.start();
                        long start = System.nanoTime();
                        end = start + millis * 1_000_000L / ROUNDS;
                        long now;
                        do {
                            cpu.matmul(copies.get(i++ % copies.size()), x, y, n);
                            calls++;
                            now = System.nanoTime();
                        } while (now < end || calls < copies.size());
                        best.add((now - start) * 1e-9 / calls, quiet.clean());
                    }
                    double sec = best.value();
                    line.append(String.format("  n=%d %.3f%s ms %5.1f GB/s", n, sec * 1e3, best.mark(), bytes / sec / 1e9));
                    if (n >= 16) line.append(String.format(" %4.0f GFLOP/s", 2.0 * rows * cols * n / sec / 1e9));
                }
                System.out.println(line);
            }
        }
    }
}
