package io.hogwild.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.kernels.KvType;
import io.hogwild.spark.exec.EngineRegistry;
import io.hogwild.spark.exec.SolverStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Executor-side behaviour: one resident engine shared by concurrent tasks, and prompt cancellation of killed tasks. */
class ExecutionTest {
    /** An engine spec of its own (another KV budget), so this test class sees a fresh engine. */
    private static EngineSpec isolated(SparkSession spark, int kvMb) {
        spark.conf().set(EngineSpec.KV_CACHE_MB_KEY, Integer.toString(kvMb));
        return new EngineSpec(TestSpark.model().toString(), "cpu", 0, (long) kvMb << 20, EngineSpec.DEFAULT_MAX_BATCH_TOKENS, null);
    }

    private static void restore(SparkSession spark) {
        spark.conf().set(EngineSpec.KV_CACHE_MB_KEY, "256"); // the test session's own value
    }

    @Test
    void concurrentTasksShareOneResidentEngine() {
        SparkSession spark = TestSpark.spark();
        EngineSpec spec = isolated(spark, 300);
        try {
            int loads = EngineRegistry.loads();
            // two partitions of four rows on local[2]: two tasks run at once
            Dataset<Row> df = spark.sql("SELECT id, hogwild_solve(concat('Problem ', id, ': go on.'), workers => 2, max_steps => 40, "
                    + "finisher_tokens => 0, batch_size => 4) AS r FROM range(0, 8, 1, 2)");
            List<Row> rows = df.collectAsList();
            assertEquals(8, rows.size());
            assertEquals(loads + 1, EngineRegistry.loads(), "the model is loaded once for both tasks");
            EngineRegistry.Entry entry = EngineRegistry.loaded(spec);
            assertNotNull(entry);
            assertEquals(2, entry.maxActiveTasks(), "both tasks used the engine at the same time");
            long sequentialSteps = rows.stream().mapToLong(r -> r.getStruct(1).getInt(ResultSchema.STEPS)).sum();
            long passes = entry.engine().passes();
            // 8 problems of 40 steps: alone they would need 320+ passes; sharing passes needs about 40 plus prefill
            assertTrue(passes < sequentialSteps / 3, "passes " + passes + " vs sequential steps " + sequentialSteps);

            // a second query reuses the resident engine
            spark.sql("SELECT hogwild_solve('One more?', max_steps => 2) FROM range(1)").collectAsList();
            assertEquals(loads + 1, EngineRegistry.loads());
        } finally {
            restore(spark);
        }
    }

    @Test
    void kvTypeChoosesAResidentEngineWithAHalfCache() {
        SparkSession spark = TestSpark.spark();
        EngineSpec f32 = isolated(spark, 320);
        EngineSpec f16 = new EngineSpec(f32.model(), f32.backend(), f32.threads(), f32.kvBudgetBytes(), f32.maxBatchTokens(),
                f32.modelCacheDir(), "f16");
        try {
            int loads = EngineRegistry.loads();
            Row half = spark.sql("SELECT hogwild_solve('What is 1+1?', max_steps => 3, kv_type => ' F16 ') AS r").collectAsList()
                    .get(0).getAs("r");
            assertNull(Results.error(half));
            assertEquals(3, half.getInt(ResultSchema.STEPS));
            assertEquals(loads + 1, EngineRegistry.loads());
            HogwildEngine halfEngine = EngineRegistry.loaded(f16).engine();
            assertEquals(KvType.F16, halfEngine.kvType());
            // the conf key gives the same default: the same resident engine
            TestSpark.withConf(Map.of("spark.hogwild.kvType", "f16"),
                    () -> spark.sql("SELECT hogwild_solve('And 2+2?', max_steps => 2)").collectAsList());
            assertEquals(loads + 1, EngineRegistry.loads());
            // float32 (the default) is another engine; the same budget holds half the pages
            spark.sql("SELECT hogwild_solve('What is 1+1?', max_steps => 1)").collectAsList();
            assertEquals(loads + 2, EngineRegistry.loads());
            HogwildEngine floatEngine = EngineRegistry.loaded(f32).engine();
            assertEquals(KvType.F32, floatEngine.kvType());
            assertEquals(2 * floatEngine.cacheTotalPages(), halfEngine.cacheTotalPages());
        } finally {
            restore(spark);
        }
    }

    @Test
    void aKilledTaskCancelsItsProblemsAndFreesTheirCache() throws Exception {
        SparkSession spark = TestSpark.spark();
        EngineSpec spec = isolated(spark, 310);
        try {
            long problems = SolverStats.PROBLEMS.get();
            long cancelled = SolverStats.CANCELLED.get();
            String sql = "SELECT hogwild_solve(concat('Never ending ', id), workers => 2, max_steps => 1000000) FROM range(0, 4, 1, 2)";
            Dataset<Row> df = spark.sql(sql); // analysed here, on this thread (the conf above applies)
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                spark.sparkContext().setJobGroup("hogwild-kill", "kill test", true);
                try {
                    df.collectAsList();
                    return null;
                } catch (Throwable t) {
                    return t;
                } finally {
                    spark.sparkContext().clearJobGroup();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (SolverStats.PROBLEMS.get() - problems < 4 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(4, SolverStats.PROBLEMS.get() - problems, "all four problems started");
            HogwildEngine engine = EngineRegistry.loaded(spec).engine();
            long passes = engine.passes();
            while (engine.passes() < passes + 5) Thread.sleep(5);
            long killedAt = System.nanoTime();
            spark.sparkContext().cancelJobGroup("hogwild-kill");
            Throwable t = outcome.get(30, TimeUnit.SECONDS);
            assertNotNull(t, "the query was cancelled");
            assertTrue(t instanceof SparkException, String.valueOf(t));
            while (SolverStats.CANCELLED.get() - cancelled < 4 && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(10)) Thread.sleep(5);
            assertEquals(4, SolverStats.CANCELLED.get() - cancelled, "each task cancelled its problems");
            int expectedFree = engine.cacheTotalPages() - engine.sharedPrefixPages();
            while (engine.cacheFreePages() != expectedFree && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(10)) Thread.sleep(5);
            assertEquals(expectedFree, engine.cacheFreePages(), "the cancelled problems' cache pages are free again");
            long stoppedAt = engine.passes();
            Thread.sleep(300);
            assertEquals(stoppedAt, engine.passes(), "the engine does not run cancelled problems");
            assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(10), "stopped promptly");
        } finally {
            restore(spark);
        }
    }

    @Test
    void aLimitStopsReadingAndTheRestIsCancelled() throws Exception {
        SparkSession spark = TestSpark.spark();
        long cancelled = SolverStats.CANCELLED.get();
        long started = System.nanoTime();
        // one partition: the first batch (one short problem) finishes; the second (an endless problem) is in flight
        // when LIMIT stops reading
        List<Row> rows = spark.sql("SELECT hogwild_solve(IF(id = 0, 'short', 'endless'), max_steps => IF(id = 0, 1, 1000000), "
                + "batch_size => 1) AS r FROM range(0, 3, 1, 1) LIMIT 1").collectAsList();
        assertEquals(1, rows.size());
        assertNull(Results.error(rows.get(0).getAs("r")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (SolverStats.CANCELLED.get() == cancelled && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(SolverStats.CANCELLED.get() > cancelled, "the endless problem in flight was cancelled at task end");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "no waiting for rows LIMIT does not read");
    }
}
