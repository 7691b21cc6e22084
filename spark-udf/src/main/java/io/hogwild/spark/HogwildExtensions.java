package io.hogwild.spark;

import io.hogwild.spark.plan.HogwildCheck;
import io.hogwild.spark.plan.HogwildSolveRule;
import io.hogwild.spark.plan.HogwildStrategy;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The Spark extension: {@code spark.sql.extensions=io.hogwild.spark.HogwildExtensions} registers the SQL function
 * {@code hogwild_solve}, the analysis rule that turns its calls into partition-level operators, a check for calls
 * left where they cannot run, and the planner strategy for the operator.
 */
public final class HogwildExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    static final String USAGE = "hogwild_solve(prompt [, options_map] [, workers => 2, max_steps => 2048, layout => 'combined', "
            + "temperature => 0.6, seed => 0, fail_on_error => false, model => '...'])";

    @Override
    public BoxedUnit apply(SparkSessionExtensions ext) {
        ExpressionInfo info = new ExpressionInfo(HogwildSolve.class.getName(), null, HogwildSolve.NAME,
                "_FUNC_(prompt [, options]) - Solves each prompt with Hogwild! Inference: several LLM workers per prompt"
                        + " over one shared KV cache. Call it as " + USAGE + "; options: " + HogwildOption.known()
                        + ". Returns struct<answer, text, workers, steps, tokens, elapsed_ms, error>.",
                "", "", "", "misc_funcs", "", "", "built-in");
        ext.injectFunction(new Tuple3<>(FunctionIdentifier.apply(HogwildSolve.NAME), info, new Builder()));
        ext.injectResolutionRule(session -> new HogwildSolveRule());
        ext.injectCheckRule(session -> new HogwildCheck());
        ext.injectPlannerStrategy(session -> new HogwildStrategy());
        return BoxedUnit.UNIT;
    }

    /** The function builder: hogwild_solve's arguments as written. */
    static final class Builder extends AbstractFunction1<scala.collection.immutable.Seq<org.apache.spark.sql.catalyst.expressions.Expression>,
            org.apache.spark.sql.catalyst.expressions.Expression> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public org.apache.spark.sql.catalyst.expressions.Expression apply(
                scala.collection.immutable.Seq<org.apache.spark.sql.catalyst.expressions.Expression> args) {
            return HogwildSolve.build(args);
        }
    }
}
