package io.hogwild.spark.exec;

import java.io.Serializable;
import org.apache.spark.sql.execution.metric.SQLMetric;

/** The SQL metrics of one HogwildSolveExec, updated by its tasks (they show in the Spark UI's SQL tab). */
public record TaskMetrics(SQLMetric rows, SQLMetric solved, SQLMetric errors, SQLMetric nullPrompts, SQLMetric tokens,
                          SQLMetric batches, SQLMetric solveTime) implements Serializable {}
