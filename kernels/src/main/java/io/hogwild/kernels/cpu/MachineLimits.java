package io.hogwild.kernels.cpu;

/**
 * What this machine can do at most, measured the way the kernels run (Java, heap arrays, the same
 * kernels and pool): memory read bandwidth and peak fused multiply-add rate. Benchmarks report kernel
 * speeds against these.
 */
public final class MachineLimits {
    private MachineLimits() {}

    /**
     * Bytes per second read from memory: every thread sums its share of a ~1 GiB float array with vector
     * loads; best of {@code runs} passes after one warm-up pass.
     */
    public static double memoryReadBandwidth(int threads) {
        return memoryReadBandwidth(threads, 1L << 30, 6);
    }

    public static double memoryReadBandwidth(int threads, long bytes, int runs) {
        int n = (int) Math.min(Integer.MAX_VALUE - 16, bytes / 4);
        float[] a = new float[n];
        for (int i = 0; i < n; i += 1024) a[i] = 1f; // touch every page
        Kernels k = Kernels.create(false);
        float[] sink = new float[threads];
        try (CpuPool pool = new CpuPool(threads)) {
            int grain = 1 << 20; // 4 MiB per call: many calls, so the loop is compiled normally, not on stack
            CpuPool.RangeTask task = (worker, from, to) -> sink[worker] += k.streamSum(a, from, to);
            for (int w = 0; w < 200; w++) sink[0] += k.streamSum(a, 0, 1 << 14); // compile
            double best = 0;
            for (int r = 0; r <= runs; r++) {
                long t0 = System.nanoTime();
                pool.run(task, n, grain);
                long t = System.nanoTime() - t0;
                if (r > 0) best = Math.max(best, 4.0 * n / (t * 1e-9));
            }
            if (sink[0] == 12345.678f) System.out.print(""); // keep the sums alive
            return best;
        }
    }

    /** Floating-point operations per second (an FMA counts two) with all {@code threads} busy. */
    public static double peakFlops(int threads) {
        Kernels k = Kernels.create(false);
        long iters = 100_000L;
        int calls = 200 * threads;
        float[] sink = new float[threads];
        try (CpuPool pool = new CpuPool(threads)) {
            CpuPool.RangeTask task = (worker, from, to) -> {
                for (int i = from; i < to; i++) sink[worker] += k.fmaSpin(iters);
            };
            for (int w = 0; w < 2000; w++) sink[0] += k.fmaSpin(100); // compile
            double best = 0;
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                pool.run(task, calls, 1);
                long t = System.nanoTime() - t0;
                double flops = 2.0 * k.lanes() * Kernels.FMA_CHAINS * iters * calls;
                best = Math.max(best, flops / (t * 1e-9));
            }
            if (sink[0] == 12345.678f) System.out.print("");
            return best;
        }
    }

    public static void main(String[] args) {
        int max = Runtime.getRuntime().availableProcessors();
        for (int t = 1; t <= max; t *= 2) {
            System.out.printf("threads %d: read bandwidth %.1f GB/s, peak %.1f GFLOP/s%n", t,
                    memoryReadBandwidth(t) / 1e9, peakFlops(t) / 1e9);
            if (t * 2 > max && t != max) t = max / 2;
        }
    }
}
