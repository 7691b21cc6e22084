package io.hogwild.spark.plan;

import io.hogwild.spark.SolveSpec;
import io.hogwild.spark.exec.PartitionSolver;
import io.hogwild.spark.exec.TaskMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Physical operator of {@link HogwildSolveNode}: each task solves its partition's rows in Arrow batches through the
 * executor's resident engine ({@link PartitionSolver}) and appends the result column. Output partitioning and
 * ordering are the child's: rows keep their order and count.
 */
public final class HogwildSolveExec extends SparkPlan {
    private static final long serialVersionUID = 1L;

    private final Seq<Expression> inputs;
    private final SolveSpec spec;
    private final Expression result;
    private final SparkPlan child;
    private final scala.collection.immutable.Map<String, SQLMetric> metrics;

    public HogwildSolveExec(Seq<Expression> inputs, SolveSpec spec, Expression result, SparkPlan child) {
        this.inputs = inputs;
        this.spec = spec;
        this.result = result;
        this.child = child;
        Map<String, SQLMetric> m = new LinkedHashMap<>();
        m.put("numOutputRows", SQLMetrics.createMetric(sparkContext(), "number of output rows"));
        m.put("solved", SQLMetrics.createMetric(sparkContext(), "problems solved"));
        m.put("errors", SQLMetrics.createMetric(sparkContext(), "problems with an error"));
        m.put("nullPrompts", SQLMetrics.createMetric(sparkContext(), "null prompts"));
        m.put("tokens", SQLMetrics.createMetric(sparkContext(), "tokens generated"));
        m.put("batches", SQLMetrics.createMetric(sparkContext(), "engine batches"));
        m.put("solveTime", SQLMetrics.createTimingMetric(sparkContext(), "time in engine batches", -1L));
        this.metrics = scala.collection.immutable.Map.from(CollectionConverters.asScala(m));
    }

    public SolveSpec spec() {
        return spec;
    }

    public SparkPlan child() {
        return child;
    }

    @Override
    public scala.collection.immutable.Map<String, SQLMetric> metrics() {
        return metrics;
    }

    @Override
    public RDD<InternalRow> doExecute() {
        TaskMetrics m = new TaskMetrics(metrics.apply("numOutputRows"), metrics.apply("solved"), metrics.apply("errors"),
                metrics.apply("nullPrompts"), metrics.apply("tokens"), metrics.apply("batches"), metrics.apply("solveTime"));
        StructType outSchema = new StructType();
        for (Attribute a : CollectionConverters.asJava(output())) outSchema = outSchema.add(a.name(), a.dataType(), a.nullable());
        PartitionSolver solver = new PartitionSolver(CollectionConverters.asJava(inputs), CollectionConverters.asJava(child.output()),
                spec, outSchema, m);
        return child.execute().toJavaRDD().mapPartitions(solver).rdd();
    }

    @Override
    public Seq<Attribute> output() {
        List<Attribute> out = new ArrayList<>(CollectionConverters.asJava(child.output()));
        out.add((Attribute) result);
        return CollectionConverters.asScala(out).toSeq();
    }

    @Override
    public AttributeSet producedAttributes() {
        return AttributeSet.apply((Attribute) result);
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public Seq<SortOrder> outputOrdering() {
        return child.outputOrdering();
    }

    @Override
    public Seq<SparkPlan> children() {
        return CollectionConverters.asScala(List.of(child)).toSeq();
    }

    @Override
    public SparkPlan withNewChildrenInternal(IndexedSeq<SparkPlan> newChildren) {
        return new HogwildSolveExec(inputs, spec, result, newChildren.apply(0));
    }

    @Override
    public String nodeName() {
        return "HogwildSolve";
    }

    @Override
    public String simpleString(int maxFields) {
        return nodeName() + " " + inputs.mkString("[", ", ", "]") + " (" + spec.describe() + ") -> " + result;
    }

    @Override
    public int productArity() {
        return 4;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> inputs;
            case 1 -> spec;
            case 2 -> result;
            case 3 -> child;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof HogwildSolveExec;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HogwildSolveExec n && n.inputs.equals(inputs) && n.spec.equals(spec) && n.result.equals(result)
                && n.child.equals(child);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, spec, result, child);
    }
}
