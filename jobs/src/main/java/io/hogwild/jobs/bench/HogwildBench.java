package io.hogwild.jobs.bench;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.kernels.KvType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hogwild pass throughput: P problems of W workers each, every worker's row attending to its problem's
 * shared cache of a given length plus the other workers' growing steps (the combined layout), one token
 * per worker per pass. Reports ms per forward pass (mean, median and best of the measured passes, after 3
 * warm-up passes; the forward call alone, not building the rows), the mean tokens each row saw, and
 * aggregate generated tokens/s (from the mean).
 *
 * <p>The shared cache is filled without running the model (its K/V values do not change the cost of a
 * pass), so a 4K cache costs no 4K-token prefill per configuration. The session logic around the passes
 * (sampling, step rules) is not included; it is a few microseconds per token.
 */
public final class HogwildBench {
    private HogwildBench() {}

    public static Map<String, Object> run(Model model, int workers, int problems, int cacheTokens, int steps) {
        return run(model, workers, problems, cacheTokens, steps, KvType.F32);
    }

    /** As {@link #run(Model, int, int, int, int)} with the cache storing keys and values as {@code kvType}. */
    public static Map<String, Object> run(Model model, int workers, int problems, int cacheTokens, int steps, KvType kvType) {
        int page = Model.PAGE_SIZE;
        long tokensPerProblem = cacheTokens + page + (long) workers * page * ((steps + 8 + page - 1) / page); // whole pages
        try (KvCache cache = model.newCache(problems * tokensPerProblem * model.kvBytesPerToken(kvType), kvType)) {
            SplittableRandom random = new SplittableRandom(5);
            int vocab = model.config().vocabSize();
            List<Fragment> commons = new ArrayList<>();
            List<Fragment[]> own = new ArrayList<>();
            for (int p = 0; p < problems; p++) {
                Fragment common = cache.newFragment();
                int[] ids = new int[cacheTokens];
                for (int i = 0; i < ids.length; i++) ids[i] = random.nextInt(vocab);
                cache.reserve(common, ids.length);
                cache.commitAppend(common, ids); // K/V left as allocated: the cost of attending is the same
                commons.add(common);
                Fragment[] fs = new Fragment[workers];
                for (int w = 0; w < workers; w++) fs[w] = cache.newFragment();
                own.add(fs);
            }
            int warmup = 3;
            long[] passNanos = new long[steps];
            long visible = 0;
            for (int s = 0; s < warmup + steps; s++) {
                List<ForwardRow> rows = new ArrayList<>();
                for (int p = 0; p < problems; p++) {
                    for (int w = 0; w < workers; w++) {
                        rows.add(new ForwardRow(view(commons.get(p), own.get(p), w), own.get(p)[w],
                                new int[] {random.nextInt(vocab)}, true));
                    }
                }
                long t0 = System.nanoTime();
                model.transformer().forward(rows, cache);
                if (s < warmup) continue;
                passNanos[s - warmup] = System.nanoTime() - t0;
                for (ForwardRow r : rows) visible += r.view().fragments().stream().mapToInt(Fragment::length).sum();
            }
            double seconds = Arrays.stream(passNanos).sum() / 1e9;
            long[] sorted = passNanos.clone();
            Arrays.sort(sorted);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workers", workers);
            r.put("problems", problems);
            r.put("kv_type", kvType.optionName());
            r.put("cache_tokens", cacheTokens);
            r.put("steps", steps);
            r.put("ms_per_pass", seconds * 1000 / steps);
            r.put("median_ms_per_pass", median(sorted) / 1e6);
            r.put("best_ms_per_pass", sorted[0] / 1e6);
            r.put("mean_visible_tokens_per_row", (double) visible / ((long) steps * problems * workers));
            r.put("aggregate_tokens_per_s", (double) problems * workers * steps / seconds);
            return r;
        }
    }

    /** Median of sorted values (the mean of the middle two for an even count). */
    static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Combined layout: shared cache, the other workers' steps in order, then the worker's own step. */
    private static View view(Fragment common, Fragment[] workers, int self) {
        List<Fragment> v = new ArrayList<>();
        v.add(common);
        for (int w = 0; w < workers.length; w++) if (w != self) v.add(workers[w]);
        v.add(workers[self]);
        return new View(v);
    }
}
