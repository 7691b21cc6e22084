package io.hogwild.spark;

import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * An analysis error of {@code hogwild_solve} with its own error condition (HOGWILD_*), so callers can match on
 * {@link #getCondition()} like on Spark's own conditions. The message reads
 * {@code [HOGWILD_INVALID_OPTION] ...} and the SQLSTATE is a standard one.
 */
public final class HogwildAnalysisException extends AnalysisException {
    private static final long serialVersionUID = 1L;

    /** An option name the function does not know. */
    public static final String UNKNOWN_OPTION = "HOGWILD_UNKNOWN_OPTION";
    /** An option value that cannot be used (type, range, unknown layout, missing model, ...). */
    public static final String INVALID_OPTION = "HOGWILD_INVALID_OPTION";
    /** The same option given twice in one call. */
    public static final String DUPLICATE_OPTION = "HOGWILD_DUPLICATE_OPTION";
    /** Wrong arguments: missing or non-string prompt, too many positional options, a second options map. */
    public static final String WRONG_ARGUMENTS = "HOGWILD_WRONG_ARGUMENTS";
    /** A Spark conf default (spark.hogwild.*) that cannot be used. */
    public static final String INVALID_CONF = "HOGWILD_INVALID_CONF";
    /** hogwild_solve used where it cannot be computed row by row (join conditions, aggregates, ...). */
    public static final String UNSUPPORTED_PLACEMENT = "HOGWILD_UNSUPPORTED_PLACEMENT";

    private HogwildAnalysisException(String condition, String message, String sqlState) {
        super("[" + condition + "] " + message, Option.empty(), Option.empty(), Option.empty(), Option.apply(condition),
                scala.collection.immutable.Map.from(CollectionConverters.asScala(java.util.Map.of("message", message))),
                new QueryContext[0], Option.apply(sqlState), Option.empty());
    }

    /**
     * Throws the error (AnalysisException is a checked exception in Java's eyes but not in Spark's Scala code, which
     * is where it travels); declared to return one so call sites read {@code throw raise(...)}.
     */
    public static RuntimeException raise(String condition, String message) {
        throw HogwildAnalysisException.<RuntimeException>sneaky(of(condition, message));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    public static HogwildAnalysisException of(String condition, String message) {
        String state = switch (condition) {
            case UNKNOWN_OPTION -> "4274K"; // like UNRECOGNIZED_PARAMETER_NAME
            case DUPLICATE_OPTION -> "4274K";
            case WRONG_ARGUMENTS -> "42605"; // like WRONG_NUM_ARGS
            case UNSUPPORTED_PLACEMENT -> "0A000";
            default -> "22023"; // invalid parameter value
        };
        return new HogwildAnalysisException(condition, message, state);
    }

    @Override
    public String getSqlState() {
        return sqlState().getOrElse(() -> "22023");
    }
}
