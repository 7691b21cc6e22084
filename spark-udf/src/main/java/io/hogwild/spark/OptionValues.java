package io.hogwild.spark;

import io.hogwild.engine.hogwild.Layout;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.engine.hogwild.prompt.WorkerNames;
import io.hogwild.engine.sampling.SamplingParams;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Option values in two layers: defaults (built in, then Spark conf) and what the call gave (map entries, then named
 * or positional arguments). Values are kept as checked text so the same code serves constants checked at analysis
 * and values read from columns on executors.
 */
public final class OptionValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EnumMap<HogwildOption, String> defaults;
    private final EnumMap<HogwildOption, String> given;

    private OptionValues(EnumMap<HogwildOption, String> defaults, EnumMap<HogwildOption, String> given) {
        this.defaults = defaults;
        this.given = given;
    }

    /** The built-in defaults only. */
    public static OptionValues builtIn() {
        EnumMap<HogwildOption, String> d = new EnumMap<>(HogwildOption.class);
        for (HogwildOption o : HogwildOption.values()) {
            if (o.defaultValue() != null) d.put(o, o.defaultValue());
        }
        return new OptionValues(d, new EnumMap<>(HogwildOption.class));
    }

    /** A copy whose default for {@code o} is {@code value} (already checked). */
    public OptionValues withDefault(HogwildOption o, String value) {
        EnumMap<HogwildOption, String> d = new EnumMap<>(defaults);
        d.put(o, value);
        return new OptionValues(d, given);
    }

    /** A copy where the call gives {@code o} = {@code value} (already checked); later calls win. */
    public OptionValues withGiven(HogwildOption o, String value) {
        EnumMap<HogwildOption, String> g = new EnumMap<>(given);
        g.put(o, value);
        return new OptionValues(defaults, g);
    }

    /** Checks and applies {@code value} as given by the call; IllegalArgumentException names the option. */
    public OptionValues checkedGiven(HogwildOption o, String value) {
        return withGiven(o, o.check(value));
    }

    public String get(HogwildOption o) {
        String v = given.get(o);
        return v != null ? v : defaults.get(o);
    }

    public boolean isGiven(HogwildOption o) {
        return given.containsKey(o);
    }

    public Map<HogwildOption, String> givenValues() {
        return Map.copyOf(given);
    }

    public String model() {
        return get(HogwildOption.MODEL);
    }

    /** The KV cache element type ("f32" or "f16", checked). */
    public String kvType() {
        return get(HogwildOption.KV_TYPE);
    }

    public boolean failOnError() {
        return Boolean.parseBoolean(get(HogwildOption.FAIL_ON_ERROR));
    }

    public int batchSize() {
        return Integer.parseInt(get(HogwildOption.BATCH_SIZE));
    }

    public long seed() {
        return Long.parseLong(get(HogwildOption.SEED));
    }

    /**
     * The engine settings these values describe (the seed is the base seed; callers derive each row's own).
     * Checks the combinations: worker names decide the number of workers unless the call gave both, which must agree.
     */
    public SolveOptions solveOptions() {
        String namesText = get(HogwildOption.WORKER_NAMES);
        int workers = Integer.parseInt(get(HogwildOption.WORKERS));
        List<String> names;
        if (namesText != null) {
            List<String> split = HogwildOption.splitNames(namesText);
            // names decide the number of workers unless the call set workers itself
            if (isGiven(HogwildOption.WORKERS) && split.size() != workers) {
                throw new IllegalArgumentException("worker_names has " + split.size() + " names but workers is " + workers);
            }
            names = WorkerNames.validate(split, split.size());
        } else {
            names = WorkerNames.defaults(workers);
        }
        SamplingParams sampling = new SamplingParams(Float.parseFloat(get(HogwildOption.TEMPERATURE)),
                Integer.parseInt(get(HogwildOption.TOP_K)), Float.parseFloat(get(HogwildOption.TOP_P)),
                Float.parseFloat(get(HogwildOption.MIN_P)), seed());
        return SolveOptions.defaults(names.size()).withWorkers(names)
                .withLayout(Layout.parse(get(HogwildOption.LAYOUT)))
                .withMaxSteps(Integer.parseInt(get(HogwildOption.MAX_STEPS)))
                .withSampling(sampling)
                .withQuickCheckInterval(Integer.parseInt(get(HogwildOption.QUICK_CHECK_INTERVAL)))
                .withFinisherTokens(Integer.parseInt(get(HogwildOption.FINISHER_TOKENS)))
                .withPrompt(get(HogwildOption.COLLABORATION_PROMPT), false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionValues v && v.defaults.equals(defaults) && v.given.equals(given);
    }

    @Override
    public int hashCode() {
        return defaults.hashCode() * 31 + given.hashCode();
    }

    @Override
    public String toString() {
        return "OptionValues{defaults=" + defaults + ", given=" + given + "}";
    }
}
