package io.hogwild.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on a small generated model. */
class CliTest {
    @TempDir
    static Path dir;
    static Path model;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = HogwildCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @BeforeAll
    static void makeModel() {
        model = dir.resolve("tiny.gguf");
        Run r = run("make-model", "--arch", "qwen3", "--layers", "2", "--dim", "64", "--heads", "4", "--kv-heads", "2",
                "--head-dim", "32", "--ffn", "128", "--tokenizer", "qwen3", "--type", "q8_0", "--seed", "5", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void infoDescribesTheFile() {
        Run r = run("info", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("qwen3"), r.out());
        assertTrue(r.out().contains("blk.1.ffn_down.weight"), r.out());
        assertTrue(r.out().contains("Q8_0"), r.out());
    }

    @Test
    void everySubcommandTakesHelp() {
        for (String[] cmd : new String[][] {{"bench", "single"}, {"bench", "roofline"}, {"solve"}, {"job"}}) {
            String[] args = Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            Run r = run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: hogwild " + String.join(" ", cmd)), r.out());
        }
    }

    @Test
    void tokenizeAndDetokenizeRoundTrip() throws Exception {
        Run t = run("tokenize", "--model", model.toString(), "--text", "Hello, world!");
        assertEquals("[9707,11,1879,0]", t.out().strip());
        Run d = run("detokenize", "--model", model.toString(), "--ids", "[9707,11,1879,0]");
        assertEquals("Hello, world!", d.out().strip());
        Run bad = run("detokenize", "--model", model.toString(), "--ids", "not json");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("JSON array of integers"), bad.err());
    }

    @Test
    void generateJsonIsReproducibleAndReportsSpeed() throws Exception {
        String[] args = {"generate", "--model", model.toString(), "--prompt", "Once upon a time", "-n", "12", "--seed", "3",
                "--ignore-eos", "--json", "--threads", "2"};
        JsonNode a = new ObjectMapper().readTree(run(args).out());
        JsonNode b = new ObjectMapper().readTree(run(args).out());
        assertEquals(12, a.get("ids").size());
        assertEquals(a.get("ids"), b.get("ids"));
        assertEquals(a.get("text"), b.get("text"));
        assertTrue(a.get("decode_tokens_per_s").asDouble() > 0);
        assertEquals("length", a.get("stop").asText());
    }

    @Test
    void logitsAreWrittenAsLittleEndianFloats() throws Exception {
        Path out = dir.resolve("logits.bin");
        Run r = run("logits", "--model", model.toString(), "--tokens", "1,2,3", "--out", out.toString(), "--backend", "scalar");
        assertEquals(0, r.code(), r.err());
        byte[] bytes = Files.readAllBytes(out);
        assertEquals(4 * 151669, bytes.length);
        Path cpu = dir.resolve("logits-cpu.bin");
        run("logits", "--model", model.toString(), "--tokens", "1,2,3", "--out", cpu.toString());
        float[] a = floats(bytes), b = floats(Files.readAllBytes(cpu));
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        assertTrue(max < 1e-3, "scalar and cpu backends agree: " + max);
    }

    @Test
    void kvTypeF16RunsWithAHalfCache() throws Exception {
        // logits through an F16 cache: within half rounding of the float32 cache's, yet not identical
        Path f32 = dir.resolve("logits-f32.bin");
        Path f16 = dir.resolve("logits-f16.bin");
        String prompt = "The quick brown fox jumps over the lazy dog and keeps running";
        assertEquals(0, run("logits", "--model", model.toString(), "--prompt", prompt, "--out", f32.toString()).code());
        Run r = run("logits", "--model", model.toString(), "--prompt", prompt, "--out", f16.toString(), "--kv-type", "f16");
        assertEquals(0, r.code(), r.err());
        float[] a = floats(Files.readAllBytes(f32)), b = floats(Files.readAllBytes(f16));
        double max = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        assertTrue(max > 0, "an F16 cache rounds K/V, so some logit moves");
        assertTrue(max <= 4 * 0x1p-11 * Math.max(1, scale), "f16 vs f32 logits: " + max + " at scale " + scale);

        JsonNode g = new ObjectMapper().readTree(run("generate", "--model", model.toString(), "--prompt", "Once upon a time",
                "-n", "6", "--ignore-eos", "--json", "--kv-type", "F16").out());
        assertEquals("f16", g.get("kv_type").asText());
        assertEquals(6, g.get("ids").size());
        Run solve = run("solve", "--model", model.toString(), "--workers", "2", "--max-steps", "4", "--json", "--kv-type", "f16",
                "What is 2+2?");
        assertEquals(0, solve.code(), solve.err());
        assertEquals(4, new ObjectMapper().readTree(solve.out()).get("trace").get("sequentialSteps").asInt());
    }

    static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[bytes.length / 4];
        for (int i = 0; i < f.length; i++) f[i] = b.getFloat();
        return f;
    }

    @Test
    void solvePrintsTheTraceAsJson() throws Exception {
        Run r = run("solve", "--model", model.toString(), "--workers", "3", "--max-steps", "6", "--json", "What is 2+2?");
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(r.out());
        JsonNode trace = s.get("trace");
        assertEquals(6, trace.get("sequentialSteps").asInt());
        assertEquals(3, trace.get("workers").size());
        assertEquals("Carol", trace.get("workers").get(2).get("name").asText());
        assertEquals("budget", trace.get("stopReason").asText());
        assertTrue(s.get("error").isNull());
    }

    @Test
    void solveShowsWorkersLiveThenTheAnswer() {
        Run r = run("solve", "--model", model.toString(), "--workers", "2", "--max-steps", "4", "What is 2+2?");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Alice │ [1]"), r.out());
        assertTrue(r.out().contains("Bob   │ [1]"), r.out());
        assertTrue(r.out().contains("sequential steps: 4"), r.out());
    }

    @Test
    void badInputGivesOneClearLine() {
        Run missing = run("generate", "--model", dir.resolve("nope.gguf").toString(), "--prompt", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: model file not found"), missing.err());
        Run badType = run("make-model", "--arch", "llama", "--layers", "1", "--dim", "64", "--heads", "4", "--ffn", "64",
                "--vocab-size", "300", "--type", "q5_k", "--out", dir.resolve("x.gguf").toString());
        assertEquals(1, badType.code());
        assertTrue(badType.err().contains("cannot generate weights of type Q5_K"), badType.err());
        Run badLayout = run("solve", "--model", model.toString(), "--layout", "diagonal", "x");
        assertTrue(badLayout.err().contains("unknown layout 'diagonal'"), badLayout.err());
        for (String command : new String[] {"solve", "generate"}) {
            Run badKv = command.equals("solve") ? run("solve", "--model", model.toString(), "--kv-type", "bf16", "x")
                    : run("generate", "--model", model.toString(), "--prompt", "x", "--kv-type", "bf16");
            assertEquals(1, badKv.code(), command);
            assertTrue(badKv.err().startsWith("error: --kv-type: KV cache type must be one of f32, f16, got 'bf16'"), badKv.err());
        }
    }
}
