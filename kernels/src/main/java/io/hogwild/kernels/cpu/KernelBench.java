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
 * weights come from memory, not from the last-level cache.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ... io.hogwild.kernels.cpu.KernelBench
 * [types=F32,Q8_0,...] [shapes=4096x4096,896x4864] [threads=1,2] [ns=1,2,4,8] [ms=400] [plain] [hot]
 * [nolimits]}; {@code hot} uses one copy (cache-resident for small shapes: compute speed).
 */
public final class KernelBench {
    private KernelBench() {}

    private static final int ROUNDS = 8;
    /** Copies of each matrix are cycled until this many bytes, so weights come from memory. */
    private static long coldBytes = 384L << 20;
    private static long warmMillis = 3000;
    /** Report bytes allocated per matmul (boxed vectors show up here) instead of timing. */
    private static boolean allocOnly;

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
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, vector module " + Kernels.vectorModulePresent());
        int[] threads = ints(threadList);
        if (limits) {
            for (int t : threads) {
                System.out.printf("machine: %d thread(s): read bandwidth %.1f GB/s, FMA peak %.0f GFLOP/s%n", t,
                        MachineLimits.memoryReadBandwidth(t) / 1e9, MachineLimits.peakFlops(t) / 1e9);
            }
        }
        int[] ns = ints(nList);
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
                    double sec = Double.MAX_VALUE;
                    for (int round = 0; round < ROUNDS; round++) {
                        long calls = 0;
                        long start = System.nanoTime();
                        end = start + millis * 1_000_000L / ROUNDS;
                        long now;
                        do {
                            cpu.matmul(copies.get(i++ % copies.size()), x, y, n);
                            calls++;
                            now = System.nanoTime();
                        } while (now < end || calls < copies.size());
                        sec = Math.min(sec, (now - start) * 1e-9 / calls);
                    }
                    line.append(String.format("  n=%d %.3f ms %5.1f GB/s", n, sec * 1e3, bytes / sec / 1e9));
                    if (n >= 16) line.append(String.format(" %4.0f GFLOP/s", 2.0 * rows * cols * n / sec / 1e9));
                }
                System.out.println(line);
            }
        }
    }
}
