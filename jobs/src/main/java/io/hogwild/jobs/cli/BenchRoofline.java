package io.hogwild.jobs.cli;

import io.hogwild.engine.Model;
import io.hogwild.jobs.bench.BenchModels;
import io.hogwild.jobs.bench.Charts;
import io.hogwild.jobs.bench.HogwildBench;
import io.hogwild.jobs.bench.MachineInfo;
import io.hogwild.jobs.bench.RooflineBench;
import io.hogwild.kernels.Backends;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "roofline", description = "ms per forward pass of R rows (R workers of one problem, one token each, over a "
        + "shared cache plus their own steps) against max(weight bytes / read bandwidth, FLOPs / FMA peak); target: "
        + "measured median / bound <= " + RooflineBench.TARGET_RATIO + ".")
final class BenchRoofline implements Callable<Integer> {
    @Option(names = "--types", split = ",", defaultValue = "f32,q8_0,q4_0", description = "weight types of the generated 0.5B model")
    List<String> types;

    @Option(names = "--model", description = "a GGUF file to measure instead of the generated models")
    Path model;

    @Option(names = "--rows", split = ",", defaultValue = "1,2,4,8", description = "rows per pass (default ${DEFAULT-VALUE})")
    int[] rows;

    @Option(names = "--cache", defaultValue = "1024", description = "shared-cache tokens (default ${DEFAULT-VALUE})")
    int cache;

    @Option(names = "--steps", defaultValue = "16", description = "passes measured per row count; the median is reported "
            + "(default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup-s", defaultValue = "3", description = "seconds of untimed passes per model first "
            + "(default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--threads", description = "compute threads (default: available processors)")
    Integer threads;

    @Option(names = "--bandwidth-mib", defaultValue = "1024", description = "array the read bandwidth is measured on")
    int bandwidthMib;

    @Option(names = "--out", defaultValue = "bench-out/roofline.json", description = "JSON report; charts go next to it (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        int t = BenchCommand.threads(threads);
        rows = IntStream.concat(IntStream.of(1), Arrays.stream(rows))
                .distinct().sorted().toArray(); // 1 row is the base of the speed-up
        Map<String, Object> report = BenchCommand.header(t);
        Map<String, Object> limits = MachineInfo.limits(t, bandwidthMib);
        report.put("machine", limits);
        report.put("timing", "median of " + steps + " passes after 3 warm-up passes (best also given)");
        report.put("flops_counted", "2 x matmul parameters x rows (layer projections + output) + 2 x 2 x heads x head_dim "
                + "x visible tokens x layers x rows (q.k and p.v); softmax, RoPE, norms, SiLU, embedding not counted");
        report.put("bytes_counted", "weights().bytesPerForward(): every weight matrix and norm once; K/V reads not counted");
        report.put("target_ratio", RooflineBench.TARGET_RATIO);
        List<Map<String, Object>> runs = new ArrayList<>();
        report.put("runs", runs);
        System.out.println(MachineInfo.describe(limits));
        System.out.printf("%-14s %4s %8s %10s %10s %10s %8s %6s %10s %8s %9s%n", "model", "rows", "visible", "median ms",
                "best ms", "bound ms", "bound by", "ratio", "target", "tok/s", "speed-up");
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<String> charts = new ArrayList<>();
        for (String label : labels()) {
            Path file = model != null ? model : BenchModels.file(BenchModels.llamaHalfB(GgmlType.fromName(label)), "llama-0.5b");
            List<Map<String, Object>> mine = new ArrayList<>();
            try (Model m = Model.load(file, Backends.create("cpu", t), 512)) {
                long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
                for (int r : rows) HogwildBench.run(m, r, 1, cache, 2); // compiles every kernel shape before measuring
                while (System.nanoTime() < until) HogwildBench.run(m, rows[rows.length - 1], 1, cache, 2);
                double base = 0;
                for (int r : rows) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", label);
                    row.putAll(RooflineBench.run(m, r, cache, steps, limits));
                    double tps = (double) row.get("tokens_per_s");
                    if (r == 1) base = tps;
                    row.put("speedup_over_1_row", tps / base);
                    mine.add(row);
                    print(row);
                }
            }
            runs.addAll(mine);
            Path png = dir.resolve("roofline-" + label.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Charts.line(png, "Forward pass against its roofline bound: " + label + ", " + t + " threads, cache " + cache,
                    "rows per pass", "ms per pass", List.of(
                            Charts.group(mine, r -> "measured (median)", "rows", "median_ms_per_pass").get(0),
                            Charts.group(mine, r -> "bound", "rows", "bound_ms").get(0),
                            target(mine)));
            charts.add(png.toString());
        }
        BenchCommand.write(out, report);
        System.out.println("charts: " + String.join(", ", charts));
        return 0;
    }

    private List<String> labels() {
        return model != null ? List.of(model.getFileName().toString().replaceAll("\\.gguf$", "")) : types;
    }

    private static void print(Map<String, Object> r) {
        double ratio = (double) r.get("ratio");
        System.out.printf("%-14s %4d %8.0f %10.2f %10.2f %10.2f %8s %6.2f %10s %8.1f %8.2fx%n", r.get("model"), r.get("rows"),
                r.get("mean_visible_tokens_per_row"), r.get("median_ms_per_pass"), r.get("best_ms_per_pass"), r.get("bound_ms"),
                r.get("bound_by"), ratio, ratio <= RooflineBench.TARGET_RATIO ? "MET" : "MISSED", r.get("tokens_per_s"),
                r.get("speedup_over_1_row"));
    }

    /** The line the measured times must stay under: target ratio × bound. */
    private static Charts.Series target(List<Map<String, Object>> rows) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            x.add(((Number) r.get("rows")).doubleValue());
            y.add(RooflineBench.TARGET_RATIO * (double) r.get("bound_ms"));
        }
        return new Charts.Series("target (" + RooflineBench.TARGET_RATIO + " x bound)", x, y);
    }
}
