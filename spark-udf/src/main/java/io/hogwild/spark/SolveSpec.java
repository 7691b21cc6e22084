package io.hogwild.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Everything an executor needs to solve one hogwild_solve call's rows, fixed at analysis.
 *
 * @param values         defaults (built in + Spark conf) and the options the call gave as constants, all checked
 * @param rowOptions     options whose values come from columns, in the order of the operator's inputs after the prompt
 * @param rowOptionsMap  whether the last input is an options map whose entries vary per row
 * @param engine         which resident engine to use
 * @param batchesInFlight batches a task keeps submitted to the engine at once (the next one starts while the
 *                        slowest problems of the current one finish)
 */
public record SolveSpec(OptionValues values, List<HogwildOption> rowOptions, boolean rowOptionsMap, EngineSpec engine,
                        int batchesInFlight)
        implements Serializable {
    public SolveSpec {
        rowOptions = List.copyOf(rowOptions);
        if (batchesInFlight < 1) throw new IllegalArgumentException("batches in flight must be >= 1");
    }

    public static final String BATCHES_IN_FLIGHT_KEY = "spark.hogwild.batchesInFlight";

    public boolean failOnError() {
        return values.failOnError();
    }

    public int batchSize() {
        return values.batchSize();
    }

    /** Short form for plans: the model, the options the call gave, and the options read per row. */
    public String describe() {
        StringBuilder sb = new StringBuilder("model=").append(java.nio.file.Path.of(engine.model()).getFileName());
        values.givenValues().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append(", ").append(e.getKey().sqlName()).append('=').append(e.getValue()));
        for (HogwildOption o : rowOptions) sb.append(", ").append(o.sqlName()).append("=<per row>");
        if (rowOptionsMap) sb.append(", options=<per row>");
        return sb.toString();
    }
}
