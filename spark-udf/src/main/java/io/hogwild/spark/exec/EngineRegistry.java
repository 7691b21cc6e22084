package io.hogwild.spark.exec;

import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.spark.EngineSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident engines of this JVM (an executor, or the driver in local mode): one per {@link EngineSpec}, loaded
 * by the first task that needs it and shared by every task and query after that. Tasks running at the same time
 * submit into the same engine, so their problems share forward passes.
 */
public final class EngineRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);
    private static final Map<EngineSpec, Entry> ENGINES = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EngineRegistry::closeAll, "hogwild-engines-close"));
    }

    private EngineRegistry() {}

    /** One resident engine and the tasks using it. */
    public static final class Entry {
        private final CompletableFuture<HogwildEngine> engine = new CompletableFuture<>();
        private final AtomicInteger activeTasks = new AtomicInteger();
        private final AtomicInteger maxActiveTasks = new AtomicInteger();

        public HogwildEngine engine() {
            return engine.join();
        }

        /** A task starts using the engine; returns how many use it now. */
        int enter() {
            int n = activeTasks.incrementAndGet();
            maxActiveTasks.accumulateAndGet(n, Math::max);
            return n;
        }

        void leave() {
            activeTasks.decrementAndGet();
        }

        /** Most tasks that used this engine at the same time. */
        public int maxActiveTasks() {
            return maxActiveTasks.get();
        }
    }

    /** The engine for {@code spec}, loading it (once per JVM) from the file {@code locate} resolves. */
    public static Entry get(EngineSpec spec, Function<String, Path> locate) {
        Entry e = ENGINES.computeIfAbsent(spec, s -> new Entry());
        if (!e.engine.isDone()) {
            synchronized (e) {
                if (!e.engine.isDone()) {
                    long t0 = System.nanoTime();
                    try {
                        Path file = locate.apply(spec.model());
                        HogwildEngine engine = EngineFactory.load(spec, file);
                        LOADS.incrementAndGet();
                        LOG.info("hogwild: loaded model {} ({}) into a resident {} engine ({} KV cache) in {} ms", spec.model(),
                                file, spec.backend(), spec.kvType(), (System.nanoTime() - t0) / 1_000_000);
                        e.engine.complete(engine);
                    } catch (RuntimeException | Error ex) {
                        ENGINES.remove(spec, e); // a later task may try again (the file may appear, memory free up)
                        e.engine.completeExceptionally(ex);
                        throw ex;
                    }
                }
            }
        }
        e.engine.join();
        return e;
    }

    /** Models loaded by this JVM so far (each spec once, unless loading failed). */
    public static int loads() {
        return LOADS.get();
    }

    /** The entry for {@code spec} if its engine is loaded. */
    public static Entry loaded(EngineSpec spec) {
        Entry e = ENGINES.get(spec);
        return e != null && e.engine.isDone() && !e.engine.isCompletedExceptionally() ? e : null;
    }

    /** Closes and forgets every engine (JVM shutdown, tests). */
    public static synchronized void closeAll() {
        for (Entry e : ENGINES.values()) {
            if (!e.engine.isDone() || e.engine.isCompletedExceptionally()) continue;
            HogwildEngine engine = e.engine.join();
            {
                try {
                    engine.close();
                    engine.model().close();
                } catch (RuntimeException ex) {
                    LOG.warn("hogwild: closing an engine failed", ex);
                }
            }
        }
        ENGINES.clear();
    }
}
