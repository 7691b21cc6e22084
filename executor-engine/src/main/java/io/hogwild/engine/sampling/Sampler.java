package io.hogwild.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks tokens from logits: forbidden ids masked, then greedy, or temperature with top-k, top-p and min-p.
 * One sampler per sequence; its own seeded generator makes runs reproducible whatever else runs beside it.
 *
 * <p>Top-p avoids sorting the whole vocabulary: candidates are gathered above a cut-off weight that is
 * lowered only when they do not yet hold the requested mass.
 */
public final class Sampler {
    private final SamplingParams params;
    private final int[] forbidden;
    private final SplittableRandom random;
    private float[] weights = new float[0];
    private Integer[] order = new Integer[0];

    public Sampler(SamplingParams params, int[] forbidden) {
        this.params = params;
        this.forbidden = forbidden.clone();
        this.random = new SplittableRandom(params.seed());
    }

    public SamplingParams params() {
        return params;
    }

    /** The next token; {@code logits} is left unchanged. */
    public int sample(float[] logits) {
        int best = argmaxAllowed(logits);
        if (params.isGreedy()) return best;
        int n = logits.length;
        if (weights.length < n) weights = new float[n];
        float max = logits[best];
        double total = 0;
        double minWeight = params.minP(); // relative to the best token's weight (which is 1)
        for (int i = 0; i < n; i++) {
            float w = (float) Math.exp((logits[i] - max) / params.temperature());
            if (w < minWeight) w = 0;
            weights[i] = w;
            total += w;
        }
        for (int id : forbidden) {
            if (id >= 0 && id < n) {
                total -= weights[id];
                weights[id] = 0;
            }
        }
        if (params.topK() == 0 && params.topP() >= 1f) return draw(n, total);
        int count = nucleus(n, total);
        double kept = 0;
        for (int i = 0; i < count; i++) kept += weights[order[i]];
        double u = random.nextDouble() * kept;
        for (int i = 0; i < count; i++) {
            u -= weights[order[i]];
            if (u < 0) return order[i];
        }
        return order[count - 1];
    }

    /** The highest-weight candidates holding top-p of the mass, at most top-k of them; returns their count. */
    private int nucleus(int n, double total) {
        double want = params.topP() * total;
        for (float cut = 1e-3f; ; cut = cut > 1e-12f ? cut * 1e-3f : 0f) {
            int m = 0;
            double mass = 0;
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0 && weights[i] >= cut) {
                    if (order.length <= m) order = Arrays.copyOf(order, Math.max(16, order.length * 2));
                    order[m++] = i;
                    mass += weights[i];
                }
            }
            boolean enough = mass >= want || (params.topK() > 0 && m >= params.topK()) || cut == 0f;
            if (!enough) continue;
            final float[] w = weights;
            Arrays.sort(order, 0, m, (a, b) -> w[a] != w[b] ? Float.compare(w[b], w[a]) : Integer.compare(a, b));
            int limit = params.topK() > 0 ? Math.min(m, params.topK()) : m;
            double acc = 0;
            for (int i = 0; i < limit; i++) {
                acc += weights[order[i]];
                if (acc >= want) return i + 1;
            }
            if (limit < m || cut == 0f) return limit;
        }
    }

    private int draw(int n, double total) {
        double u = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (weights[i] == 0) continue;
            last = i;
            u -= weights[i];
            if (u < 0) return i;
        }
        return last;
    }

    private int argmaxAllowed(float[] logits) {
        int best = -1;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            if ((best < 0 || logits[i] > max) && !isForbidden(i)) {
                best = i;
                max = logits[i];
            }
        }
        if (best < 0) throw new IllegalStateException("every token is forbidden");
        return best;
    }

    private boolean isForbidden(int id) {
        for (int f : forbidden) {
            if (f == id) return true;
        }
        return false;
    }
}
