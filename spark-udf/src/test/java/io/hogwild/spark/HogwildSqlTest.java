package io.hogwild.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.spark.exec.SolverStats;
import io.hogwild.spark.plan.HogwildSolveExec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** hogwild_solve through SQL: argument forms, conf defaults, bad rows, bad options, determinism, batching, metrics. */
class HogwildSqlTest {
    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) values.add("(" + i + ", 'Problem " + i + ": what is " + i + " times " + (i + 3) + "?', " + (1 + i % 3) + ")");
        spark.sql("SELECT * FROM VALUES " + String.join(", ", values) + " AS t(id, prompt, w)").repartition(2)
                .createOrReplaceTempView("problems");
    }

    private static List<Row> rows(String sql) {
        return spark.sql(sql).collectAsList();
    }

    @Test
    void namedArgumentsGiveOneResultPerRow() {
        List<Row> rows = rows("SELECT id, hogwild_solve(prompt, workers => 3, max_steps => 5, layout => 'interleaved', "
                + "temperature => 0.0, seed => 7, fail_on_error => false) AS r FROM problems ORDER BY id");
        assertEquals(12, rows.size());
        for (Row row : rows) {
            Row r = row.getAs("r");
            assertNull(Results.error(r), "row " + row.get(0));
            assertEquals(List.of("Alice", "Bob", "Carol"), Results.workerNames(r));
            assertEquals(5, r.getInt(ResultSchema.STEPS));
            assertTrue(r.getInt(ResultSchema.TOKENS) >= 15, "three workers write at least 5 tokens each");
            assertNotNull(r.getString(ResultSchema.ANSWER), "the finisher answers when the budget runs out");
            assertTrue(r.getString(ResultSchema.TEXT).contains("**Carol [1]:**"), r.getString(ResultSchema.TEXT));
            assertTrue(r.getLong(ResultSchema.ELAPSED_MS) >= 0);
            Row firstStep = r.<Row>getList(ResultSchema.WORKERS).get(0).<Row>getList(2).get(0);
            assertEquals(1, firstStep.getInt(0));
            assertEquals(0, firstStep.getInt(3), "first_pass of the first step");
        }
    }

    @Test
    void positionalOptionsFollowTheSignatureOrder() {
        // hogwild_solve(prompt, workers, max_steps, layout, temperature, seed)
        Row r = rows("SELECT hogwild_solve(prompt, 1, 3, 'contiguous', 0.0, 1) AS r FROM problems WHERE id = 1").get(0).getAs("r");
        assertEquals(List.of("Alice"), Results.workerNames(r));
        assertEquals(3, r.getInt(ResultSchema.STEPS));
    }

    @Test
    void mapOptionsAndNamedArgumentsWin() {
        Row viaMap = rows("SELECT hogwild_solve(prompt, map('workers', '1', 'max_steps', '4', 'worker_names', 'Zed')) AS r "
                + "FROM problems WHERE id = 2").get(0).getAs("r");
        assertEquals(List.of("Zed"), Results.workerNames(viaMap));
        assertEquals(4, viaMap.getInt(ResultSchema.STEPS));
        Row overridden = rows("SELECT hogwild_solve(prompt, map('workers', '1', 'max_steps', '4'), max_steps => 2) AS r "
                + "FROM problems WHERE id = 2").get(0).getAs("r");
        assertEquals(2, overridden.getInt(ResultSchema.STEPS));
        Row namedMap = rows("SELECT hogwild_solve(prompt, options => map('max_steps', 3)) AS r FROM problems WHERE id = 2")
                .get(0).getAs("r");
        assertEquals(3, namedMap.getInt(ResultSchema.STEPS));
    }

    @Test
    void optionsFromColumnsVaryPerRowAndBadValuesBecomeRowErrors() {
        List<Row> rows = rows("SELECT id, w, hogwild_solve(prompt, workers => w, max_steps => 2) AS r FROM problems ORDER BY id");
        for (Row row : rows) {
            Row r = row.getAs("r");
            assertEquals(row.getInt(1), Results.workerNames(r).size(), "row " + row.get(0));
        }
        List<Row> mapped = rows("SELECT id, hogwild_solve(prompt, map('workers', CAST(w - 1 AS STRING)), max_steps => 2) AS r "
                + "FROM problems ORDER BY id");
        for (Row row : mapped) {
            Row r = row.getAs("r");
            int w = row.getInt(0) % 3; // w - 1
            if (w == 0) {
                assertTrue(Results.error(r).contains("workers must be in 1..8, got 0"), Results.error(r));
                assertNull(r.get(ResultSchema.WORKERS));
            } else {
                assertEquals(w, Results.workerNames(r).size());
            }
        }
    }

    @Test
    void confKeysGiveTheDefaults() {
        TestSpark.withConf(Map.of("spark.hogwild.workers", "4", "spark.hogwild.maxSteps", "3"), () -> {
            Row r = rows("SELECT hogwild_solve(prompt) AS r FROM problems WHERE id = 3").get(0).getAs("r");
            assertEquals(4, Results.workerNames(r).size());
            assertEquals(3, r.getInt(ResultSchema.STEPS));
        });
        TestSpark.withConf(Map.of("spark.hogwild.layout", "sideways"), () -> {
            AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT hogwild_solve(prompt) FROM problems"));
            assertEquals(HogwildAnalysisException.INVALID_CONF, e.getCondition());
            assertTrue(e.getMessage().contains("spark.hogwild.layout=sideways"), e.getMessage());
        });
        TestSpark.withConf(Map.of("spark.hogwild.kvType", "half"), () -> {
            AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT hogwild_solve(prompt) FROM problems"));
            assertEquals(HogwildAnalysisException.INVALID_CONF, e.getCondition());
            assertTrue(e.getMessage().contains("spark.hogwild.kvType=half") && e.getMessage().contains("f32, f16"), e.getMessage());
        });
        TestSpark.withConf(Map.of("spark.hogwild.backend", "abacus"), () -> {
            AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT hogwild_solve(prompt) FROM problems"));
            assertEquals(HogwildAnalysisException.INVALID_CONF, e.getCondition());
        });
        TestSpark.withConf(Map.of("spark.hogwild.model", ""), () -> {
            // an empty conf model is refused, naming the key
            AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT hogwild_solve(prompt) FROM problems"));
            assertEquals(HogwildAnalysisException.INVALID_CONF, e.getCondition(), e.getMessage());
        });
    }

    @Test
    void nullEmptyAndOversizedPromptsKeepTheirRows() {
        String huge = "word ".repeat(5000); // beyond the 4096-token context
        spark.sql("SELECT * FROM VALUES (1, 'What is 1+1?'), (2, NULL), (3, ''), (4, '   '), (5, '" + huge + "'), (6, 'And 2+2?') "
                + "AS t(id, prompt)").createOrReplaceTempView("odd");
        List<Row> rows = rows("SELECT id, hogwild_solve(prompt, max_steps => 3) AS r FROM odd ORDER BY id");
        assertEquals(6, rows.size());
        assertNull(Results.error(rows.get(0).getAs("r")));
        assertNull(rows.get(1).get(1), "a NULL prompt gives a NULL result");
        for (int i : new int[] {2, 3}) {
            Row r = rows.get(i).getAs("r");
            assertEquals("the problem is empty", Results.error(r));
            for (int f = 0; f < ResultSchema.ERROR; f++) assertTrue(r.isNullAt(f), "field " + f + " of an error row is null");
        }
        assertTrue(Results.error(rows.get(4).getAs("r")).contains("does not fit the model context of 4096"), Results.error(rows.get(4).getAs("r")));
        assertNull(Results.error(rows.get(5).getAs("r")));
        assertEquals(6, spark.sql("SELECT hogwild_solve(prompt, max_steps => 1) FROM odd").count());
    }

    @Test
    void failOnErrorFailsTheQuery() {
        spark.sql("SELECT * FROM VALUES (1, 'fine'), (2, '') AS t(id, prompt)").createOrReplaceTempView("bad");
        SparkException e = assertThrows(SparkException.class,
                () -> spark.sql("SELECT hogwild_solve(prompt, max_steps => 2, fail_on_error => true) FROM bad").collectAsList());
        String all = messages(e);
        assertTrue(all.contains("fail_on_error is true: the problem is empty"), all);
        TestSpark.withConf(Map.of("spark.hogwild.failOnError", "true"), () -> {
            assertThrows(SparkException.class, () -> spark.sql("SELECT hogwild_solve(prompt, max_steps => 2) FROM bad").collectAsList());
            assertEquals(2, spark.sql("SELECT hogwild_solve(prompt, max_steps => 2, fail_on_error => false) FROM bad").collectAsList().size());
        });
    }

    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) sb.append(c.getMessage()).append('\n');
        return sb.toString();
    }

    private static AnalysisException analysisError(String sql) {
        long batches = SolverStats.BATCHES.get();
        AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql(sql));
        assertEquals(batches, SolverStats.BATCHES.get(), "nothing ran");
        return e;
    }

    @Test
    void badOptionsFailAtAnalysisWithNamedErrors() {
        AnalysisException unknown = analysisError("SELECT hogwild_solve(prompt, wokers => 2) FROM problems");
        assertEquals(HogwildAnalysisException.UNKNOWN_OPTION, unknown.getCondition());
        assertTrue(unknown.getMessage().contains("Did you mean workers?"), unknown.getMessage());
        assertEquals("4274K", unknown.getSqlState());

        AnalysisException mapKey = analysisError("SELECT hogwild_solve(prompt, map('temprature', '0.5')) FROM problems");
        assertEquals(HogwildAnalysisException.UNKNOWN_OPTION, mapKey.getCondition());

        for (String bad : List.of("workers => 0", "workers => 9", "workers => 'two'", "max_steps => 0", "layout => 'diagonal'",
                "temperature => -1", "top_p => 0", "min_p => 1", "seed => 1.5", "fail_on_error => 'maybe'",
                "collaboration_prompt => 'nope'", "worker_names => 'A,A'", "workers => 2, worker_names => 'A,B,C'",
                "batch_size => 0", "model => ''", "model => prompt", "workers => NULL", "workers => array(1)",
                "kv_type => 'bf16'", "kv_type => prompt")) {
            AnalysisException e = analysisError("SELECT hogwild_solve(prompt, " + bad + ") FROM problems");
            assertEquals(HogwildAnalysisException.INVALID_OPTION, e.getCondition(), bad + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("[HOGWILD_INVALID_OPTION]"), e.getMessage());
        }
        assertTrue(analysisError("SELECT hogwild_solve(prompt, layout => 'diagonal') FROM problems").getMessage()
                .contains("unknown layout 'diagonal' (combined, interleaved, contiguous)"));
        String kv = analysisError("SELECT hogwild_solve(prompt, kv_type => 'q8') FROM problems").getMessage();
        assertTrue(kv.contains("invalid option kv_type => 'q8'") && kv.contains("f32, f16"), kv);

        AnalysisException dup = analysisError("SELECT hogwild_solve(prompt, 2, workers => 3) FROM problems");
        assertEquals(HogwildAnalysisException.DUPLICATE_OPTION, dup.getCondition());

        for (String bad : List.of("hogwild_solve(id)", "hogwild_solve()", "hogwild_solve(prompt, 1, 2, 'combined', 0.5, 3, 4)",
                "hogwild_solve(prompt, workers => 2, 3)", "hogwild_solve(prompt, map('a','b'), map('c','d'))",
                "hogwild_solve(workers => 2)")) {
            AnalysisException e = analysisError("SELECT " + bad + " FROM problems");
            assertEquals(HogwildAnalysisException.WRONG_ARGUMENTS, e.getCondition(), bad + ": " + e.getMessage());
        }
    }

    @Test
    void describeFunctionShowsTheUsage() {
        String described = String.join("\n", spark.sql("DESCRIBE FUNCTION EXTENDED hogwild_solve").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
        assertTrue(described.contains("hogwild_solve(prompt [, options])"), described);
        assertTrue(described.contains("max_steps"), described);
    }

    @Test
    void unsupportedPlacementsAreNamed() {
        AnalysisException agg = analysisError("SELECT count(hogwild_solve(prompt).answer) FROM problems");
        assertEquals(HogwildAnalysisException.UNSUPPORTED_PLACEMENT, agg.getCondition(), agg.getMessage());
        AnalysisException join = analysisError("SELECT * FROM problems a JOIN problems b ON hogwild_solve(a.prompt).answer = b.prompt");
        assertEquals(HogwildAnalysisException.UNSUPPORTED_PLACEMENT, join.getCondition(), join.getMessage());
        AnalysisException nested = analysisError("SELECT hogwild_solve(hogwild_solve(prompt).answer) FROM problems");
        assertEquals(HogwildAnalysisException.UNSUPPORTED_PLACEMENT, nested.getCondition(), nested.getMessage());
    }

    @Test
    void whereClauseAndRepeatedCallsShareOneOperator() {
        Dataset<Row> df = spark.sql("SELECT id, hogwild_solve(prompt, max_steps => 2).answer AS a, hogwild_solve(prompt, max_steps => 2).steps AS s "
                + "FROM problems WHERE hogwild_solve(prompt, max_steps => 2).error IS NULL");
        List<Row> rows = df.collectAsList();
        assertEquals(12, rows.size());
        rows.forEach(r -> assertEquals(2, r.getInt(2)));
        // the WHERE call and the SELECT calls are separate operators (one under the filter, one above); the two
        // identical calls of the SELECT list are computed once
        assertEquals(2, Results.solveNodes(df).size(), df.queryExecution().executedPlan().toString());
    }

    @Test
    void sameQueryTwiceAndOtherPartitioningGiveIdenticalResults() {
        String sql = "SELECT id, hogwild_solve(prompt, workers => 2, max_steps => 6, temperature => 0.9, seed => 11) AS r FROM %s ORDER BY id";
        List<String> first = Results.comparable(rows(String.format(sql, "problems")), "r");
        List<String> second = Results.comparable(rows(String.format(sql, "problems")), "r");
        assertEquals(first, second);
        spark.table("problems").coalesce(1).createOrReplaceTempView("problems_one");
        spark.table("problems").repartition(5).createOrReplaceTempView("problems_five");
        assertEquals(first, Results.comparable(rows(String.format(sql, "problems_one")), "r"));
        assertEquals(first, Results.comparable(rows(String.format(sql, "problems_five")), "r"));
        String otherSeed = sql.replace("seed => 11", "seed => 12");
        assertNotEquals(first, Results.comparable(rows(String.format(otherSeed, "problems")), "r"));
    }

    @Test
    void theEngineIsCalledOncePerBatchNotOncePerRow() {
        long batches = SolverStats.BATCHES.get();
        long problems = SolverStats.PROBLEMS.get();
        Dataset<Row> df = spark.sql("SELECT hogwild_solve(prompt, max_steps => 2, batch_size => 4) AS r "
                + "FROM (SELECT * FROM problems UNION ALL SELECT id + 100, prompt, w FROM problems) t");
        List<Row> rows = df.collectAsList();
        assertEquals(24, rows.size());
        assertEquals(24, SolverStats.PROBLEMS.get() - problems);
        long calls = SolverStats.BATCHES.get() - batches;
        // 4 partitions of ~6 rows in batches of at most 4
        assertTrue(calls >= 6 && calls <= 8, "engine calls: " + calls);
        HogwildSolveExec node = Results.solveNodes(df).get(0);
        assertEquals(calls, node.metrics().apply("batches").value());
        assertEquals(24, node.metrics().apply("numOutputRows").value());
        assertEquals(24, node.metrics().apply("solved").value());
        assertEquals(rows.stream().mapToLong(r -> r.getStruct(0).getInt(ResultSchema.TOKENS)).sum(), node.metrics().apply("tokens").value());
    }
}
