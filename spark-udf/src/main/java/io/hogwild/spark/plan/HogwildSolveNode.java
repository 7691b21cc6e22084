package io.hogwild.spark.plan;

import io.hogwild.spark.SolveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Option;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Logical operator: passes every row of its child through and appends one column, the result of solving the row's
 * prompt. {@code inputs} are what each row hands to the engine (the prompt, then per-row option values, then a
 * per-row options map), {@code result} the appended attribute.
 *
 * <p>The constructor parameters are exactly the product elements, in order, as Catalyst's reflective copies expect.
 */
public final class HogwildSolveNode extends LogicalPlan {
    private static final long serialVersionUID = 1L;

    private final Seq<Expression> inputs;
    private final SolveSpec spec;
    private final Expression result;
    private final LogicalPlan child;

    public HogwildSolveNode(Seq<Expression> inputs, SolveSpec spec, Expression result, LogicalPlan child) {
        this.inputs = inputs;
        this.spec = spec;
        this.result = result;
        this.child = child;
    }

    public Seq<Expression> inputs() {
        return inputs;
    }

    public SolveSpec spec() {
        return spec;
    }

    public Attribute resultAttribute() {
        return (Attribute) result;
    }

    public LogicalPlan child() {
        return child;
    }

    @Override
    public Seq<Attribute> output() {
        List<Attribute> out = new ArrayList<>(CollectionConverters.asJava(child.output()));
        out.add(resultAttribute());
        return CollectionConverters.asScala(out).toSeq();
    }

    @Override
    public AttributeSet producedAttributes() {
        return AttributeSet.apply(resultAttribute());
    }

    @Override
    public Option<Object> maxRows() {
        return child.maxRows(); // one output row per input row
    }

    @Override
    public Seq<LogicalPlan> children() {
        return CollectionConverters.asScala(List.of(child)).toSeq();
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return new HogwildSolveNode(inputs, spec, result, newChildren.apply(0));
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
        return that instanceof HogwildSolveNode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HogwildSolveNode n && n.inputs.equals(inputs) && n.spec.equals(spec) && n.result.equals(result)
                && n.child.equals(child);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, spec, result, child);
    }
}
