package io.hogwild.jobs.bench;

import io.hogwild.kernels.cpu.MachineLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine's limits at a thread count, measured in the run that reports against them. */
public final class MachineInfo {
    /** Size of the array the read bandwidth is measured on: well past any CPU cache. */
    public static final int DEFAULT_BANDWIDTH_MIB = 1024;

    private MachineInfo() {}

    /**
     * Memory-read bandwidth (best of 6 passes over a {@code bandwidthMib} MiB float array, every thread
     * summing its share with vector loads) and peak FMA rate (an FMA counts as two FLOPs), both with
     * {@code threads} threads busy, as measured by {@link MachineLimits}.
     */
    public static Map<String, Object> limits(int threads, int bandwidthMib) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threads);
        m.put("read_bandwidth_gb_s", MachineLimits.memoryReadBandwidth(threads, (long) bandwidthMib << 20, 6) / 1e9);
        m.put("peak_gflops", MachineLimits.peakFlops(threads) / 1e9);
        m.put("bandwidth_array_mib", bandwidthMib);
        return m;
    }

    /** Read bandwidth of a {@link #limits} map, in bytes per second. */
    public static double bandwidth(Map<String, Object> limits) {
        return ((Number) limits.get("read_bandwidth_gb_s")).doubleValue() * 1e9;
    }

    /** Peak FMA rate of a {@link #limits} map, in FLOPs per second. */
    public static double peakFlops(Map<String, Object> limits) {
        return ((Number) limits.get("peak_gflops")).doubleValue() * 1e9;
    }

    /** One line for the console. */
    public static String describe(Map<String, Object> limits) {
        return String.format("machine, %s threads: read bandwidth %.1f GB/s, FMA peak %.1f GFLOP/s (measured now)",
                limits.get("threads"), limits.get("read_bandwidth_gb_s"), limits.get("peak_gflops"));
    }
}
