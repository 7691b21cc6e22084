package io.hogwild.jobs.bench;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.generate.GenerateOptions;
import io.hogwild.engine.generate.Generation;
import io.hogwild.engine.generate.Generator;
import io.hogwild.engine.sampling.SamplingParams;
import io.hogwild.kernels.Backends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Single-stream prefill and decode speed of one model file, next to the machine's measured memory-read
 * bandwidth and FMA peak, so decode is reported as a fraction of its bandwidth bound (every weight byte
 * is read once per token) and prefill as a fraction of the FMA peak.
 */
public final class SingleStreamBench {
    private SingleStreamBench() {}

    public static Map<String, Object> run(Path model, String label, int threads, int promptTokens, int decodeTokens,
                                          double bandwidth, double peakFlops) {
        try (Model m = Model.load(model, Backends.create("cpu", threads), 512);
             KvCache cache = m.newCache(2L << 30)) {
            Generator g = new Generator(m.transformer(), m.tokenizer(), cache);
            int[] prompt = randomPrompt(m.config().vocabSize(), promptTokens);
            GenerateOptions options = new GenerateOptions(decodeTokens, SamplingParams.greedy(), false);
            // Warm-up: on two cores the JIT's compiler threads compete with the compute threads, and the
            // kernels of each batch shape (prefill tiles, single-row decode tiles) compile separately.
            for (int w = 0; w < 3; w++) {
                g.generate(randomPrompt(m.config().vocabSize(), 64), new GenerateOptions(64, SamplingParams.greedy(), false), s -> {});
            }
            double prefill = 0;
            double decode = 0;
            for (int rep = 0; rep < 2; rep++) { // best of two
                Generation r = g.generate(prompt, options, s -> {});
                prefill = Math.max(prefill, r.prefillTokensPerSecond());
                decode = Math.max(decode, r.decodeTokensPerSecond());
            }
            long bytes = m.transformer().weights().bytesPerForward();
            double flopsPerToken = 2.0 * (bytes / bytesPerParameter(m)); // one multiply-add per weight
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", label);
            row.put("threads", threads);
            row.put("load_s", m.loadNanos() / 1e9);
            row.put("weight_bytes_per_token", bytes);
            row.put("prompt_tokens", promptTokens);
            row.put("prefill_tokens_per_s", prefill);
            row.put("prefill_gflops", prefill * flopsPerToken / 1e9);
            row.put("prefill_fraction_of_fma_peak", prefill * flopsPerToken / peakFlops);
            row.put("decode_tokens", decodeTokens);
            row.put("decode_tokens_per_s", decode);
            row.put("decode_bound_tokens_per_s", bandwidth / bytes);
            row.put("decode_fraction_of_bandwidth_bound", decode * bytes / bandwidth);
            return row;
        }
    }

    /** Bytes per weight of the model's matrices (from its type), to turn bytes read into parameters. */
    private static double bytesPerParameter(Model m) {
        io.hogwild.kernels.Weights w = m.transformer().weights().layers[0].wq();
        return (double) w.bytes() / ((long) w.rows() * w.cols());
    }

    static int[] randomPrompt(int vocab, int n) {
        SplittableRandom r = new SplittableRandom(99);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = r.nextInt(Math.min(vocab, 256)); // byte tokens: always valid text
        return ids;
    }

    /** The machine's limits for each thread count, measured now. */
    public static List<Map<String, Object>> limits(int[] threads) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int t : threads) out.add(MachineInfo.limits(t, MachineInfo.DEFAULT_BANDWIDTH_MIB));
        return out;
    }
}
