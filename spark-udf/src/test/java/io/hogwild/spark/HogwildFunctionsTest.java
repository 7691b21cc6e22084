package io.hogwild.spark;

import static io.hogwild.spark.HogwildFunctions.hogwild_solve;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The DataFrame API: HogwildFunctions.hogwild_solve with defaults, a Java map, a map column, and expr() as PySpark uses it. */
class HogwildFunctionsTest {
    private static Dataset<Row> problems(SparkSession spark) {
        return spark.createDataset(List.of("What is 3+4?", "Name a prime above 10.", "Is 91 prime?"), Encoders.STRING())
                .toDF("prompt");
    }

    @Test
    void columnWithDefaultsAndWithAJavaMap() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> df = problems(spark);
        List<Row> plain = df.withColumn("r", hogwild_solve(col("prompt"))).select("prompt", "r.steps", "r.error").collectAsList();
        assertEquals(3, plain.size());
        plain.forEach(r -> {
            assertEquals(6, r.getInt(1), "spark.hogwild.maxSteps=6 of the test session");
            assertNull(r.get(2));
        });
        List<Row> opts = df.withColumn("r", hogwild_solve(col("prompt"), Map.of("workers", "3", "max_steps", "2", "temperature", "0")))
                .select(expr("size(r.workers)"), col("r.steps")).collectAsList();
        opts.forEach(r -> {
            assertEquals(3, r.getInt(0));
            assertEquals(2, r.getInt(1));
        });
    }

    @Test
    void mapColumnAndExprAsFromPySpark() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> df = problems(spark).withColumn("opts", map(lit("max_steps"), lit("3")));
        List<Row> byColumn = df.select(hogwild_solve(col("prompt"), col("opts")).getField("steps")).collectAsList();
        byColumn.forEach(r -> assertEquals(3, r.getInt(0)));
        List<Row> byExpr = problems(spark).select(expr("hogwild_solve(prompt, workers => 2, max_steps => 2)").alias("r"))
                .select("r.answer", "r.steps").collectAsList();
        byExpr.forEach(r -> assertEquals(2, r.getInt(1)));
    }

    @Test
    void badOptionsFailWhenTheColumnIsUsed() {
        SparkSession spark = TestSpark.spark();
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> problems(spark).withColumn("r", hogwild_solve(col("prompt"), Map.of("workers", "99"))));
        assertEquals(HogwildAnalysisException.INVALID_OPTION, e.getCondition());
        assertTrue(e.getMessage().contains("workers must be in 1..8, got 99"), e.getMessage());
    }
}
