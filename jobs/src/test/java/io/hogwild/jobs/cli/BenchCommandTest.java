package io.hogwild.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roofline, attention and start-up benchmarks at toy size: they run, and their reports hold together. */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void makeModel() {
        model = dir.resolve("toy.gguf");
        CliTest.Run r = CliTest.run("make-model", "--arch", "llama", "--layers", "2", "--dim", "64", "--heads", "4",
                "--kv-heads", "2", "--head-dim", "16", "--ffn", "128", "--vocab-size", "300", "--type", "q8_0",
                "--seed", "5", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    static JsonNode bench(String name, String... args) throws Exception {
        Path out = dir.resolve(name + ".json");
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[] {"bench", name, "--threads", "2", "--bandwidth-mib", "16", "--out", out.toString()}, 0, all, 0, 8);
        System.arraycopy(args, 0, all, 8, args.length);
        CliTest.Run r = CliTest.run(all);
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertTrue(report.get("java").asText().length() > 0);
        assertTrue(report.has("vector_api"));
        assertEquals(2, report.get("threads").asInt());
        assertTrue(report.at("/machine/read_bandwidth_gb_s").asDouble() > 0, report.toString());
        assertTrue(report.at("/machine/peak_gflops").asDouble() > 0, report.toString());
        return report;
    }

    @Test
    void rooflineRatiosComeFromTheirFields() throws Exception {
        JsonNode report = bench("roofline", "--model", model.toString(), "--rows", "2", "--cache", "64", "--steps", "3",
                "--warmup-s", "0");
        JsonNode runs = report.get("runs");
        assertEquals(2, runs.size(), "1 row is always measured as the speed-up base");
        double bw = report.at("/machine/read_bandwidth_gb_s").asDouble() * 1e9;
        double peak = report.at("/machine/peak_gflops").asDouble() * 1e9;
        for (JsonNode r : runs) {
            double median = r.get("median_ms_per_pass").asDouble();
            assertTrue(median > 0 && r.get("best_ms_per_pass").asDouble() <= median, r.toString());
            assertTrue(r.get("mean_visible_tokens_per_row").asDouble() > 64, r.toString());
            assertClose(r.get("weight_bytes_per_pass").asDouble() / bw * 1e3, r.get("bandwidth_bound_ms").asDouble());
            assertClose(r.get("flops_per_pass").asDouble() / peak * 1e3, r.get("compute_bound_ms").asDouble());
            assertClose(Math.max(r.get("bandwidth_bound_ms").asDouble(), r.get("compute_bound_ms").asDouble()),
                    r.get("bound_ms").asDouble());
            assertClose(median / r.get("bound_ms").asDouble(), r.get("ratio").asDouble());
            assertEquals(r.get("ratio").asDouble() <= 1.4, r.get("meets_target").asBoolean());
            // 2 x (2 layers x (64x64 q + 2 x 64x32 k,v + 64x64 o + 3 x 64x128 ffn) + 300x64 output) per row
            assertEquals(2.0 * (2 * (4096 + 4096 + 4096 + 24576) + 19200) * r.get("rows").asInt(), r.get("matmul_flops").asDouble());
        }
        assertEquals(1.0, runs.get(0).get("speedup_over_1_row").asDouble());
        assertTrue(Files.size(dir.resolve("roofline-toy.png")) > 0);
    }

    @Test
    void attentionReportsPerTokenAndPerFragmentCosts() throws Exception {
        JsonNode report = bench("attention", "--layers", "2", "--heads", "4", "--kv-heads", "2", "--head-dim", "32",
                "--fragments", "1,4,16", "--total", "256", "--lengths", "64,128,256", "--rows", "2", "--reps", "3", "--warmup-s", "0");
        assertEquals(3, report.get("by_fragments").size());
        assertEquals(3, report.get("by_length").size());
        for (String series : new String[] {"by_fragments", "by_length"}) {
            for (JsonNode r : report.get(series)) {
                double perRow = r.get("us_per_token_row").asDouble();
                assertTrue(perRow > 0, r.toString());
                assertClose(r.get("us_per_pass").asDouble() / 2, perRow);
                assertClose(perRow / r.get("visible_tokens").asInt(), r.get("us_per_visible_token").asDouble());
            }
        }
        JsonNode fits = report.get("fits");
        assertEquals(2, fits.size());
        assertTrue(fits.get(0).get("us_per_visible_token").isNumber());
        assertTrue(fits.get(1).get("us_per_fragment").isNumber());
        assertTrue(Files.size(dir.resolve("attention-fragments.png")) > 0);
        assertTrue(Files.size(dir.resolve("attention-length.png")) > 0);
    }

    @Test
    void startupRunsEachModelInFreshJvms() throws Exception {
        JsonNode report = bench("startup", "--models", model.toString(), "--runs", "2", "--cache-mb", "16");
        JsonNode runs = report.get("runs");
        assertEquals(2, runs.size());
        for (JsonNode r : runs) {
            assertEquals("toy", r.get("model").asText());
            assertEquals(Files.size(model), r.get("file_bytes").asLong());
            double load = r.get("load_s").asDouble();
            assertTrue(load > 0 && r.get("repack_s").asDouble() <= load, r.toString());
            assertTrue(r.get("engine_to_first_token_s").asDouble() > 0, r.toString());
            assertClose(load + r.get("engine_to_first_token_s").asDouble(), r.get("time_to_first_token_s").asDouble());
            assertTrue(r.get("tokens_to_first_token").asInt() > r.get("passes_to_first_token").asInt(), r.toString());
            assertTrue(r.at("/after_first_token/heap_used_mb").asDouble() > 0, r.toString());
            JsonNode hwm = r.at("/after_first_token/vm_hwm_mb");
            assertTrue(hwm.isNull() || hwm.asDouble() >= r.at("/after_first_token/vm_rss_mb").asDouble(), r.toString());
            JsonNode cached = r.get("page_cache_fraction_before");
            assertTrue(cached.isNull() || cached.asDouble() >= 0 && cached.asDouble() <= 1, r.toString());
        }
        assertEquals(1, runs.get(0).get("run").asInt());
        assertEquals(2, runs.get(1).get("run").asInt());
        assertTrue(Files.size(dir.resolve("startup-time.png")) > 0);
        assertTrue(Files.size(dir.resolve("startup-memory.png")) > 0);
    }

    static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
    }
}
