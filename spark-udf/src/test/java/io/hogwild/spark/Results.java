package io.hogwild.spark;

import io.hogwild.spark.plan.HogwildSolveExec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import scala.jdk.javaapi.CollectionConverters;

/** Helpers to read hogwild_solve results in tests. */
final class Results {
    private Results() {}

    /** The result struct without elapsed_ms (timing differs run to run), as a comparable string. */
    static String comparable(Row r) {
        if (r == null) return "null";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            if (i == ResultSchema.ELAPSED_MS) continue;
            sb.append(r.schema().fields()[i].name()).append('=').append(r.isNullAt(i) ? "null" : String.valueOf(r.get(i))).append(';');
        }
        return sb.toString();
    }

    static List<String> comparable(List<Row> rows, String column) {
        List<String> out = new ArrayList<>();
        for (Row row : rows) out.add(comparable(row.<Row>getAs(column)));
        return out;
    }

    static List<String> workerNames(Row result) {
        List<String> names = new ArrayList<>();
        for (Row w : result.<Row>getList(ResultSchema.WORKERS)) names.add(w.getString(0));
        return names;
    }

    static String error(Row result) {
        return result.getString(ResultSchema.ERROR);
    }

    /** The hogwild operators of an executed query's physical plan. */
    static List<HogwildSolveExec> solveNodes(Dataset<Row> df) {
        List<HogwildSolveExec> out = new ArrayList<>();
        collect(df.queryExecution().executedPlan(), out);
        return out;
    }

    private static void collect(SparkPlan p, List<HogwildSolveExec> out) {
        if (p instanceof AdaptiveSparkPlanExec a) p = a.executedPlan();
        if (p instanceof QueryStageExec q) p = q.plan();
        if (p instanceof HogwildSolveExec h) out.add(h);
        for (SparkPlan c : CollectionConverters.asJava(p.children())) collect(c, out);
    }
}
