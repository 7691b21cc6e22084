package io.hogwild.jobs.bench;

import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.EngineOptions;
import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.engine.hogwild.Problem;
import io.hogwild.engine.hogwild.SessionTrace;
import io.hogwild.engine.hogwild.Solution;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.engine.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hogwild throughput: aggregate generated tokens/s and ms per forward pass for W workers over a shared
 * cache of a given length, and many problems per pass against one problem with one worker.
 */
public final class HogwildBench {
    private HogwildBench() {}

    /**
     * Runs {@code problems} problems of W workers whose shared cache starts at about {@code cacheTokens},
     * for {@code steps} passes after a short warm-up run, and reports the generation phase only.
     */
    public static Map<String, Object> run(Model model, int workers, int problems, int cacheTokens, int steps) throws Exception {
        SolveOptions o = SolveOptions.defaults(workers).withSampling(new SamplingParams(1f, 0, 1f, 0f, 11))
                .withMaxSteps(steps).withFinisherTokens(0).withQuickCheckInterval(0);
        long kvBytes = (long) problems * (cacheTokens + workers * (steps + 64) + 1024) * model.kvBytesPerToken() * 2;
        try (HogwildEngine engine = new HogwildEngine(model, new EngineOptions(kvBytes, 512))) {
            engine.solve(List.of(new Problem("warm", filler(model, 64, 0))), o.withMaxSteps(4));
            List<Problem> batch = new ArrayList<>();
            // the collaboration system prompt takes ~600 of the cache tokens; the problem fills the rest
            for (int i = 0; i < problems; i++) batch.add(new Problem("p" + i, filler(model, Math.max(16, cacheTokens - 600), i + 1)));
            long passesBefore = engine.passes();
            long t0 = System.nanoTime();
            List<Solution> out = engine.solve(batch, o);
            long wall = System.nanoTime() - t0;
            long tokens = 0;
            long generateMs = 0;
            int viewTokens = 0;
            for (Solution s : out) {
                if (!s.ok()) throw new IllegalStateException(s.error());
                SessionTrace t = s.trace();
                tokens += t.totalTokens();
                generateMs = Math.max(generateMs, t.generateMillis());
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workers", workers);
            r.put("problems", problems);
            r.put("cache_tokens", cacheTokens);
            r.put("steps", steps);
            r.put("generated_tokens", tokens);
            r.put("ms_per_pass", (double) generateMs / steps);
            r.put("aggregate_tokens_per_s", tokens * 1000.0 / generateMs);
            r.put("wall_s", wall / 1e9);
            r.put("passes", engine.passes() - passesBefore);
            return r;
        }
    }

    /** A problem text of about {@code tokens} tokens (random common words), distinct per seed. */
    static String filler(Model model, int tokens, long seed) {
        String[] words = {"apple", "river", "stone", "cloud", "number", "seven", "light", "green", "table", "music",
                "prime", "circle", "square", "bridge", "winter", "garden", "silver", "paper", "ocean", "planet"};
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("Consider the following list and answer at the end. ");
        while (model.tokenizer().encode(sb.toString(), false).length < tokens) {
            for (int i = 0; i < 50; i++) sb.append(words[r.nextInt(words.length)]).append(' ');
        }
        return sb.append("How many words are there?").toString();
    }
}
