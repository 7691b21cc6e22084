package io.hogwild.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.modelfile.ModelFactory;
import io.hogwild.engine.modelfile.ModelSpec;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.spark.HogwildExtensions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The solve job end to end on a local Spark with a tiny generated model: JSONL to Parquet, CSV to JSONL, bad input. */
class SolveJobTest {
    @TempDir
    static Path dir;
    static Path model;
    static SparkSession spark;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() {
        model = dir.resolve("tiny.gguf");
        ModelFactory.write(new ModelSpec(Architecture.QWEN3, 1, 16, 2, 1, 16, 32, 0, "qwen3", GgmlType.F32, 7L, 4096, 10000.0, true), model);
        spark = SparkSession.builder().master("local[2]").appName("hogwild-job-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.extensions", HogwildExtensions.class.getName())
                .getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    record Run(int code, String out, String err) {}

    static Run job(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = SolveJob.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void jsonlToParquetWithSummaryAndOverwrite() throws Exception {
        Path in = dir.resolve("problems.jsonl");
        Files.writeString(in, """
                {"id": 1, "prompt": "What is 6 times 7?"}
                {"id": 2, "prompt": "Name the largest prime below 20."}
                {"id": 3, "prompt": null}
                {"id": 4, "prompt": ""}
                {"id": 5, "prompt": "Is 2 to the 10th above one thousand?", "extra": "kept"}
                """);
        Path out = dir.resolve("out-parquet");
        Path summary = dir.resolve("summary.json");
        Run r = job("--input", in.toString(), "--output", out.toString(), "--model", model.toString(), "--workers", "2",
                "--max-steps", "3", "--option", "finisher_tokens=2", "--partitions", "2", "--summary-json", summary.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hogwild job: 5 rows in"), r.out());
        assertTrue(r.out().contains("errors 1, null prompts 1"), r.out());
        assertTrue(r.out().contains("first error: the problem is empty"), r.out());

        List<Row> rows = spark.read().parquet(out.toString()).orderBy("id").collectAsList();
        assertEquals(5, rows.size(), "one output row per input row");
        assertEquals(List.of("extra", "id", "prompt", "result"), Stream.of(rows.get(0).schema().fieldNames()).sorted().toList());
        for (int i : new int[] {0, 1, 4}) {
            Row res = rows.get(i).getAs("result");
            assertNull(res.getAs("error"));
            assertEquals(3, (int) res.getAs("steps"));
            assertEquals(2, res.getList(res.fieldIndex("workers")).size());
        }
        assertNull(rows.get(2).getAs("result"));
        assertEquals("the problem is empty", rows.get(3).<Row>getAs("result").getAs("error"));
        assertEquals("kept", rows.get(4).getAs("extra"));

        JsonNode s = JSON.readTree(summary.toFile());
        assertEquals(5, s.get("rows").asInt());
        assertEquals(3, s.get("solved").asInt());
        assertEquals(1, s.get("errors").asInt());
        assertEquals(1, s.get("null_prompts").asInt());
        long tokens = 0;
        for (int i : new int[] {0, 1, 4}) tokens += rows.get(i).<Row>getAs("result").<Integer>getAs("tokens");
        assertEquals(tokens, s.get("tokens").asLong());

        Run again = job("--input", in.toString(), "--output", out.toString(), "--model", model.toString(), "--max-steps", "2");
        assertEquals(1, again.code(), "fails if the output exists");
        assertTrue(again.err().contains("already exists"), again.err());
        Run overwrite = job("--input", in.toString(), "--output", out.toString(), "--model", model.toString(), "--max-steps", "2",
                "--mode", "overwrite");
        assertEquals(0, overwrite.code(), overwrite.err());
        assertEquals(2, (int) spark.read().parquet(out.toString()).where("id = 1").first().<Row>getAs("result").getAs("steps"));
    }

    @Test
    void csvToJsonlWithAnotherPromptColumn() throws Exception {
        Path in = dir.resolve("questions.csv");
        Files.writeString(in, "qid,question\n"
                + "a,\"What is 3, plus 4?\"\n"
                + "b,\"A question\nover two lines?\"\n"
                + "c,Why is the sky blue?\n");
        Path out = dir.resolve("out-jsonl");
        Run r = job("--input", in.toString(), "--prompt-column", "question", "--output", out.toString(), "--output-format", "jsonl",
                "--model", model.toString(), "--max-steps", "2", "--workers", "3", "--temperature", "0");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) if (!line.isBlank()) lines.add(JSON.readTree(line));
            }
        }
        assertEquals(3, lines.size());
        lines.sort((x, y) -> x.get("qid").asText().compareTo(y.get("qid").asText()));
        assertEquals("What is 3, plus 4?", lines.get(0).get("question").asText());
        assertEquals("A question\nover two lines?", lines.get(1).get("question").asText());
        for (JsonNode l : lines) {
            JsonNode res = l.get("result");
            assertEquals(2, res.get("steps").asInt());
            assertEquals(3, res.get("workers").size());
            assertEquals("Carol", res.get("workers").get(2).get("name").asText());
            assertTrue(res.get("text").asText().contains("**Alice [1]:**"));
        }
    }

    @Test
    void theShippedSampleFileRuns() throws Exception {
        Path sample = Path.of("..", "samples", "problems.jsonl");
        assertTrue(Files.isRegularFile(sample), "samples/problems.jsonl at the repository root");
        Path out = dir.resolve("out-sample");
        Run r = job("--input", sample.toString(), "--output", out.toString(), "--model", model.toString(), "--max-steps", "2",
                "--output-format", "jsonl", "--batch-size", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hogwild job: 12 rows"), r.out());
        assertTrue(r.out().contains("errors 0, null prompts 0"), r.out());
    }

    @Test
    void badInputIsReportedInOneLine() throws Exception {
        Path in = dir.resolve("noprompt.jsonl");
        Files.writeString(in, "{\"text\": \"hello\"}\n");
        Run missing = job("--input", in.toString(), "--output", dir.resolve("x1").toString(), "--model", model.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("the input has no column 'prompt' (columns: text)"), missing.err());

        Run badOption = job("--input", in.toString(), "--prompt-column", "text", "--output", dir.resolve("x2").toString(),
                "--model", model.toString(), "--option", "wokers=2");
        assertEquals(1, badOption.code());
        assertTrue(badOption.err().contains("[HOGWILD_UNKNOWN_OPTION]"), badOption.err());
        assertTrue(badOption.err().contains("Did you mean workers?"), badOption.err());

        Run badValue = job("--input", in.toString(), "--prompt-column", "text", "--output", dir.resolve("x3").toString(),
                "--model", model.toString(), "--workers", "12");
        assertEquals(1, badValue.code());
        assertTrue(badValue.err().contains("workers must be in 1..8, got 12"), badValue.err());

        Run format = job("--input", dir.resolve("data.txt").toString(), "--output", dir.resolve("x4").toString());
        assertEquals(1, format.code());
        assertTrue(format.err().contains("pass --input-format"), format.err());

        Run usage = job("--output", dir.resolve("x5").toString());
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("Missing required option: '--input=<input>'"), usage.err());
        assertTrue(Files.notExists(dir.resolve("x1")) && Files.notExists(dir.resolve("x2")));
    }

    @Test
    void failOnErrorFailsTheJob() throws Exception {
        Path in = dir.resolve("withempty.jsonl");
        Files.writeString(in, "{\"prompt\": \"fine\"}\n{\"prompt\": \"  \"}\n");
        Run r = job("--input", in.toString(), "--output", dir.resolve("x6").toString(), "--model", model.toString(),
                "--max-steps", "2", "--fail-on-error");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: hogwild_solve could not solve a row and fail_on_error is true: the problem is empty"), r.err());
    }

    @Test
    void formatsFromNames() {
        assertEquals("json", SolveJob.inputFormat("a/b/problems.jsonl", "auto"));
        assertEquals("json", SolveJob.inputFormat("hdfs://nn/x/p.json.gz", "auto"));
        assertEquals("parquet", SolveJob.inputFormat("s3a://b/p.parquet", "auto"));
        assertEquals("csv", SolveJob.inputFormat("p.csv", "auto"));
        assertEquals("csv", SolveJob.inputFormat("anything", "CSV"));
    }
}
