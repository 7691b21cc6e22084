package io.hogwild.jobs.spark;

import static org.apache.spark.sql.functions.col;

import io.hogwild.spark.HogwildExtensions;
import io.hogwild.spark.HogwildFunctions;
import io.hogwild.spark.exec.HogwildRowException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The batch job: reads a table of problems (JSONL, Parquet or CSV), solves each prompt with {@code hogwild_solve},
 * writes the rows with a {@code result} struct appended (Parquet or JSONL), and prints a summary.
 *
 * <pre>
 * spark-submit --class io.hogwild.jobs.spark.SolveJob hogwild-jobs-*-spark.jar \
 *     --input problems.jsonl --output results/ --model hdfs:///models/qwq-32b-q4_k.gguf --workers 4
 * ./hogwild job --input samples/problems.jsonl --output /tmp/results --model demo    # embedded local[*] Spark
 * </pre>
 * With no master (neither spark-submit's nor {@code --master}) it starts an embedded {@code local[*]} Spark.
 */
@Command(name = "job", mixinStandardHelpOptions = true, version = "hogwild-spark 0.1.0",
        description = "Solve a table of problems with Hogwild! Inference on Spark: read JSONL/Parquet/CSV, write Parquet/JSONL, "
                + "print a summary. Without a master it runs on an embedded local[*] Spark.")
public final class SolveJob implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, description = "input file or directory (local path or Hadoop URI)")
    String input;

    @Option(names = "--input-format", defaultValue = "auto", description = "auto (by extension), jsonl, parquet or csv")
    String inputFormat;

    @Option(names = "--prompt-column", defaultValue = "prompt", description = "column holding the problem text (default ${DEFAULT-VALUE})")
    String promptColumn;

    @Option(names = {"-o", "--output"}, required = true, description = "output directory (Spark writes part files into it)")
    String output;

    @Option(names = "--output-format", defaultValue = "parquet", description = "parquet or jsonl (default ${DEFAULT-VALUE})")
    String outputFormat;

    @Option(names = "--mode", defaultValue = "error", description = "error (fail if the output exists) or overwrite")
    String mode;

    @Option(names = "--result-column", defaultValue = "result", description = "name of the appended struct column")
    String resultColumn;

    @Option(names = {"-m", "--model"}, description = "GGUF path, Hadoop URI, --files name or 'demo' "
            + "(default: spark.hogwild.model, else 'demo' on an embedded Spark)")
    String model;

    @Option(names = {"-w", "--workers"}, description = "workers per problem, 1..8")
    Integer workers;

    @Option(names = "--max-steps", description = "budget of sequential forward passes per problem")
    Integer maxSteps;

    @Option(names = "--layout", description = "combined, interleaved or contiguous")
    String layout;

    @Option(names = "--temperature", description = "sampling temperature (0 = greedy)")
    String temperature;

    @Option(names = "--seed", description = "base seed (each row's seed also depends on its prompt)")
    Long seed;

    @Option(names = "--batch-size", description = "rows per engine batch")
    Integer batchSize;

    @Option(names = "--fail-on-error", description = "fail the job on the first row that cannot be solved")
    boolean failOnError;

    @Option(names = "--option", paramLabel = "NAME=VALUE", description = "any other hogwild_solve option (repeatable), e.g. top_p=0.9")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--partitions", description = "repartition the input into N partitions (tasks) before solving")
    Integer partitions;

    @Option(names = "--limit", description = "solve only the first N rows")
    Integer limit;

    @Option(names = "--master", description = "Spark master when not launched by spark-submit (default local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark conf entry (repeatable), e.g. spark.hogwild.threads=8")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--summary-json", description = "also write the summary as JSON to this local file")
    Path summaryJson;

    private final PrintStream out;

    /** For registering the job as a picocli subcommand ({@code ./hogwild job ...}); prints to standard output. */
    public SolveJob() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    SolveJob(PrintStream out) {
        this.out = out;
    }

    /** spark-submit entry point. */
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) System.exit(code);
    }

    /** Runs the job without exiting the JVM; 0 on success, 1 when the job failed, 2 on bad arguments. */
    public static int run(String... args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new SolveJob(out));
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println("error: " + firstLine(e));
            if (System.getenv("HOGWILD_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        String inFormat = inputFormat(input, inputFormat);
        String outFormat = switch (outputFormat.toLowerCase(Locale.ROOT)) {
            case "parquet" -> "parquet";
            case "jsonl", "json" -> "json";
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--output-format must be parquet or jsonl, got " + outputFormat);
        };
        SaveMode saveMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "error", "errorifexists", "fail" -> SaveMode.ErrorIfExists;
            case "overwrite" -> SaveMode.Overwrite;
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--mode must be error or overwrite, got " + mode);
        };

        boolean embedded = master == null && System.getProperty("spark.master") == null;
        if (embedded && System.getProperty("log4j2.configurationFile") == null
                && SolveJob.class.getResource("/hogwild-log4j2.properties") != null) {
            System.setProperty("log4j2.configurationFile", "classpath:hogwild-log4j2.properties");
        }
        boolean hadSession = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = session(embedded);
        try {
            return solve(spark, inFormat, outFormat, saveMode, embedded);
        } finally {
            if (!hadSession) spark.stop();
        }
    }

    private SparkSession session(boolean embedded) {
        SparkConf sc = new SparkConf();
        sc.setAppName(sc.get("spark.app.name", "hogwild-solve"));
        if (master != null) sc.setMaster(master);
        else if (embedded) sc.setMaster("local[*]");
        String ext = HogwildExtensions.class.getName();
        String existing = sc.get("spark.sql.extensions", "");
        if (!Arrays.asList(existing.split(",")).contains(ext)) {
            sc.set("spark.sql.extensions", existing.isBlank() ? ext : existing + "," + ext);
        }
        conf.forEach(sc::set);
        SparkSession spark = SparkSession.builder().config(sc).getOrCreate();
        conf.forEach((k, v) -> spark.conf().set(k, v)); // also when a session already existed
        return spark;
    }

    private int solve(SparkSession spark, String inFormat, String outFormat, SaveMode saveMode, boolean embedded) throws Exception {
        Dataset<Row> problems = switch (inFormat) {
            case "json" -> spark.read().json(input);
            case "parquet" -> spark.read().parquet(input);
            case "csv" -> spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"").csv(input);
            default -> throw new IllegalStateException(inFormat);
        };
        List<String> columns = Arrays.asList(problems.columns());
        if (!columns.contains(promptColumn)) {
            throw new IllegalArgumentException("the input has no column '" + promptColumn + "' (columns: " + String.join(", ", columns)
                    + "); choose one with --prompt-column");
        }
        if (columns.contains(resultColumn)) {
            throw new IllegalArgumentException("the input already has a column '" + resultColumn + "'; choose another --result-column");
        }
        if (limit != null) problems = problems.limit(limit);
        if (partitions != null) problems = problems.repartition(partitions);

        Map<String, String> opts = new LinkedHashMap<>(options);
        String chosenModel = model != null ? model : spark.conf().getOption("spark.hogwild.model").getOrElse(() -> embedded ? "demo" : null);
        if (chosenModel == null) throw new IllegalArgumentException("no model: pass --model (or set spark.hogwild.model)");
        opts.put("model", chosenModel);
        if (workers != null) opts.put("workers", workers.toString());
        if (maxSteps != null) opts.put("max_steps", maxSteps.toString());
        if (layout != null) opts.put("layout", layout);
        if (temperature != null) opts.put("temperature", temperature);
        if (seed != null) opts.put("seed", seed.toString());
        if (batchSize != null) opts.put("batch_size", batchSize.toString());
        if (failOnError) opts.put("fail_on_error", "true");

        Column prompt = col(promptColumn);
        if (!(problems.schema().apply(promptColumn).dataType() instanceof StringType)) prompt = prompt.cast(DataTypes.StringType);
        Dataset<Row> solved = problems.withColumn(resultColumn, HogwildFunctions.hogwild_solve(prompt, opts)); // options checked here

        if ("demo".equals(chosenModel)) out.println("hogwild job: using the demo model (random weights: the text is meaningless)");
        out.printf("hogwild job: %s (%s) -> %s (%s), model %s, master %s%n", input, inFormat, output,
                outFormat.equals("json") ? "jsonl" : outFormat, chosenModel, spark.sparkContext().master());
        long t0 = System.nanoTime();
        solved.write().mode(saveMode).format(outFormat).save(output);
        double seconds = (System.nanoTime() - t0) / 1e9;

        Dataset<Row> written = outFormat.equals("json")
                ? spark.read().schema(solved.schema()).json(output)
                : spark.read().parquet(output);
        Summary s = Summary.of(written, resultColumn, seconds);
        s.print(out, output);
        if (summaryJson != null) {
            if (summaryJson.getParent() != null) Files.createDirectories(summaryJson.getParent());
            Files.writeString(summaryJson, s.toJson());
        }
        return 0;
    }

    /** The format to read {@code path} with: the given one, else from the extension (of the path or its first file). */
    static String inputFormat(String path, String given) {
        String g = given.toLowerCase(Locale.ROOT);
        switch (g) {
            case "jsonl", "json", "ndjson":
                return "json";
            case "parquet", "csv":
                return g;
            case "auto":
                break;
            default:
                throw new IllegalArgumentException("--input-format must be auto, jsonl, parquet or csv, got " + given);
        }
        String name = path.toLowerCase(Locale.ROOT);
        Path local = name.contains("://") ? null : Path.of(path);
        if (local != null && Files.isDirectory(local)) {
            try (var files = Files.list(local)) {
                name = files.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
                        .filter(f -> !f.startsWith(".") && !f.startsWith("_")).findFirst().orElse(name);
            } catch (java.io.IOException e) {
                // fall through to the path's own name
            }
        }
        for (String ext : List.of(".gz", ".bz2", ".zst", ".snappy")) {
            if (name.endsWith(ext) && !name.endsWith(".parquet" + ext)) name = name.substring(0, name.length() - ext.length());
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) return "json";
        if (name.endsWith(".parquet")) return "parquet";
        if (name.endsWith(".csv")) return "csv";
        throw new IllegalArgumentException("cannot tell the format of " + path + " from its name; pass --input-format jsonl|parquet|csv");
    }

    /** The message a user needs: a failed row's own message rather than Spark's task-failure wrapping, first line only. */
    static String firstLine(Throwable e) {
        Throwable t = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HogwildRowException) t = c;
        }
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage() != null ? t.getMessage() : t.toString();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
