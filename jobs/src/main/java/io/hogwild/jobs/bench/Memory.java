package io.hogwild.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** This process's memory: resident set and its peak from /proc/self/status (Linux), and Java heap in use. */
final class Memory {
    private Memory() {}

    /** vm_rss_mb and vm_hwm_mb (null off Linux), heap_used_mb and heap_committed_mb, now. */
    static Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vm_rss_mb", procStatusMb("VmRSS"));
        m.put("vm_hwm_mb", procStatusMb("VmHWM"));
        m.put("heap_used_mb", heapUsedMb());
        m.put("heap_committed_mb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0);
        return m;
    }

    static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** A "Name:   1234 kB" line of /proc/self/status in MiB, or null. */
    static Double procStatusMb(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
