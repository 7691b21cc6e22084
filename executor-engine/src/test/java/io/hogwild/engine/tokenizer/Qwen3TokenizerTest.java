package io.hogwild.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled Qwen3 tokenizer against ids produced by the Hugging Face tokenizers library
 * (tools/tokenizer-fixtures regenerates the fixture).
 */
class Qwen3TokenizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Tokenizer qwen;
    private static List<Case> cases;

    /** One fixture line; {@code idsNoSpecial} is null when parseSpecial=false gives the same ids. */
    record Case(int line, String text, int[] ids, int cut, String cutDecoded, int[] idsNoSpecial) {
    }

    @BeforeAll
    static void load() throws IOException {
        qwen = Tokenizer.qwen3();
        cases = new ArrayList<>();
        try (InputStream in = Qwen3TokenizerTest.class.getResourceAsStream("/tokenizer/qwen3-expected.jsonl");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode j = MAPPER.readTree(line);
                cases.add(new Case(n, j.get("text").asText(), ints(j.get("ids")), j.get("cut").asInt(),
                        j.get("cut_decoded").asText(), j.has("ids_no_special") ? ints(j.get("ids_no_special")) : null));
            }
        }
    }

    @Test
    void corpusIsBroad() {
        assertTrue(cases.size() >= 150, "only " + cases.size() + " cases");
    }

    @Test
    void matchesReferenceIdsOnCorpus() {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            int[] got = qwen.encode(c.text);
            if (!Arrays.equals(c.ids, got)) {
                failures.add("line " + c.line + " " + quote(c.text) + "\n  expected " + Arrays.toString(c.ids)
                        + "\n  got      " + Arrays.toString(got));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases differ:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    @Test
    void matchesReferenceWithSpecialTokensAsPlainText() {
        int differing = 0;
        for (Case c : cases) {
            int[] expected = c.idsNoSpecial != null ? c.idsNoSpecial : c.ids;
            if (c.idsNoSpecial != null) differing++;
            assertArrayEquals(expected, qwen.encode(c.text, false), "line " + c.line + " " + quote(c.text));
        }
        assertTrue(differing >= 20, "corpus has special tokens in " + differing + " cases");
    }

    @Test
    void partialDecodeMatchesReference() {
        int replaced = 0;
        for (Case c : cases) {
            assertEquals(c.cutDecoded, qwen.decode(c.ids, 0, c.cut), "line " + c.line);
            if (c.cutDecoded.endsWith("\uFFFD")) replaced++;
        }
        assertTrue(replaced >= 30, "only " + replaced + " cuts split a character");
    }

    @Test
    void decodeInvertsEncodeUpToNfc() {
        for (Case c : cases) {
            assertEquals(Normalizer.normalize(c.text, Normalizer.Form.NFC), qwen.decode(c.ids), "line " + c.line);
        }
    }

    @Test
    void streamingDecodeEqualsWholeDecode() {
        for (Case c : cases) {
            StreamingDecoder s = qwen.streamingDecoder();
            StringBuilder sb = new StringBuilder();
            for (int id : c.ids) sb.append(s.accept(id));
            sb.append(s.flush());
            assertEquals(qwen.decode(c.ids), sb.toString(), "line " + c.line);
        }
    }

    @Test
    void vocabularyAndSpecialTokens() {
        assertSame(qwen, Tokenizer.qwen3(), "loaded once and cached");
        assertEquals(151669, qwen.vocabSize());
        assertEquals(151643, qwen.specialToken("<|endoftext|>").getAsInt());
        assertEquals(151644, qwen.specialToken("<|im_start|>").getAsInt());
        assertEquals(151645, qwen.specialToken("<|im_end|>").getAsInt());
        assertEquals(151667, qwen.specialToken("<think>").getAsInt());
        assertEquals(151668, qwen.specialToken("</think>").getAsInt());
        assertFalse(qwen.specialToken("hello").isPresent());
        assertTrue(qwen.isSpecial(151644));
        assertFalse(qwen.isSpecial(151667), "<think> is a user-defined token, not a control token");
        assertFalse(qwen.isSpecial(9707));
        assertEquals("Hello", qwen.tokenText(9707));
        assertEquals("Ġworld", qwen.tokenText(1879));
        assertArrayEquals(" world".getBytes(StandardCharsets.UTF_8), qwen.tokenBytes(1879));
        assertEquals("<|im_end|>", qwen.tokenText(151645));
        // From tokenizer_config.json: eos <|im_end|>, no BOS, a chat template.
        assertEquals(151645, qwen.eosId());
        assertEquals(-1, qwen.bosId());
        assertFalse(qwen.addBos());
        assertEquals(151643, qwen.padId());
        assertTrue(qwen.chatTemplate().orElseThrow().contains("<|im_start|>"));
        assertEquals(Set.of(151645, 151643), qwen.eogIds());
    }

    @Test
    void parseSpecialFalseEncodesControlTokensAsText() {
        String text = "<|im_start|>user\nhi<|im_end|>";
        int[] parsed = qwen.encode(text);
        assertEquals(151644, parsed[0]);
        assertEquals(151645, parsed[parsed.length - 1]);
        int[] plain = qwen.encode(text, false);
        for (int id : plain) assertFalse(qwen.isSpecial(id), "no control token in " + Arrays.toString(plain));
        assertEquals(text, qwen.decode(plain));
        // Non-special added tokens stay tokens (as in Hugging Face split_special_tokens and llama.cpp).
        assertArrayEquals(new int[] {151667}, qwen.encode("<think>", false));
    }

    @Test
    void streamingHoldsBackSplitEmoji() {
        // Each of these is split over several tokens by Qwen3's byte-level BPE.
        for (String text : List.of("🧑🏽‍🚀", "👨‍👩‍👧‍👦", "𠀀𪜀", "🂡", "a🙂b")) {
            int[] ids = qwen.encode(text);
            assertTrue(ids.length >= 2, text + " -> " + Arrays.toString(ids));
            StreamingDecoder s = qwen.streamingDecoder();
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                String piece = s.accept(id);
                assertFalse(piece.contains("\uFFFD"), "partial character leaked for " + text);
                sb.append(piece);
            }
            assertFalse(s.hasPending());
            assertEquals("", s.flush());
            assertEquals(text, sb.toString());
        }
        // A sequence that stops mid-character: held back, then one U+FFFD at flush.
        int[] ids = qwen.encode("🂡");
        StreamingDecoder s = qwen.streamingDecoder();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length - 1; i++) sb.append(s.accept(ids[i]));
        assertEquals("", sb.toString());
        assertTrue(s.hasPending());
        assertEquals("\uFFFD", s.flush());
        assertEquals("\uFFFD", qwen.decode(ids, 0, ids.length - 1));
    }

    @Test
    void ggufMetadataRoundTripEncodesIdentically() {
        Map<String, Object> meta = new HashMap<>();
        qwen.toGgufMetadata(meta);
        assertEquals("gpt2", meta.get("tokenizer.ggml.model"));
        assertEquals("qwen2", meta.get("tokenizer.ggml.pre"));
        assertEquals(151669, ((String[]) meta.get("tokenizer.ggml.tokens")).length);
        assertEquals(151387, ((String[]) meta.get("tokenizer.ggml.merges")).length);
        assertEquals(3, ((int[]) meta.get("tokenizer.ggml.token_type"))[151644]);
        assertEquals(4, ((int[]) meta.get("tokenizer.ggml.token_type"))[151667]);
        assertEquals(151645, meta.get("tokenizer.ggml.eos_token_id"));
        assertFalse(meta.containsKey("tokenizer.ggml.bos_token_id"));

        Tokenizer back = Tokenizer.fromGgufMetadata(meta);
        assertEquals(qwen.vocabSize(), back.vocabSize());
        assertEquals(qwen.eosId(), back.eosId());
        assertEquals(qwen.eogIds(), back.eogIds());
        assertEquals(qwen.chatTemplate(), back.chatTemplate());
        for (Case c : cases) {
            assertArrayEquals(c.ids, back.encode(c.text), "line " + c.line);
            assertArrayEquals(qwen.encode(c.text, false), back.encode(c.text, false), "line " + c.line);
            assertEquals(qwen.decode(c.ids), back.decode(c.ids));
        }
        Map<String, Object> again = new HashMap<>();
        back.toGgufMetadata(again);
        assertArrayEquals((String[]) meta.get("tokenizer.ggml.merges"), (String[]) again.get("tokenizer.ggml.merges"));
        assertArrayEquals((String[]) meta.get("tokenizer.ggml.tokens"), (String[]) again.get("tokenizer.ggml.tokens"));
    }

    @Test
    void ggufIdsMayBeLongAndArraysLists() {
        Map<String, Object> meta = new HashMap<>();
        qwen.toGgufMetadata(meta);
        meta.put("tokenizer.ggml.eos_token_id", 151645L);
        meta.put("tokenizer.ggml.bos_token_id", 151643L);
        meta.put("tokenizer.ggml.merges", List.of((String[]) meta.get("tokenizer.ggml.merges")));
        meta.put("tokenizer.ggml.pre", "deepseek-r1-qwen");
        Tokenizer t = Tokenizer.fromGgufMetadata(meta);
        assertEquals(151645, t.eosId());
        assertEquals(151643, t.bosId());
        assertArrayEquals(qwen.encode("Hello 123 世界"), t.encode("Hello 123 世界"));
    }

    @Test
    void readsMergesInOldStringForm() throws IOException {
        ObjectNode root;
        try (InputStream in = new GZIPInputStream(Tokenizer.class.getResourceAsStream("/io/hogwild/engine/tokenizer/qwen3/tokenizer.json.gz"))) {
            root = (ObjectNode) MAPPER.readTree(in);
        }
        ArrayNode merges = (ArrayNode) root.get("model").get("merges");
        assertTrue(merges.get(0).isArray(), "the bundled file uses the pair form");
        ArrayNode strings = MAPPER.createArrayNode();
        for (JsonNode m : merges) strings.add(m.get(0).asText() + " " + m.get(1).asText());
        ((ObjectNode) root.get("model")).set("merges", strings);
        Tokenizer old = Tokenizer.fromTokenizerJson(new ByteArrayInputStream(MAPPER.writeValueAsBytes(root)));
        for (Case c : cases) assertArrayEquals(c.ids, old.encode(c.text), "line " + c.line);
    }

    @Test
    void encodesAMegabyteQuickly() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 1_000_000) sb.append(cases.get(i++ % cases.size()).text).append('\n');
        String text = sb.toString();
        qwen.encode(text); // warm-up
        long best = Long.MAX_VALUE;
        int tokens = 0;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            tokens = qwen.encode(text).length;
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("qwen3 encode: %d chars -> %d tokens in %.1f ms%n", text.length(), tokens, best / 1e6);
        assertTrue(best < 2_000_000_000L, "1 MB took " + best / 1e6 + " ms");
    }

    @Test
    void concurrentEncodingAgrees() throws Exception {
        // One tokenizer serves all tasks of an executor; the shared piece cache must not mix results.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < cases.size(); i++) {
                        Case c = cases.get((i * 7 + offset * 31) % cases.size());
                        if (!Arrays.equals(c.ids, qwen.encode(c.text))) return false;
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) assertTrue(r.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void longPiecesDoNotOverflow() {
        String letters = "a".repeat(200_000);
        String spaces = " ".repeat(200_000) + "x";
        String digits = "7".repeat(100_000);
        assertEquals(letters, qwen.decode(qwen.encode(letters)));
        assertEquals(spaces, qwen.decode(qwen.encode(spaces)));
        assertEquals(100_000, qwen.encode(digits).length, "Qwen splits digits one by one");
    }

    @Test
    void decodeRejectsIdsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qwen.decode(new int[] {1, 151669}));
        assertTrue(e.getMessage().contains("151669"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> qwen.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> qwen.streamingDecoder().accept(200_000));
        assertThrows(IllegalArgumentException.class, () -> qwen.tokenText(151669));
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\u%04x", cp));
            else sb.appendCodePoint(cp);
        });
        return sb.append('"').toString();
    }
}
