package io.hogwild.jobs.cli;

import io.hogwild.jobs.bench.AttentionBench;
import io.hogwild.jobs.bench.Charts;
import io.hogwild.jobs.bench.MachineInfo;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Backends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "attention", description = "The attention op alone (CPU backend): cost per token-row against the number "
        + "of fragments at equal visible length, and against the visible length for one fragment; fits the per-fragment "
        + "and per-token constants.")
final class BenchAttention implements Callable<Integer> {
    @Option(names = "--fragments", split = ",", defaultValue = "1,8,64,512", description = "fragments per view (default ${DEFAULT-VALUE})")
    int[] fragments;

    @Option(names = "--total", split = ",", defaultValue = "4096", description = "visible tokens split over the fragments "
            + "(default ${DEFAULT-VALUE})")
    int[] totals;

    @Option(names = "--lengths", split = ",", defaultValue = "512,1024,2048,4096,8192", description = "visible tokens, one "
            + "fragment (default ${DEFAULT-VALUE})")
    int[] lengths;

    @Option(names = "--rows", defaultValue = "4", description = "rows (workers) of one token each over the same view "
            + "(default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--layers", defaultValue = "24", description = "layers per repetition (default: the 0.5B model's ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--heads", defaultValue = "14", description = "query heads (default ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "2", description = "KV heads (default ${DEFAULT-VALUE})")
    int kvHeads;

    @Option(names = "--head-dim", defaultValue = "64", description = "head dimension (default ${DEFAULT-VALUE})")
    int headDim;

    @Option(names = "--reps", defaultValue = "20", description = "repetitions (all layers each); the median is reported")
    int reps;

    @Option(names = "--warmup-s", defaultValue = "2", description = "seconds of untimed runs first (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--threads", description = "compute threads (default: available processors)")
    Integer threads;

    @Option(names = "--bandwidth-mib", defaultValue = "1024", description = "array the read bandwidth is measured on")
    int bandwidthMib;

    @Option(names = "--out", defaultValue = "bench-out/attention.json", description = "JSON report; charts go next to it (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        int t = BenchCommand.threads(threads);
        AttentionBench.Shape shape = new AttentionBench.Shape(layers, heads, kvHeads, headDim);
        Map<String, Object> report = BenchCommand.header(t);
        Map<String, Object> limits = MachineInfo.limits(t, bandwidthMib);
        report.put("machine", limits);
        report.put("shape", Map.of("layers", layers, "heads", heads, "kv_heads", kvHeads, "head_dim", headDim, "rows", rows));
        report.put("timing", "median of " + reps + " repetitions after 3 warm-up ones; a repetition is Backend.attention for "
                + "every layer; per token-row = per repetition / rows (all layers)");
        System.out.println(MachineInfo.describe(limits));
        List<Map<String, Object>> byFragments = new ArrayList<>();
        List<Map<String, Object>> byLength = new ArrayList<>();
        try (Backend backend = Backends.create("cpu", t)) {
            long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
            do { // compiles the kernels before anything is measured
                AttentionBench.run(backend, shape, Math.min(8, lengths[0]), lengths[0], rows, 5);
            } while (System.nanoTime() < until);
            header("fragments at equal visible length");
            for (int total : totals) {
                for (int n : fragments) byFragments.add(print(AttentionBench.run(backend, shape, n, total, rows, reps)));
            }
            header("visible length, one fragment");
            for (int length : lengths) byLength.add(print(AttentionBench.run(backend, shape, 1, length, rows, reps)));
        }
        report.put("by_fragments", byFragments);
        report.put("by_length", byLength);
        report.put("fits", fits(byFragments, byLength));
        BenchCommand.write(out, report);
        Path dir = out.toAbsolutePath().getParent();
        String what = rows + " rows, " + heads + "/" + kvHeads + " heads of " + headDim + ", " + layers + " layers, " + t + " threads";
        Charts.line(dir.resolve("attention-fragments.png"), "Attention per token-row against fragments (" + what + ")",
                "fragments in the view (same visible tokens)", "µs per token-row (all layers)",
                Charts.group(byFragments, r -> r.get("visible_tokens") + " visible tokens", "fragments", "us_per_token_row"), true);
        Charts.line(dir.resolve("attention-length.png"), "Attention per token-row against visible length (" + what + ")",
                "visible tokens (one fragment)", "µs per token-row (all layers)",
                Charts.group(byLength, r -> "1 fragment", "visible_tokens", "us_per_token_row"));
        System.out.println("charts: " + dir.resolve("attention-fragments.png") + ", " + dir.resolve("attention-length.png"));
        return 0;
    }

    /** Lines fitted through the measurements: per-token and fixed cost by length, per-fragment cost at each total. */
    private List<Map<String, Object>> fits(List<Map<String, Object>> byFragments, List<Map<String, Object>> byLength) {
        List<Map<String, Object>> out = new ArrayList<>();
        double perToken = Double.NaN;
        if (byLength.size() >= 2) {
            double[] f = AttentionBench.fit(values(byLength, "visible_tokens"), values(byLength, "us_per_token_row"));
            perToken = f[1];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fit", "us_per_token_row = fixed + per_token x visible_tokens (one fragment)");
            m.put("fixed_us", f[0]);
            m.put("us_per_visible_token", f[1]);
            out.add(m);
            System.out.printf("per visible token: %.5f µs per token-row (all layers), fixed %.2f µs%n", f[1], f[0]);
        }
        for (int total : totals) {
            List<Map<String, Object>> at = byFragments.stream().filter(r -> (int) r.get("visible_tokens") == total).toList();
            if (at.size() < 2) continue;
            double[] f = AttentionBench.fit(values(at, "fragments"), values(at, "us_per_token_row"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fit", "us_per_token_row = base + per_fragment x fragments, at " + total + " visible tokens");
            m.put("visible_tokens", total);
            m.put("base_us", f[0]);
            m.put("us_per_fragment", f[1]);
            m.put("us_per_fragment_per_layer", f[1] / layers);
            m.put("fragment_cost_in_tokens", Double.isNaN(perToken) || perToken <= 0 ? null : f[1] / perToken);
            out.add(m);
            System.out.printf("per fragment at %d tokens: %.3f µs per token-row (all layers), %.4f µs per layer%s%n", total,
                    f[1], f[1] / layers, m.get("fragment_cost_in_tokens") == null ? ""
                            : String.format(", as much as %.1f visible tokens", (double) m.get("fragment_cost_in_tokens")));
        }
        return out;
    }

    private static List<Double> values(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> ((Number) r.get(field)).doubleValue()).toList();
    }

    private static void header(String title) {
        System.out.println("-- " + title);
        System.out.printf("%9s %8s %12s %14s %16s %12s %9s%n", "fragments", "visible", "µs/token-row", "µs/row/layer",
                "µs/visible tok", "KV GB/s/row", "GFLOP/s");
    }

    private static Map<String, Object> print(Map<String, Object> r) {
        System.out.printf("%9d %8d %12.2f %14.3f %16.5f %12.2f %9.2f%n", r.get("fragments"), r.get("visible_tokens"),
                r.get("us_per_token_row"), r.get("us_per_token_row_per_layer"), r.get("us_per_visible_token"),
                r.get("kv_gb_s_per_token_row"), r.get("gflops"));
        return r;
    }
}
