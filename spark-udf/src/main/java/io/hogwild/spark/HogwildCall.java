package io.hogwild.spark;

import static io.hogwild.spark.HogwildAnalysisException.DUPLICATE_OPTION;
import static io.hogwild.spark.HogwildAnalysisException.INVALID_CONF;
import static io.hogwild.spark.HogwildAnalysisException.INVALID_OPTION;
import static io.hogwild.spark.HogwildAnalysisException.UNKNOWN_OPTION;
import static io.hogwild.spark.HogwildAnalysisException.WRONG_ARGUMENTS;

import io.hogwild.spark.exec.EngineFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StringType;
import scala.Option;

/**
 * A checked {@code hogwild_solve} call: constant options merged over the Spark conf defaults, plus the expressions
 * the operator must compute per row (the prompt, options taken from columns, an options map from a column).
 * Every problem is reported as a {@link HogwildAnalysisException} naming the option.
 */
public record HogwildCall(SolveSpec spec, List<Expression> inputs) {

    /** The name an options map may be passed under, besides positionally. */
    public static final String OPTIONS_ARG = "options";

    /** Checks {@code call} (whose arguments are resolved) against the session conf {@code conf}. */
    public static HogwildCall parse(HogwildSolve call, SQLConf conf) {
        List<Expression> args = call.arguments();
        Expression prompt = unwrapPrompt(args.get(0));
        DataType pt = prompt.dataType();
        if (pt instanceof NullType) {
            prompt = cast(prompt, DataTypes.StringType);
        } else if (!(pt instanceof StringType)) {
            throw HogwildAnalysisException.raise(WRONG_ARGUMENTS, "the prompt (first argument) must be a STRING, got "
                    + pt.sql() + " (" + prompt.sql() + "); CAST it to STRING");
        }

        OptionValues values = defaults(conf);
        EnumMap<HogwildOption, Expression> named = new EnumMap<>(HogwildOption.class);
        Expression map = null;
        int positional = 0;
        boolean sawNamed = false;
        for (int i = 1; i < args.size(); i++) {
            Expression a = args.get(i);
            if (a instanceof NamedArgumentExpression n) {
                sawNamed = true;
                String key = n.key();
                if (key.toLowerCase(Locale.ROOT).equals(OPTIONS_ARG)) {
                    map = setMap(map, n.value());
                    continue;
                }
                HogwildOption o = HogwildOption.bySqlName(key);
                if (o == null) throw unknown(key, "named argument");
                if (named.put(o, n.value()) != null) {
                    throw HogwildAnalysisException.raise(DUPLICATE_OPTION, "option " + o.sqlName() + " is given more than once");
                }
            } else {
                if (sawNamed) {
                    throw HogwildAnalysisException.raise(WRONG_ARGUMENTS, "positional argument " + (i + 1) + " (" + a.sql()
                            + ") follows a named argument; put positional arguments first");
                }
                if (a.dataType() instanceof MapType) {
                    map = setMap(map, a);
                    continue;
                }
                if (positional >= HogwildOption.POSITIONAL.size()) {
                    throw HogwildAnalysisException.raise(WRONG_ARGUMENTS, "hogwild_solve takes at most "
                            + HogwildOption.POSITIONAL.size() + " positional options after the prompt ("
                            + String.join(", ", HogwildOption.POSITIONAL.stream().map(HogwildOption::sqlName).toList())
                            + "); name the others, e.g. top_p => 0.9");
                }
                HogwildOption o = HogwildOption.POSITIONAL.get(positional++);
                if (named.put(o, a) != null) {
                    throw HogwildAnalysisException.raise(DUPLICATE_OPTION, "option " + o.sqlName() + " is given more than once");
                }
            }
        }

        List<Expression> inputs = new ArrayList<>();
        inputs.add(prompt);
        boolean rowMap = false;
        // map entries first: named arguments override them
        if (map != null) {
            if (map.foldable()) {
                for (Map.Entry<String, String> e : constantMap(map).entrySet()) {
                    HogwildOption o = HogwildOption.bySqlName(e.getKey());
                    if (o == null) throw unknown(e.getKey(), "options map key");
                    values = given(values, o, e.getValue());
                }
            } else {
                rowMap = true;
            }
        }
        List<HogwildOption> rowOptions = new ArrayList<>();
        List<Expression> rowInputs = new ArrayList<>();
        for (Map.Entry<HogwildOption, Expression> e : named.entrySet()) {
            HogwildOption o = e.getKey();
            Expression v = e.getValue();
            checkValueType(o, v.dataType(), v);
            if (v.foldable()) {
                values = given(values, o, text(v.eval(null), v.dataType()));
            } else if (!o.perRow()) {
                throw HogwildAnalysisException.raise(INVALID_OPTION, "option " + o.sqlName() + " must be a constant, got "
                        + v.sql() + " (it chooses the engine or the execution, so all rows share it)");
            } else {
                rowOptions.add(o);
                rowInputs.add(v.dataType() instanceof StringType ? v : cast(v, DataTypes.StringType));
            }
        }
        inputs.addAll(rowInputs);
        if (rowMap) {
            MapType stringMap = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
            inputs.add(map.dataType().sameType(stringMap) ? map : cast(map, stringMap));
        }
        if (values.model() == null) {
            throw HogwildAnalysisException.raise(INVALID_OPTION, "no model: pass model => '...' or set "
                    + HogwildOption.MODEL.confKey() + " (a GGUF path, an hdfs:// / s3a:// / file:// URI, a file shipped with --files, or 'demo')");
        }
        if (rowOptions.isEmpty() && !rowMap) {
            try {
                values.solveOptions();
            } catch (IllegalArgumentException e) {
                throw HogwildAnalysisException.raise(INVALID_OPTION, e.getMessage());
            }
        }
        int inFlight = (int) confLong(conf, SolveSpec.BATCHES_IN_FLIGHT_KEY, 2, 1, 64);
        return new HogwildCall(new SolveSpec(values, rowOptions, rowMap, engine(values.model(), values.kvType(), conf), inFlight),
                inputs);
    }

    private static Expression unwrapPrompt(Expression first) {
        if (first instanceof NamedArgumentExpression n) {
            if (!n.key().equalsIgnoreCase("prompt")) {
                throw HogwildAnalysisException.raise(WRONG_ARGUMENTS, "the first argument must be the prompt, got the named argument "
                        + n.key() + " => ...");
            }
            return n.value();
        }
        return first;
    }

    private static Expression setMap(Expression current, Expression map) {
        if (current != null) {
            throw HogwildAnalysisException.raise(WRONG_ARGUMENTS, "only one options map may be given, got " + current.sql()
                    + " and " + map.sql());
        }
        DataType t = map.dataType();
        if (!(t instanceof MapType mt) || !(mt.keyType() instanceof StringType)
                || !(mt.valueType() instanceof AtomicType || mt.valueType() instanceof NullType)) {
            throw HogwildAnalysisException.raise(WRONG_ARGUMENTS, "the options map must be a MAP<STRING, STRING>, got "
                    + t.sql() + " (" + map.sql() + ")");
        }
        return map;
    }

    private static void checkValueType(HogwildOption o, DataType t, Expression v) {
        if (!(t instanceof AtomicType) && !(t instanceof NullType) || t instanceof BinaryType) {
            throw HogwildAnalysisException.raise(INVALID_OPTION, "option " + o.sqlName() + " takes a string, number or boolean, got "
                    + t.sql() + " (" + v.sql() + ")");
        }
    }

    private static OptionValues given(OptionValues values, HogwildOption o, String text) {
        if (text == null) {
            throw HogwildAnalysisException.raise(INVALID_OPTION, "option " + o.sqlName() + " must not be NULL");
        }
        try {
            return values.checkedGiven(o, text);
        } catch (IllegalArgumentException e) {
            throw HogwildAnalysisException.raise(INVALID_OPTION, "invalid option " + o.sqlName() + " => '" + text + "': " + e.getMessage());
        }
    }

    private static RuntimeException unknown(String key, String where) {
        String suggestion = HogwildOption.sqlNames().stream()
                .min(Comparator.comparingInt(n -> distance(n, key.toLowerCase(Locale.ROOT))))
                .filter(n -> distance(n, key.toLowerCase(Locale.ROOT)) <= 3)
                .map(n -> " Did you mean " + n + "?").orElse("");
        return HogwildAnalysisException.raise(UNKNOWN_OPTION, "hogwild_solve has no option '" + key + "' (" + where + ")."
                + suggestion + " Options: " + HogwildOption.known() + ".");
    }

    /** Built-in defaults overridden by spark.hogwild.* entries of the session conf. */
    public static OptionValues defaults(SQLConf conf) {
        OptionValues v = OptionValues.builtIn();
        for (HogwildOption o : HogwildOption.values()) {
            String raw = conf.getConfString(o.confKey(), null);
            if (raw == null) continue;
            try {
                v = v.withDefault(o, o.check(raw));
            } catch (IllegalArgumentException e) {
                throw HogwildAnalysisException.raise(INVALID_CONF, o.confKey() + "=" + raw + " is not usable: " + e.getMessage());
            }
        }
        return v;
    }

    /** Engine settings from the session conf (the KV cache type too: spark.hogwild.kvType, default f32). */
    public static EngineSpec engine(String model, SQLConf conf) {
        return engine(model, defaults(conf).kvType(), conf);
    }

    /** Engine settings from the session conf, with the KV cache type {@code kvType} (checked: "f32" or "f16"). */
    public static EngineSpec engine(String model, String kvType, SQLConf conf) {
        String backend = conf.getConfString(EngineSpec.BACKEND_KEY, "cpu").trim().toLowerCase(Locale.ROOT);
        if (!EngineFactory.BACKENDS.contains(backend)) {
            throw HogwildAnalysisException.raise(INVALID_CONF, EngineSpec.BACKEND_KEY + "=" + backend + " is not a backend; known: "
                    + String.join(", ", EngineFactory.BACKENDS));
        }
        int threads = (int) confLong(conf, EngineSpec.THREADS_KEY, 0, 0, 4096);
        long kvMb = confLong(conf, EngineSpec.KV_CACHE_MB_KEY, 0, 0, 1L << 30);
        int maxBatch = (int) confLong(conf, EngineSpec.MAX_BATCH_TOKENS_KEY, EngineSpec.DEFAULT_MAX_BATCH_TOKENS, 64, 1 << 20);
        String cacheDir = conf.getConfString(EngineSpec.MODEL_CACHE_DIR_KEY, null);
        return new EngineSpec(model, backend, threads, kvMb << 20, maxBatch, cacheDir, kvType);
    }

    private static long confLong(SQLConf conf, String key, long dflt, long min, long max) {
        String raw = conf.getConfString(key, null);
        if (raw == null) return dflt;
        try {
            long v = Long.parseLong(raw.trim());
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw HogwildAnalysisException.raise(INVALID_CONF, key + "=" + raw + " must be a whole number in " + min + ".." + max);
        }
    }

    /** Text of a constant value of an atomic type (UTF8String, numbers, booleans, decimals). */
    static String text(Object value, DataType type) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> constantMap(Expression map) {
        MapData m = (MapData) map.eval(null);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (m == null) return out;
        MapType t = (MapType) map.dataType();
        ArrayData keys = m.keyArray();
        ArrayData vals = m.valueArray();
        for (int i = 0; i < m.numElements(); i++) {
            String k = keys.get(i, t.keyType()).toString();
            Object v = vals.isNullAt(i) ? null : vals.get(i, t.valueType());
            out.put(k, text(v, t.valueType()));
        }
        return out;
    }

    private static Expression cast(Expression e, DataType to) {
        return new Cast(e, to, Option.empty(), EvalMode.fromSQLConf(SQLConf.get()));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
