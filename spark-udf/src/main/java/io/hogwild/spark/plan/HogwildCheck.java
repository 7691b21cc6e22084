package io.hogwild.spark.plan;

import io.hogwild.spark.HogwildAnalysisException;
import io.hogwild.spark.HogwildSolve;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Check rule (injected with {@code injectCheckRule}): after analysis no {@code hogwild_solve} call may be left in
 * the plan; one that is sits where it cannot be computed (a join condition, an aggregate, ...).
 */
public final class HogwildCheck extends AbstractFunction1<LogicalPlan, BoxedUnit> {
    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        check(plan);
        return BoxedUnit.UNIT;
    }

    private static void check(LogicalPlan p) {
        for (Expression e : CollectionConverters.asJava(p.expressions())) {
            if (contains(e)) {
                throw HogwildAnalysisException.raise(HogwildAnalysisException.UNSUPPORTED_PLACEMENT,
                        "hogwild_solve can be used in a SELECT list or a WHERE clause, not in " + p.nodeName()
                                + "; compute it in a subquery or with withColumn first, then use the column");
            }
        }
        for (LogicalPlan c : CollectionConverters.asJava(p.children())) check(c);
    }

    private static boolean contains(Expression e) {
        if (e instanceof HogwildSolve) return true;
        for (Expression c : CollectionConverters.asJava(e.children())) {
            if (contains(c)) return true;
        }
        return false;
    }
}
