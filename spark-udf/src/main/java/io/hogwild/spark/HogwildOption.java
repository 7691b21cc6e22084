package io.hogwild.spark;

import io.hogwild.engine.hogwild.Layout;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.engine.hogwild.prompt.CollaborationPrompt;
import io.hogwild.engine.hogwild.prompt.WorkerNames;
import io.hogwild.kernels.KvType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code hogwild_solve}: their SQL names, the Spark conf keys that give their defaults, and how a
 * value (always handled as text: SQL literals, map values and conf entries alike) is checked.
 *
 * <p>{@link #perRow} options may come from a column (a different value per row); the others must be constants
 * because they choose the engine or the shape of the execution.
 */
public enum HogwildOption {
    WORKERS("workers", "spark.hogwild.workers", "2", true, "number of workers per problem, 1.." + SolveOptions.MAX_WORKERS),
    MAX_STEPS("max_steps", "spark.hogwild.maxSteps", "2048", true, "budget of sequential forward passes per problem"),
    LAYOUT("layout", "spark.hogwild.layout", "combined", true, "cache layout: combined, interleaved or contiguous"),
    TEMPERATURE("temperature", "spark.hogwild.temperature", "0.6", true, "sampling temperature, 0 = greedy"),
    SEED("seed", "spark.hogwild.seed", "0", true, "base seed; each row's seed also depends on its prompt"),
    TOP_K("top_k", "spark.hogwild.topK", "20", true, "top-k filter, 0 = off"),
    TOP_P("top_p", "spark.hogwild.topP", "0.95", true, "top-p (nucleus) filter in (0, 1]"),
    MIN_P("min_p", "spark.hogwild.minP", "0", true, "min-p filter in [0, 1)"),
    WORKER_NAMES("worker_names", "spark.hogwild.workerNames", null, true, "comma-separated worker names (default Alice, Bob, ...)"),
    QUICK_CHECK_INTERVAL("quick_check_interval", "spark.hogwild.quickCheckInterval", "1024", true,
            "generated tokens between 'Quick check' insertions, 0 = never"),
    FINISHER_TOKENS("finisher_tokens", "spark.hogwild.finisherTokens", "16", true,
            "greedy tokens the finisher may write when the budget runs out"),
    COLLABORATION_PROMPT("collaboration_prompt", "spark.hogwild.collaborationPrompt", "default", true,
            "collaboration prompt variant: " + String.join(", ", CollaborationPrompt.names())),
    FAIL_ON_ERROR("fail_on_error", "spark.hogwild.failOnError", "false", false,
            "fail the query on the first row that cannot be solved instead of setting its error field"),
    MODEL("model", "spark.hogwild.model", null, false,
            "GGUF model: a local path, a Hadoop URI (hdfs://, s3a://, file://), a file shipped with --files, or 'demo'"),
    KV_TYPE("kv_type", "spark.hogwild.kvType", "f32", false,
            "KV cache element type: f32, or f16 (half the cache memory per token; its own resident engine)"),
    BATCH_SIZE("batch_size", "spark.hogwild.batchSize", "32", false, "rows per Arrow batch handed to the engine");

    /** The order of options given by position after the prompt: {@code hogwild_solve(prompt, 4, 2048, 'combined', 0.6, 7)}. */
    public static final List<HogwildOption> POSITIONAL = List.of(WORKERS, MAX_STEPS, LAYOUT, TEMPERATURE, SEED);

    private final String sqlName;
    private final String confKey;
    private final String defaultValue;
    private final boolean perRow;
    private final String doc;

    HogwildOption(String sqlName, String confKey, String defaultValue, boolean perRow, String doc) {
        this.sqlName = sqlName;
        this.confKey = confKey;
        this.defaultValue = defaultValue;
        this.perRow = perRow;
        this.doc = doc;
    }

    public String sqlName() {
        return sqlName;
    }

    public String confKey() {
        return confKey;
    }

    /** The built-in default when neither the call nor the conf gives one (null: none). */
    public String defaultValue() {
        return defaultValue;
    }

    /** Whether a column may give this option a different value per row. */
    public boolean perRow() {
        return perRow;
    }

    public String doc() {
        return doc;
    }

    /** The option with this SQL name (case-insensitive), or null. */
    public static HogwildOption bySqlName(String name) {
        if (name == null) return null;
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (HogwildOption o : values()) {
            if (o.sqlName.equals(n)) return o;
        }
        return null;
    }

    public static List<String> sqlNames() {
        List<String> names = new ArrayList<>();
        for (HogwildOption o : values()) names.add(o.sqlName);
        return names;
    }

    /**
     * Checks one value on its own and returns it normalised; throws IllegalArgumentException with a message
     * fit for users. Combinations (worker names vs workers) are checked by {@link OptionValues}.
     */
    public String check(String raw) {
        if (raw == null) throw new IllegalArgumentException(sqlName + " must not be null");
        String v = raw.trim();
        switch (this) {
            case WORKERS -> intIn(v, 1, SolveOptions.MAX_WORKERS);
            case MAX_STEPS -> intIn(v, 1, Integer.MAX_VALUE);
            case TOP_K, QUICK_CHECK_INTERVAL, FINISHER_TOKENS -> intIn(v, 0, Integer.MAX_VALUE);
            case BATCH_SIZE -> intIn(v, 1, 1 << 16);
            case SEED -> {
                try {
                    Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(sqlName + " must be a whole number, got '" + raw + "'");
                }
            }
            case TEMPERATURE -> floatIn(v, 0, false, 100, true);
            case TOP_P -> floatIn(v, 0, true, 1, true);
            case MIN_P -> floatIn(v, 0, false, 1, false);
            case LAYOUT -> v = Layout.parse(v).name().toLowerCase(Locale.ROOT);
            case FAIL_ON_ERROR -> {
                String b = v.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    throw new IllegalArgumentException(sqlName + " must be true or false, got '" + raw + "'");
                }
                v = b;
            }
            case COLLABORATION_PROMPT -> CollaborationPrompt.named(v);
            case WORKER_NAMES -> v = String.join(",", WorkerNames.validate(splitNames(v), splitNames(v).size()));
            case MODEL -> {
                if (v.isEmpty()) throw new IllegalArgumentException("model must not be empty");
            }
            case KV_TYPE -> v = KvType.parse(v).optionName();
        }
        return v;
    }

    static List<String> splitNames(String v) {
        List<String> names = new ArrayList<>();
        for (String s : v.split(",", -1)) names.add(s.trim());
        return names;
    }

    private void intIn(String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sqlName + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(sqlName + " must be " + (max == Integer.MAX_VALUE ? ">= " + min : "in " + min + ".." + max)
                    + ", got " + v);
        }
    }

    private void floatIn(String v, double min, boolean minOpen, double max, boolean maxClosed) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sqlName + " must be a number, got '" + v + "'");
        }
        boolean ok = !Double.isNaN(d) && (minOpen ? d > min : d >= min) && (maxClosed ? d <= max : d < max);
        if (!ok) {
            throw new IllegalArgumentException(sqlName + " must be in " + (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max)
                    + (maxClosed ? "]" : ")") + ", got " + v);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return sqlName;
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(HogwildOption::sqlName).toList());
    }
}
