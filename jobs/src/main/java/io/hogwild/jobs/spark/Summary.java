package io.hogwild.jobs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What a job did, computed from the rows it wrote. */
record Summary(long rows, long solved, long answered, long errors, long nullPrompts, long tokens, long steps, double seconds,
               String firstError) {

    static Summary of(Dataset<Row> written, String resultColumn, double seconds) {
        String r = resultColumn;
        Row a = written.agg(
                count(lit(1)),
                count(when(col(r).isNotNull().and(col(r + ".error").isNull()), 1)),
                count(col(r + ".answer")),
                count(col(r + ".error")),
                count(when(col(r).isNull(), 1)),
                sum(col(r + ".tokens").cast("long")),
                sum(col(r + ".steps").cast("long"))).first();
        String firstError = null;
        if (a.getLong(3) > 0) {
            Row e = written.where(col(r + ".error").isNotNull()).select(col(r + ".error")).first();
            firstError = e.getString(0);
        }
        return new Summary(a.getLong(0), a.getLong(1), a.getLong(2), a.getLong(3), a.getLong(4),
                a.isNullAt(5) ? 0 : a.getLong(5), a.isNullAt(6) ? 0 : a.getLong(6), seconds, firstError);
    }

    double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }

    double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : 0;
    }

    void print(PrintStream out, String output) {
        out.printf(Locale.ROOT, "hogwild job: %d rows in %.1f s (%.2f rows/s) written to %s%n", rows, seconds, rowsPerSecond(), output);
        out.printf(Locale.ROOT, "  solved %d (with an answer %d), errors %d, null prompts %d%n", solved, answered, errors, nullPrompts);
        out.printf(Locale.ROOT, "  tokens generated %d (%.1f tokens/s), sequential steps %d%n", tokens, tokensPerSecond(), steps);
        if (firstError != null) out.println("  first error: " + firstError);
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"rows\": %d, \"solved\": %d, \"answered\": %d, \"errors\": %d, \"null_prompts\": %d, "
                        + "\"tokens\": %d, \"steps\": %d, \"seconds\": %.3f, \"rows_per_second\": %.4f, \"tokens_per_second\": %.2f}%n",
                rows, solved, answered, errors, nullPrompts, tokens, steps, seconds, rowsPerSecond(), tokensPerSecond());
    }
}
