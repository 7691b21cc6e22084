package io.hogwild.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The call {@code hogwild_solve(prompt [, options])} as the parser and function registry leave it: the prompt,
 * then the options exactly as written (positional values, {@code name => value} arguments, an options map).
 *
 * <p>It is never evaluated row by row: {@link io.hogwild.spark.plan.HogwildSolveRule} replaces it during analysis
 * with a partition-level operator that hands whole batches of rows to the engine. Its arguments are checked there,
 * when their types are known.
 */
public final class HogwildSolve extends Expression {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "hogwild_solve";

    private final Seq<Expression> args;

    public HogwildSolve(Seq<Expression> args) {
        this.args = args;
    }

    public static HogwildSolve of(List<Expression> args) {
        return new HogwildSolve(seq(args));
    }

    /** The function builder registered with Spark: checks the argument count; the rest is checked at rewrite. */
    public static Expression build(Seq<Expression> args) {
        if (args.isEmpty()) {
            throw HogwildAnalysisException.raise(HogwildAnalysisException.WRONG_ARGUMENTS,
                    "hogwild_solve needs a prompt: hogwild_solve(prompt [, options map] [, name => value ...])");
        }
        return new HogwildSolve(args);
    }

    public List<Expression> arguments() {
        return CollectionConverters.asJava(args);
    }

    @Override
    public Seq<Expression> children() {
        return args;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return new HogwildSolve(newChildren);
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public DataType dataType() {
        return ResultSchema.RESULT;
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public Object eval(InternalRow input) {
        throw new UnsupportedOperationException("hogwild_solve is computed by a partition-level operator, "
                + "not row by row; is spark.sql.extensions=" + HogwildExtensions.class.getName() + " set?");
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        throw new UnsupportedOperationException("hogwild_solve has no generated code; it is computed by a partition-level operator");
    }

    @Override
    public String prettyName() {
        return NAME;
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression e : arguments()) parts.add(e.sql());
        return NAME + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Expression e : arguments()) parts.add(e.toString());
        return NAME + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public int productArity() {
        return 1;
    }

    @Override
    public Object productElement(int n) {
        if (n == 0) return args;
        throw new IndexOutOfBoundsException(n);
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof HogwildSolve;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HogwildSolve h && h.args.equals(args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(NAME, args);
    }

    static <T> Seq<T> seq(List<T> list) {
        return CollectionConverters.asScala(list).toSeq();
    }
}
