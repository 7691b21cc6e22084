package io.hogwild.jobs.bench;

import io.hogwild.engine.Model;
import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.Rope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The attention op alone ({@link Backend#attention}), as a decode pass runs it: R rows of one new token
 * each, every row seeing the same view of N fragments that hold T tokens in all (lengths T/N, differing
 * by at most one), every key visible. Each fragment starts on its own page, as worker steps do. One
 * repetition is the op for every layer; the K/V pages hold every layer, so a layer reads its keys from
 * pages as big as a real model's. Reports the median of the repetitions (after warm-up) per token-row.
 *
 * <p>K/V values are left as allocated (zeros): the op's cost does not depend on them.
 */
public final class AttentionBench {
    /** Attention shape: layers, query heads, KV heads, head dimension. */
    public record Shape(int layers, int heads, int kvHeads, int headDim) {}

    private AttentionBench() {}

    public static Map<String, Object> run(Backend backend, Shape shape, int fragments, int totalTokens, int rows, int reps) {
        if (fragments < 1 || fragments > totalTokens) throw new IllegalArgumentException(fragments + " fragments of " + totalTokens + " tokens");
        KvLayout layout = new KvLayout(shape.layers(), shape.kvHeads(), shape.headDim(), Model.PAGE_SIZE);
        int[] lengths = new int[fragments];
        int pages = 0;
        for (int f = 0; f < fragments; f++) {
            lengths[f] = totalTokens / fragments + (f < totalTokens % fragments ? 1 : 0);
            pages += (lengths[f] + layout.pageSize() - 1) / layout.pageSize();
        }
        try (KvStore store = backend.createKvStore(layout, pages * layout.bytesPerPage())) {
            AttentionPlan plan = plan(store, lengths, rows, totalTokens);
            int width = shape.heads() * shape.headDim();
            Activations q = backend.allocate(rows, width);
            Activations out = backend.allocate(rows, width);
            SplittableRandom random = new SplittableRandom(3);
            float[] row = new float[width];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < width; i++) row[i] = (float) random.nextDouble(-1, 1);
                backend.write(q, r, row, 0);
            }
            Rope rope = new Rope(shape.headDim(), shape.headDim(), false, Rope.frequencies(shape.headDim(), 500000.0));
            float scale = (float) (1 / Math.sqrt(shape.headDim()));
            int warmup = 3;
            long[] nanos = new long[reps];
            for (int i = -warmup; i < reps; i++) {
                long t0 = System.nanoTime();
                for (int l = 0; l < shape.layers(); l++) backend.attention(store, l, q, out, plan, rope, shape.heads(), scale);
                if (i >= 0) nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            double us = HogwildBench.median(nanos) / 1e3;
            double perRow = us / rows;
            long kvBytes = 2L * 4 * shape.layers() * shape.kvHeads() * shape.headDim() * totalTokens;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("fragments", fragments);
            r.put("visible_tokens", totalTokens);
            r.put("rows", rows);
            r.put("layers", shape.layers());
            r.put("reps", reps);
            r.put("us_per_pass", us);
            r.put("best_us_per_pass", nanos[0] / 1e3);
            r.put("us_per_token_row", perRow);
            r.put("us_per_token_row_per_layer", perRow / shape.layers());
            r.put("us_per_visible_token", perRow / totalTokens);
            r.put("kv_bytes_per_token_row", kvBytes);
            r.put("kv_gb_s_per_token_row", kvBytes / (perRow * 1e3));
            r.put("gflops", 4.0 * shape.heads() * shape.headDim() * totalTokens * shape.layers() * rows / (us * 1e3));
            return r;
        }
    }

    /** Pages for each fragment, then every row (one token at the view's last position) over all fragments. */
    private static AttentionPlan plan(KvStore store, int[] lengths, int rows, int total) {
        int pageSize = store.layout().pageSize();
        int[][] pageIds = new int[lengths.length][];
        for (int f = 0; f < lengths.length; f++) {
            pageIds[f] = new int[(lengths[f] + pageSize - 1) / pageSize];
            for (int p = 0; p < pageIds[f].length; p++) pageIds[f][p] = store.allocate();
        }
        AttentionPlan plan = new AttentionPlan();
        plan.clear();
        for (int r = 0; r < rows; r++) {
            plan.beginRow(r, 1, total - 1);
            int start = 0;
            for (int f = 0; f < lengths.length; f++) {
                plan.addFragment(start, lengths[f], pageIds[f], pageIds[f].length);
                start += lengths[f];
            }
        }
        return plan;
    }

    /** Least-squares line through (x, y): {intercept, slope}. */
    public static double[] fit(List<Double> x, List<Double> y) {
        int n = x.size();
        double mx = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double my = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x.get(i) - mx) * (y.get(i) - my);
            sxx += (x.get(i) - mx) * (x.get(i) - mx);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
