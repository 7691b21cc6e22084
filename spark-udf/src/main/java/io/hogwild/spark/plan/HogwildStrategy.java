package io.hogwild.spark.plan;

import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Planner strategy: a {@link HogwildSolveNode} runs as a {@link HogwildSolveExec} over its planned child. */
public final class HogwildStrategy extends SparkStrategy {
    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
        if (plan instanceof HogwildSolveNode n) {
            SparkPlan exec = new HogwildSolveExec(n.inputs(), n.spec(), n.resultAttribute(), planLater(n.child()));
            return CollectionConverters.asScala(List.of(exec)).toSeq();
        }
        return CollectionConverters.asScala(List.<SparkPlan>of()).toSeq();
    }
}
