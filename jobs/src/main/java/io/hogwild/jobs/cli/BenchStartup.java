package io.hogwild.jobs.cli;

import io.hogwild.jobs.bench.BenchModels;
import io.hogwild.jobs.bench.Charts;
import io.hogwild.jobs.bench.MachineInfo;
import io.hogwild.jobs.bench.StartupBench;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "startup", description = "Model load (read/mmap and repack) and engine creation to the first generated "
        + "token, with resident memory against file size; each run in a fresh JVM, the first after dropping the file "
        + "from the OS page cache.")
final class BenchStartup implements Callable<Integer> {
    @Option(names = "--models", split = ",", defaultValue = "0.5b,4b", description = "0.5b, 4b (generated Q8_0 models; the "
            + "4B one is a 4.3 GB file, generated once) or GGUF paths (default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--runs", defaultValue = "2", description = "fresh JVMs per model (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--no-evict", description = "do not drop the file from the page cache before the first run")
    boolean noEvict;

    @Option(names = "--threads", description = "compute threads (default: available processors)")
    Integer threads;

    @Option(names = "--cache-mb", defaultValue = "1024", description = "engine KV budget in MiB (allocated as used)")
    long cacheMb;

    @Option(names = "--bandwidth-mib", defaultValue = "1024", description = "array the read bandwidth is measured on")
    int bandwidthMib;

    @Option(names = "--out", defaultValue = "bench-out/startup.json", description = "JSON report; charts go next to it (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        int t = BenchCommand.threads(threads);
        Map<String, Object> report = BenchCommand.header(t);
        report.put("child_jvm_flags", StartupBench.jvmFlags());
        report.put("measures", "per run a fresh JVM: Model.load (load_s: open and parse the GGUF, build the tokenizer, read and "
                + "repack the weights into the backend, the last part being repack_s), "
                + "then new HogwildEngine to the first generated token of a 2-worker problem (engine_to_first_token_s: "
                + "prompt prefill and the first decode pass); memory from /proc/self/status and the heap MXBean");
        List<Map<String, Object>> rows = new ArrayList<>();
        report.put("runs", rows);
        for (String name : models) {
            Path file = file(name);
            String label = name.endsWith(".gguf") ? file.getFileName().toString().replaceAll("\\.gguf$", "") : name;
            rows.addAll(StartupBench.run(label, file, runs, !noEvict, t, cacheMb));
        }
        Map<String, Object> limits = MachineInfo.limits(t, bandwidthMib); // after the children: its heap is not theirs
        report.put("machine", limits);
        System.out.println(MachineInfo.describe(limits));
        System.out.printf("%-12s %3s %8s %8s %8s %9s %9s %9s %7s %8s %8s %8s%n", "model", "run", "cached", "file GB", "load s",
                "repack s", "1st tok s", "total s", "tokens", "RSS GB", "peak GB", "heap GB");
        for (Map<String, Object> r : rows) print(r);
        BenchCommand.write(out, report);
        Path dir = out.toAbsolutePath().getParent();
        charts(dir, rows);
        System.out.println("charts: " + dir.resolve("startup-time.png") + ", " + dir.resolve("startup-memory.png"));
        return 0;
    }

    private static Path file(String name) {
        switch (name) {
            case "0.5b": return BenchModels.file(BenchModels.llamaHalfB(GgmlType.Q8_0), "llama-0.5b");
            case "4b": return BenchModels.file(BenchModels.llamaFourB(GgmlType.Q8_0), "llama-4b");
            default:
                Path p = Path.of(name);
                if (!Files.isRegularFile(p)) throw new IllegalArgumentException("model '" + name + "': not 0.5b, 4b or a file");
                return p;
        }
    }

    private static void print(Map<String, Object> r) {
        Double cached = (Double) r.get("page_cache_fraction_before");
        Map<?, ?> m = (Map<?, ?>) r.get("after_first_token");
        System.out.printf("%-12s %3d %8s %8.2f %8.2f %9.2f %9.2f %9.2f %7d %8s %8s %8.2f%n", r.get("model"), r.get("run"),
                cached == null ? "?" : String.format("%.0f%%", 100 * cached), gb(r.get("file_bytes"), 1e9), r.get("load_s"),
                r.get("repack_s") == null ? Double.NaN : r.get("repack_s"), r.get("engine_to_first_token_s"),
                r.get("time_to_first_token_s"), ((Number) r.get("tokens_to_first_token")).longValue(),
                mb(m.get("vm_rss_mb")), mb(m.get("vm_hwm_mb")), (double) r.get("heap_live_after_gc_mb") / 1024);
    }

    private static double gb(Object bytes, double unit) {
        return ((Number) bytes).doubleValue() / unit;
    }

    private static String mb(Object mib) {
        return mib == null ? "?" : String.format("%.2f", ((Number) mib).doubleValue() / 1024);
    }

    /** Stacked start-up time per run; file size against memory per model (its last run). */
    private static void charts(Path dir, List<Map<String, Object>> rows) {
        List<String> runs = new ArrayList<>();
        Map<String, List<Double>> time = new LinkedHashMap<>();
        for (String s : List.of("open, parse, tokenizer", "read + repack weights", "engine to first token")) time.put(s, new ArrayList<>());
        for (Map<String, Object> r : rows) {
            Double cached = (Double) r.get("page_cache_fraction_before");
            runs.add(r.get("model") + " run " + r.get("run") + (cached == null ? "" : String.format(" (%.0f%% cached)", 100 * cached)));
            double load = (double) r.get("load_s");
            double repack = r.get("repack_s") == null ? 0 : (double) r.get("repack_s");
            time.get("open, parse, tokenizer").add(load - repack);
            time.get("read + repack weights").add(repack);
            time.get("engine to first token").add((double) r.get("engine_to_first_token_s"));
        }
        Charts.bars(dir.resolve("startup-time.png"), "Time to first token from a fresh JVM", "seconds", runs, time, true);
        Map<String, Map<String, Object>> last = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) last.put((String) r.get("model"), r);
        Map<String, List<Double>> memory = new LinkedHashMap<>();
        for (String s : List.of("file", "peak RSS (VmHWM)", "RSS at first token", "live heap")) memory.put(s, new ArrayList<>());
        for (Map<String, Object> r : last.values()) {
            Map<?, ?> m = (Map<?, ?>) r.get("after_first_token");
            memory.get("file").add(gb(r.get("file_bytes"), 1 << 30));
            memory.get("peak RSS (VmHWM)").add(m.get("vm_hwm_mb") == null ? 0 : gb(m.get("vm_hwm_mb"), 1024));
            memory.get("RSS at first token").add(m.get("vm_rss_mb") == null ? 0 : gb(m.get("vm_rss_mb"), 1024));
            memory.get("live heap").add(gb(r.get("heap_live_after_gc_mb"), 1024));
        }
        Charts.bars(dir.resolve("startup-memory.png"), "Memory against file size", "GiB", List.copyOf(last.keySet()), memory, false);
    }
}
