package io.hogwild.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * DataFrame API of {@code hogwild_solve} (Scala and Java; PySpark calls the SQL function through
 * {@code expr("hogwild_solve(prompt, workers => 2)")}). The session needs the extension:
 * {@code spark.sql.extensions=io.hogwild.spark.HogwildExtensions}.
 *
 * <pre>{@code
 * Dataset<Row> solved = problems.withColumn("result",
 *         HogwildFunctions.hogwild_solve(col("prompt"), Map.of("workers", "2", "max_steps", "512")));
 * solved.select("id", "result.answer", "result.error");
 * }</pre>
 */
public final class HogwildFunctions {
    private HogwildFunctions() {}

    /** Solves each prompt with the defaults (spark.hogwild.* conf). */
    public static Column hogwild_solve(Column prompt) {
        requireExtension();
        return functions.call_function(HogwildSolve.NAME, prompt);
    }

    /** Solves each prompt with these options (names as in SQL: workers, max_steps, layout, temperature, seed, ...). */
    public static Column hogwild_solve(Column prompt, Map<String, String> options) {
        requireExtension();
        if (options == null || options.isEmpty()) return hogwild_solve(prompt);
        List<Column> kv = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
            kv.add(functions.lit(e.getKey()));
            kv.add(functions.lit(e.getValue()));
        }
        return functions.call_function(HogwildSolve.NAME, prompt, functions.map(kv.toArray(new Column[0])));
    }

    /** Solves each prompt with options from a MAP&lt;STRING, STRING&gt; column (they may differ per row). */
    public static Column hogwild_solve(Column prompt, Column options) {
        requireExtension();
        return functions.call_function(HogwildSolve.NAME, prompt, options);
    }

    private static void requireExtension() {
        SparkSession s = SparkSession.getActiveSession().getOrElse(() -> null);
        if (s != null && !s.catalog().functionExists(HogwildSolve.NAME)) {
            throw new IllegalStateException("hogwild_solve is not registered in this Spark session: start it with "
                    + "spark.sql.extensions=" + HogwildExtensions.class.getName() + " (and the hogwild jar on the classpath)");
        }
    }
}
