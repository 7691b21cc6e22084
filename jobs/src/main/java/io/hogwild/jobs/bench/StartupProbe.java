package io.hogwild.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.EngineOptions;
import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.engine.hogwild.Problem;
import io.hogwild.engine.hogwild.SessionListener;
import io.hogwild.engine.hogwild.Solution;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.engine.model.ForwardPass;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.kernels.Backends;
import io.hogwild.kernels.cpu.CpuBackend;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@code bench startup}: in a fresh JVM, loads one model file the way an executor
 * does ({@code Model.load} then {@code new HogwildEngine}), submits a 2-worker problem and stops at the
 * first generated token (its text reaching the session listener). Prints one line
 * {@code STARTUP_JSON {...}} with the timings, the passes and tokens run until then (the shared system
 * prompt's prefill included) and memory.
 *
 * <pre>java [flags] -cp ... io.hogwild.jobs.bench.StartupProbe MODEL.gguf THREADS CACHE_MB</pre>
 */
public final class StartupProbe {
    public static final String PREFIX = "STARTUP_JSON ";
    static final String PROBLEM = "What is 2+2?";

    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        Map<String, Object> r = measure(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]));
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(r));
        System.exit(0); // the engine's scheduler is a daemon, but the CPU pool must not hold the exit
    }

    static Map<String, Object> measure(Path file, int threads, long cacheMb) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jvm_start_to_main_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        r.put("file_bytes", Files.size(file));
        r.put("threads", threads);
        long t0 = System.nanoTime();
        try (Model model = Model.load(file, Backends.create("cpu", threads), 512)) {
            long loaded = System.nanoTime();
            r.put("load_s", (loaded - t0) / 1e9);
            r.put("repack_s", model.backend() instanceof CpuBackend c ? c.repackNanos() / 1e9 : null);
            r.put("after_load", Memory.snapshot());
            long[] first = new long[3]; // time, passes, tokens at the first generated token
            long[] done = new long[2]; // passes and tokens so far, shared-prompt passes included
            ForwardPass counted = (rows, cache) -> {
                float[][] logits = model.transformer().forward(rows, cache);
                done[0]++;
                for (ForwardRow row : rows) done[1] += row.tokens().length;
                return logits;
            };
            CountDownLatch latch = new CountDownLatch(1);
            try (HogwildEngine engine = new HogwildEngine(model, new EngineOptions(cacheMb << 20, 512), counted)) {
                long created = System.nanoTime();
                SessionListener listener = new SessionListener() {
                    @Override
                    public void onText(String worker, int step, String text) {
                        if (latch.getCount() == 0) return;
                        first[0] = System.nanoTime();
                        first[1] = done[0]; // the listener runs on the scheduler thread, as the passes do
                        first[2] = done[1];
                        latch.countDown();
                    }
                };
                CompletableFuture<Solution> f = engine.submit(new Problem("startup", PROBLEM),
                        SolveOptions.defaults(2).withMaxSteps(256), listener);
                f.whenComplete((s, e) -> latch.countDown()); // a run that ends without text must not hang
                if (!latch.await(30, TimeUnit.MINUTES) || first[0] == 0) {
                    throw new IllegalStateException("no token generated: " + (f.isDone() ? f.get().error() : "timed out"));
                }
                r.put("after_first_token", Memory.snapshot());
                f.cancel(true);
                r.put("engine_create_s", (created - loaded) / 1e9);
                r.put("engine_to_first_token_s", (first[0] - loaded) / 1e9);
                r.put("time_to_first_token_s", (first[0] - t0) / 1e9);
                r.put("passes_to_first_token", first[1]);
                r.put("tokens_to_first_token", first[2]);
            }
            System.gc(); // the model is still open: what stays is the weights and the workspace
            r.put("heap_live_after_gc_mb", Memory.heapUsedMb());
        }
        return r;
    }
}
