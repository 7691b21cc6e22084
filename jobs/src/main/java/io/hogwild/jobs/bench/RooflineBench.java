package io.hogwild.jobs.bench;

import io.hogwild.engine.Model;
import io.hogwild.engine.model.ModelConfig;
import java.util.Map;

/**
 * One forward pass of R rows against its roofline bound. The rows are R workers of one problem, each
 * decoding one token over the shared cache plus the workers' own steps (the combined view of
 * {@link HogwildBench}); every row asks for logits.
 *
 * <p>Bound = max(weight bytes per pass / read bandwidth, FLOPs per pass / peak FMA rate), with
 * <ul>
 *   <li>weight bytes = {@code ModelWeights.bytesPerForward()}: every matrix once, norms, the output
 *       projection; the embedding only by row (not counted);
 *   <li>FLOPs = 2 × matmul parameters × R (q, k, v, o, gate, up, down of every layer and the output
 *       projection: one multiply-add per weight per row) + attention 2 × 2 × heads × head dim × visible
 *       tokens × layers × R (q·k and p·v; softmax, RoPE, norms, SiLU and the embedding are not counted).
 * </ul>
 * The K/V bytes the rows read are reported but left out of the bound (the rows share them).
 */
public final class RooflineBench {
    /** The ratio of measured median time to the bound the forward pass must reach. */
    public static final double TARGET_RATIO = 1.4;

    private RooflineBench() {}

    public static Map<String, Object> run(Model model, int rows, int cacheTokens, int steps, Map<String, Object> limits) {
        Map<String, Object> r = HogwildBench.run(model, rows, 1, cacheTokens, steps);
        ModelConfig c = model.config();
        double visible = (double) r.get("mean_visible_tokens_per_row");
        long matmulParams = matmulParameters(c);
        double matmulFlops = 2.0 * matmulParams * rows;
        double attentionFlops = 2.0 * 2 * c.heads() * c.headDim() * visible * c.layers() * rows;
        long weightBytes = model.transformer().weights().bytesPerForward();
        double bandwidthMs = weightBytes / MachineInfo.bandwidth(limits) * 1e3;
        double computeMs = (matmulFlops + attentionFlops) / MachineInfo.peakFlops(limits) * 1e3;
        double bound = Math.max(bandwidthMs, computeMs);
        double median = (double) r.get("median_ms_per_pass");
        r.put("rows", rows);
        r.put("matmul_parameters", matmulParams);
        r.put("matmul_flops", matmulFlops);
        r.put("attention_flops", attentionFlops);
        r.put("flops_per_pass", matmulFlops + attentionFlops);
        r.put("weight_bytes_per_pass", weightBytes);
        r.put("kv_bytes_per_pass_not_in_bound", Math.round(visible * model.kvBytesPerToken()));
        r.put("bandwidth_bound_ms", bandwidthMs);
        r.put("compute_bound_ms", computeMs);
        r.put("bound_ms", bound);
        r.put("bound_by", bandwidthMs >= computeMs ? "bandwidth" : "compute");
        r.put("ratio", median / bound);
        r.put("ratio_best", (double) r.get("best_ms_per_pass") / bound);
        r.put("meets_target", median / bound <= TARGET_RATIO);
        r.put("tokens_per_s", rows * 1e3 / median);
        return r;
    }

    /** Weights every row multiplies by once per pass: the layers' projections and the output projection. */
    static long matmulParameters(ModelConfig c) {
        long layer = (long) c.dim() * c.qDim() + 2L * c.dim() * c.kvDim() + (long) c.qDim() * c.dim() + 3L * c.dim() * c.ffnDim();
        return c.layers() * layer + (long) c.vocabSize() * c.dim();
    }
}
