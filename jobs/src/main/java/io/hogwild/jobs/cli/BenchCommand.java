package io.hogwild.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hogwild.engine.Model;
import io.hogwild.jobs.bench.BenchModels;
import io.hogwild.jobs.bench.Charts;
import io.hogwild.jobs.bench.HogwildBench;
import io.hogwild.jobs.bench.SingleStreamBench;
import io.hogwild.kernels.Backends;
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

@Command(name = "bench", description = "Benchmarks on generated llama-architecture models (~0.5B; 4B for startup; cached "
        + "under ~/.cache/hogwild/bench); each prints a table and writes a JSON report and PNG charts.",
        subcommands = {BenchCommand.Single.class, BenchCommand.Hogwild.class, BenchRoofline.class, BenchAttention.class,
                BenchStartup.class})
final class BenchCommand {

    static Map<String, Object> header() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.put("vector_api", Backends.vectorApiAvailable());
        report.put("processors", Runtime.getRuntime().availableProcessors());
        report.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        return report;
    }

    /** {@link #header()} plus the compute threads of the run. */
    static Map<String, Object> header(int threads) {
        Map<String, Object> report = header();
        report.put("threads", threads);
        return report;
    }

    /** The threads option's value, or every available processor. */
    static int threads(Integer option) {
        return option != null ? option : Runtime.getRuntime().availableProcessors();
    }

    static void write(Path out, Map<String, Object> report) throws Exception {
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
        System.out.println("report: " + out);
    }

    @Command(name = "single", description = "Single-stream prefill and decode tokens/s against the measured "
            + "memory-read bandwidth and FMA peak.")
    static final class Single implements Callable<Integer> {
        @Option(names = "--types", split = ",", defaultValue = "f32,q8_0,q4_0", description = "weight types of the generated model (default ${DEFAULT-VALUE})")
        List<String> types;

        @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "compute threads, one run each (default ${DEFAULT-VALUE})")
        int[] threads;

        @Option(names = "--prompt-tokens", defaultValue = "512", description = "prompt to prefill (default ${DEFAULT-VALUE})")
        int promptTokens;

        @Option(names = "--decode-tokens", defaultValue = "32", description = "tokens to decode after the prompt (default ${DEFAULT-VALUE})")
        int decodeTokens;

        @Option(names = "--out", defaultValue = "bench-out/single-stream.json", description = "JSON report; charts go next to it (default ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> report = header();
            List<Map<String, Object>> limits = SingleStreamBench.limits(threads);
            report.put("machine", limits);
            List<Map<String, Object>> rows = new ArrayList<>();
            report.put("runs", rows);
            for (Map<String, Object> l : limits) {
                System.out.printf("machine, %s threads: read bandwidth %.1f GB/s, FMA peak %.1f GFLOP/s%n", l.get("threads"),
                        l.get("read_bandwidth_gb_s"), l.get("peak_gflops"));
            }
            System.out.printf("%-6s %3s %9s %12s %10s %10s %10s %9s %9s%n", "type", "thr", "MB/token", "prefill t/s",
                    "decode t/s", "bound t/s", "of bound", "GFLOP/s", "of peak");
            for (String type : types) {
                GgmlType t = GgmlType.fromName(type);
                Path file = BenchModels.file(BenchModels.llamaHalfB(t), "llama-0.5b");
                for (int i = 0; i < threads.length; i++) {
                    double bw = ((Number) limits.get(i).get("read_bandwidth_gb_s")).doubleValue() * 1e9;
                    double peak = ((Number) limits.get(i).get("peak_gflops")).doubleValue() * 1e9;
                    Map<String, Object> r = SingleStreamBench.run(file, "llama-0.5b-" + type, threads[i], promptTokens,
                            decodeTokens, bw, peak);
                    rows.add(r);
                    System.out.printf("%-6s %3d %9.1f %12.1f %10.2f %10.2f %9.0f%% %9.1f %8.0f%%%n", type, threads[i],
                            ((Number) r.get("weight_bytes_per_token")).doubleValue() / 1e6, r.get("prefill_tokens_per_s"),
                            r.get("decode_tokens_per_s"), r.get("decode_bound_tokens_per_s"),
                            100 * (double) r.get("decode_fraction_of_bandwidth_bound"), r.get("prefill_gflops"),
                            100 * (double) r.get("prefill_fraction_of_fma_peak"));
                }
            }
            write(out, report);
            Path dir = out.toAbsolutePath().getParent();
            List<Charts.Series> series = new ArrayList<>(Charts.group(rows, r -> r.get("model") + " measured", "threads", "decode_tokens_per_s"));
            series.addAll(Charts.group(rows, r -> r.get("model") + " bandwidth bound", "threads", "decode_bound_tokens_per_s"));
            Charts.line(dir.resolve("single-stream-decode.png"), "Single-stream decode", "threads", "tokens/s", series);
            System.out.println("chart: " + dir.resolve("single-stream-decode.png"));
            return 0;
        }
    }

    @Command(name = "hogwild", description = "Aggregate tokens/s and ms per forward pass for W workers at given "
            + "shared-cache lengths, and 8 problems x 2 workers against 1 x 1.")
    static final class Hogwild implements Callable<Integer> {
        @Option(names = "--types", split = ",", defaultValue = "f32,q8_0,q4_0", description = "weight types of the generated model (default ${DEFAULT-VALUE})")
        List<String> types;

        @Option(names = "--workers", split = ",", defaultValue = "1,2,4,8", description = "workers per problem, one run each (default ${DEFAULT-VALUE})")
        int[] workers;

        @Option(names = "--cache", split = ",", defaultValue = "1024,4096", description = "shared-cache lengths in tokens")
        int[] cache;

        @Option(names = "--steps", defaultValue = "16", description = "forward passes measured per run")
        int steps;

        @Option(names = "--threads", description = "compute threads (default: available processors)")
        Integer threads;

        @Option(names = "--out", defaultValue = "bench-out/hogwild.json", description = "JSON report; charts go next to it (default ${DEFAULT-VALUE})")
        Path out;

        @picocli.CommandLine.Mixin
        KvTypeOption kvType;

        @Override
        public Integer call() throws Exception {
            io.hogwild.kernels.KvType kv = kvType.get();
            Map<String, Object> report = header();
            report.put("kv_type", kv.optionName());
            List<Map<String, Object>> rows = new ArrayList<>();
            report.put("runs", rows);
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            System.out.printf("%-6s %8s %8s %6s %10s %12s %9s%n", "type", "problems", "workers", "cache", "ms/pass",
                    "agg tok/s", "speed-up");
            for (String type : types) {
                Path file = BenchModels.file(BenchModels.llamaHalfB(GgmlType.fromName(type)), "llama-0.5b");
                try (Model model = Model.load(file, Backends.create("cpu", t), 512)) {
                    System.err.printf("%s loaded in %.1f s%n", file.getFileName(), model.loadNanos() / 1e9);
                    HogwildBench.run(model, 4, 2, cache[0], 4, kv); // JIT warm-up of every kernel shape before measuring
                    for (int c : cache) {
                        double base = 0;
                        for (int w : workers) {
                            Map<String, Object> r = HogwildBench.run(model, w, 1, c, steps, kv);
                            double agg = (double) r.get("aggregate_tokens_per_s");
                            if (w == 1) base = agg;
                            r.put("type", type);
                            r.put("speedup_over_1_worker", base > 0 ? agg / base : null);
                            rows.add(r);
                            print(type, r, base);
                        }
                    }
                    Map<String, Object> many = HogwildBench.run(model, 2, 8, cache[0], steps, kv);
                    Map<String, Object> one = HogwildBench.run(model, 1, 1, cache[0], steps, kv);
                    double base = (double) one.get("aggregate_tokens_per_s");
                    for (Map<String, Object> r : List.of(one, many)) {
                        r.put("type", type);
                        r.put("series", "problems");
                        r.put("speedup_over_1_worker", (double) r.get("aggregate_tokens_per_s") / base);
                        rows.add(r);
                        print(type, r, base);
                    }
                }
            }
            write(out, report);
            Path dir = out.toAbsolutePath().getParent();
            List<Map<String, Object>> single = rows.stream().filter(r -> !r.containsKey("series")).toList();
            String kvLabel = kv == io.hogwild.kernels.KvType.F32 ? "" : " (" + kv.optionName() + " KV)";
            Charts.line(dir.resolve("hogwild-tokens-per-s.png"), "Aggregate tokens/s against workers", "workers",
                    "tokens/s (all workers)", Charts.group(single, r -> r.get("type") + kvLabel + ", cache " + r.get("cache_tokens"),
                            "workers", "aggregate_tokens_per_s"));
            Charts.line(dir.resolve("hogwild-ms-per-pass.png"), "Forward pass time against workers", "workers",
                    "ms per pass", Charts.group(single, r -> r.get("type") + kvLabel + ", cache " + r.get("cache_tokens"),
                            "workers", "ms_per_pass"));
            System.out.println("charts: " + dir.resolve("hogwild-tokens-per-s.png") + ", " + dir.resolve("hogwild-ms-per-pass.png"));
            return 0;
        }

        private static void print(String type, Map<String, Object> r, double base) {
            double agg = (double) r.get("aggregate_tokens_per_s");
            System.out.printf("%-6s %8d %8d %6d %10.1f %12.2f %8.2fx%n", type, r.get("problems"), r.get("workers"),
                    r.get("cache_tokens"), r.get("ms_per_pass"), agg, base > 0 ? agg / base : 1.0);
        }
    }
}
