package io.hogwild.spark;

import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.modelfile.ModelFactory;
import io.hogwild.engine.modelfile.ModelSpec;
import io.hogwild.kernels.ggml.GgmlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session (local[2]) with the extension, shared by every test class of the JVM, and a tiny generated
 * Qwen3-architecture model (1 layer, dim 16, the real Qwen3 tokenizer) set as spark.hogwild.model.
 */
public final class TestSpark {
    /** Small enough that a problem of a few steps takes milliseconds, real enough to run every engine path. */
    public static final ModelSpec TINY = new ModelSpec(Architecture.QWEN3, 1, 16, 2, 1, 16, 32, 0, "qwen3", GgmlType.F32,
            7L, 4096, 10000.0, true);

    private static SparkSession spark;
    private static Path dir;
    private static Path model;

    private TestSpark() {}

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("hogwild-spark-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    public static synchronized Path model() {
        if (model == null) {
            Path p = dir().resolve("tiny.gguf");
            ModelFactory.write(TINY, p);
            model = p;
        }
        return model;
    }

    /** Runs {@code body} with session conf entries set, restoring the previous values (or their absence) after. */
    public static void withConf(java.util.Map<String, String> entries, Runnable body) {
        SparkSession s = spark();
        java.util.Map<String, String> before = new java.util.HashMap<>();
        for (String k : entries.keySet()) before.put(k, s.conf().getOption(k).getOrElse(() -> null));
        try {
            entries.forEach((k, v) -> s.conf().set(k, v));
            body.run();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) s.conf().unset(k);
                else s.conf().set(k, v);
            });
        }
    }

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("hogwild-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.extensions", HogwildExtensions.class.getName())
                    .config("spark.hogwild.model", model().toString())
                    .config("spark.hogwild.kvCacheMb", "256")
                    .config("spark.hogwild.maxSteps", "6")
                    .config("spark.hogwild.finisherTokens", "2")
                    .getOrCreate();
        }
        return spark;
    }
}
