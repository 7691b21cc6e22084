package io.hogwild.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The SQL type of {@code hogwild_solve}'s result:
 * <pre>
 * struct&lt;answer STRING, text STRING,
 *        workers ARRAY&lt;STRUCT&lt;name STRING, tokens INT,
 *                     steps ARRAY&lt;STRUCT&lt;number INT, text STRING, tokens INT, first_pass INT, last_pass INT&gt;&gt;&gt;&gt;,
 *        steps INT, tokens INT, elapsed_ms BIGINT, error STRING&gt;
 * </pre>
 * A row that could not be solved has {@code error} set and every other field null. Every field is nullable so
 * the struct writes to Parquet, JSON and CSV-less sinks alike.
 */
public final class ResultSchema {
    private ResultSchema() {}

    public static final StructType STEP = new StructType(new StructField[] {
            field("number", DataTypes.IntegerType), field("text", DataTypes.StringType), field("tokens", DataTypes.IntegerType),
            field("first_pass", DataTypes.IntegerType), field("last_pass", DataTypes.IntegerType)});

    public static final StructType WORKER = new StructType(new StructField[] {
            field("name", DataTypes.StringType), field("tokens", DataTypes.IntegerType),
            field("steps", DataTypes.createArrayType(STEP, true))});

    public static final StructType RESULT = new StructType(new StructField[] {
            field("answer", DataTypes.StringType), field("text", DataTypes.StringType),
            field("workers", DataTypes.createArrayType(WORKER, true)), field("steps", DataTypes.IntegerType),
            field("tokens", DataTypes.IntegerType), field("elapsed_ms", DataTypes.LongType), field("error", DataTypes.StringType)});

    /** Field positions in {@link #RESULT}. */
    public static final int ANSWER = 0, TEXT = 1, WORKERS = 2, STEPS = 3, TOKENS = 4, ELAPSED_MS = 5, ERROR = 6;

    public static DataType type() {
        return RESULT;
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
