package io.hogwild.spark.plan;

import io.hogwild.spark.HogwildAnalysisException;
import io.hogwild.spark.HogwildCall;
import io.hogwild.spark.HogwildSolve;
import io.hogwild.spark.ResultSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.Metadata;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Analysis rule (injected with {@code injectResolutionRule}): once a projection or filter that calls
 * {@code hogwild_solve} is resolved, the calls are checked and each distinct call becomes a {@link HogwildSolveNode}
 * under the operator, whose appended column replaces the call. Rewriting during analysis (not optimisation) keeps
 * the plan valid for every later phase, and makes bad options fail when the query is defined.
 */
public final class HogwildSolveRule extends Rule<LogicalPlan> {
    /** Name of the column each call adds below the operator that uses it. */
    public static final String RESULT_COLUMN = "hogwild_result";

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return rewrite(plan);
    }

    private LogicalPlan rewrite(LogicalPlan plan) {
        LogicalPlan p = plan.mapChildren(this::rewrite);
        List<HogwildSolve> calls = new ArrayList<>();
        for (Expression e : CollectionConverters.asJava(p.expressions())) collect(e, calls);
        if (calls.isEmpty() || !p.resolved()) return p; // wait for the rest of analysis
        if (p instanceof Project proj) {
            Map<Expression, Attribute> results = new LinkedHashMap<>();
            LogicalPlan child = solveUnder(proj.child(), calls, results);
            List<NamedExpression> list = new ArrayList<>();
            for (NamedExpression e : CollectionConverters.asJava(proj.projectList())) list.add((NamedExpression) replace((Expression) e, results));
            return new Project(seq(list), child);
        }
        if (p instanceof Filter f) {
            Map<Expression, Attribute> results = new LinkedHashMap<>();
            LogicalPlan child = solveUnder(f.child(), calls, results);
            List<NamedExpression> keep = new ArrayList<>();
            for (Attribute a : CollectionConverters.asJava(f.output())) keep.add(a);
            return new Project(seq(keep), new Filter(replace(f.condition(), results), child));
        }
        throw HogwildAnalysisException.raise(HogwildAnalysisException.UNSUPPORTED_PLACEMENT,
                "hogwild_solve can be used in a SELECT list or a WHERE clause, not in " + p.nodeName()
                        + "; compute it in a subquery or with withColumn first, then use the column");
    }

    /** Stacks one solve node per distinct call over {@code child}, recording each call's result attribute. */
    private static LogicalPlan solveUnder(LogicalPlan child, List<HogwildSolve> calls, Map<Expression, Attribute> results) {
        SQLConf conf = SQLConf.get();
        for (HogwildSolve call : calls) {
            for (Expression a : call.arguments()) {
                List<HogwildSolve> nested = new ArrayList<>();
                collect(a, nested);
                if (!nested.isEmpty()) {
                    throw HogwildAnalysisException.raise(HogwildAnalysisException.UNSUPPORTED_PLACEMENT,
                            "hogwild_solve cannot take another hogwild_solve call as an argument; compute the inner call in a subquery first");
                }
            }
            Expression key = call.canonicalized();
            if (results.containsKey(key)) continue;
            HogwildCall parsed = HogwildCall.parse(call, conf);
            AttributeReference out = new AttributeReference(RESULT_COLUMN, ResultSchema.RESULT, true, Metadata.empty(),
                    NamedExpression.newExprId(), seq(List.of()));
            child = new HogwildSolveNode(seq(parsed.inputs()), parsed.spec(), out, child);
            results.put(key, out);
        }
        return child;
    }

    private static void collect(Expression e, List<HogwildSolve> out) {
        if (e instanceof HogwildSolve h) {
            out.add(h);
            return; // a call inside a call's arguments is unsupported and stays to be reported by the check rule
        }
        for (Expression c : CollectionConverters.asJava(e.children())) collect(c, out);
    }

    private static Expression replace(Expression e, Map<Expression, Attribute> results) {
        if (e instanceof HogwildSolve h) {
            Attribute a = results.get(h.canonicalized());
            if (a != null) return a;
        }
        return e.mapChildren(c -> replace(c, results));
    }

    static <T> Seq<T> seq(List<T> list) {
        return CollectionConverters.asScala(list).toSeq();
    }
}
