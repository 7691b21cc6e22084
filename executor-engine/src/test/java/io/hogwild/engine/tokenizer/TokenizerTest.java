package io.hogwild.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small hand-made vocabularies whose expected ids are worked out by hand in the comments. */
class TokenizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * tiny-tokenizer.json: vocab a=0 b=1 c=2 Ġ=3 ab=4 abc=5 Ġa=6 Ġab=7 Ċ=8 bc=9, added <|end|>=10 (special)
     * and <x>=11; merges by rank: a+b, ab+c, Ġ+a, Ġa+b, b+c; Qwen's split regex.
     */
    private static ObjectNode tinyJson() throws IOException {
        try (InputStream in = TokenizerTest.class.getResourceAsStream("/tokenizer/tiny-tokenizer.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }

    private static Tokenizer tiny(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = tinyJson();
        edit.accept(json);
        return Tokenizer.fromTokenizerJson(new ByteArrayInputStream(MAPPER.writeValueAsBytes(json)));
    }

    private static Tokenizer tiny() throws IOException {
        return tiny(j -> { });
    }

    @Test
    void handDerivedEncoding() throws IOException {
        Tokenizer t = tiny();
        // Pieces: "abc" | " ab" | "\n" | "bcab" | <|end|> | " a" | <x>
        //  "abc":  a b c -> a+b (rank 0) -> ab c -> ab+c (rank 1) -> abc           = [5]
        //  " ab":  Ġ a b -> a+b (rank 0) beats Ġ+a (rank 2) -> Ġ ab; no Ġ+ab merge = [3, 4]
        //  "\n":   Ċ                                                              = [8]
        //  "bcab": b c a b -> a+b (0) -> b c ab -> b+c (4) -> bc ab               = [9, 4]
        //  " a":   Ġ a -> Ġ+a                                                     = [6]
        String text = "abc ab\nbcab<|end|> a<x>";
        assertArrayEquals(new int[] {5, 3, 4, 8, 9, 4, 10, 6, 11}, t.encode(text));
        assertEquals(text, t.decode(t.encode(text)));
        // parseSpecial=false: "<|end|>" is text; '<', '|', 'e', 'n', 'd', '>' have no vocabulary entry and
        // no unk token, so, as in Hugging Face, they are dropped. <x> is not special: still matched.
        assertArrayEquals(new int[] {5, 3, 4, 8, 9, 4, 6, 11}, t.encode(text, false));
        assertArrayEquals(new int[] {}, t.encode(""));
        assertEquals(12, t.vocabSize());
        assertTrue(t.isSpecial(10));
        assertFalse(t.isSpecial(11));
        assertEquals("Ġab", t.tokenText(7));
        assertArrayEquals(" ab".getBytes(StandardCharsets.UTF_8), t.tokenBytes(7));
        assertEquals(-1, t.bosId());
        assertEquals(-1, t.eosId());
        assertTrue(t.eogIds().isEmpty());
        assertTrue(t.chatTemplate().isEmpty());
    }

    @Test
    void ignoreMergesTakesWholeVocabularyWords() throws IOException {
        // Llama 3 sets ignore_merges: " ab" is in the vocabulary as Ġab, so it is one token.
        Tokenizer t = tiny(j -> ((ObjectNode) j.get("model")).put("ignore_merges", true));
        assertArrayEquals(new int[] {5, 7, 8, 9, 4}, t.encode("abc ab\nbcab"));
    }

    @Test
    void mergesInStringForm() throws IOException {
        Tokenizer t = tiny(j -> {
            ArrayNode merges = MAPPER.createArrayNode();
            for (String m : List.of("a b", "ab c", "Ġ a", "Ġa b", "b c")) merges.add(m);
            ((ObjectNode) j.get("model")).set("merges", merges);
        });
        assertArrayEquals(new int[] {5, 3, 4, 8, 9, 4, 10, 6, 11}, t.encode("abc ab\nbcab<|end|> a<x>"));
    }

    @Test
    void mergePriorityFollowsRank() throws IOException {
        // With b+c ranked first, "abc" becomes a bc (no a+bc merge) instead of abc.
        Tokenizer t = tiny(j -> {
            ArrayNode merges = MAPPER.createArrayNode();
            for (String m : List.of("b c", "a b", "ab c")) merges.add(m);
            ((ObjectNode) j.get("model")).set("merges", merges);
        });
        assertArrayEquals(new int[] {0, 9}, t.encode("abc"));
        // The same pair twice: both merge (leftmost first), a b a b -> ab a b -> ab ab.
        assertArrayEquals(new int[] {4, 4}, t.encode("abab"));
    }

    @Test
    void addedTokenFlags() throws IOException {
        // Expected ids checked against the Hugging Face library with the same flags.
        // lstrip/rstrip absorb the whitespace next to the token; longest match wins at a position.
        Tokenizer t = tiny(j -> {
            ArrayNode added = (ArrayNode) j.get("added_tokens");
            ((ObjectNode) added.get(0)).put("lstrip", true).put("rstrip", true);
            added.addObject().put("id", 12).put("content", "<|end|>!").put("special", true).put("normalized", false);
            added.addObject().put("id", 13).put("content", "ca").put("special", false).put("single_word", true).put("normalized", false);
        });
        assertArrayEquals(new int[] {5, 10, 0}, t.encode("abc  <|end|>  a"), "both spaces go with <|end|>, 'a' stays bare");
        assertArrayEquals(new int[] {5, 12, 6}, t.encode("abc<|end|>! a"));
        // single_word: "ca" only between non-word characters (letters, digits, '_' are word characters).
        assertArrayEquals(new int[] {13, 3, 13}, t.encode("ca ca"));
        assertArrayEquals(new int[] {2, 4, 3, 13}, t.encode("cab ca"));
        assertArrayEquals(new int[] {2, 0, 3, 13}, t.encode("ca_ ca"));
        assertArrayEquals(new int[] {0, 3, 2, 0}, t.encode("a ca\u00e9"), "é is a word character (and not in the vocabulary)");
    }

    @Test
    void normalizedAddedTokensMatchAfterNormalization() throws IOException {
        // An added token flagged normalized=true is looked for in the NFC text, so a decomposed input matches.
        Tokenizer t = tiny(j -> {
            j.set("normalizer", MAPPER.createObjectNode().put("type", "NFC"));
            ((ArrayNode) j.get("added_tokens")).addObject().put("id", 12).put("content", "é").put("special", false).put("normalized", true);
        });
        assertArrayEquals(new int[] {0, 12, 1}, t.encode("ae\u0301b"));
        assertArrayEquals(new int[] {0, 12, 1}, t.encode("a\u00e9b"));
    }

    @Test
    void readsGzipPathWithSiblingConfig(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("tokenizer.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(MAPPER.writeValueAsBytes(tinyJson()));
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": null, \"eos_token\": {\"content\": \"<|end|>\"},"
                + " \"add_bos_token\": false, \"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}, {\"name\": \"default\", \"template\": \"D\"}]}");
        Tokenizer t = Tokenizer.fromTokenizerJson(gz);
        assertArrayEquals(new int[] {5, 6}, t.encode("abc a"));
        assertEquals(10, t.eosId());
        assertEquals(Set.of(10), t.eogIds());
        assertEquals("D", t.chatTemplate().orElseThrow());
    }

    @Test
    void llamaTemplatePostProcessorMeansAddBos() throws IOException {
        Tokenizer t = tiny(j -> j.set("post_processor", parse("{\"type\": \"TemplateProcessing\","
                + " \"single\": [{\"SpecialToken\": {\"id\": \"<|end|>\", \"type_id\": 0}}, {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}],"
                + " \"special_tokens\": {\"<|end|>\": {\"id\": \"<|end|>\", \"ids\": [10], \"tokens\": [\"<|end|>\"]}}}")));
        assertTrue(t.addBos());
        assertEquals(10, t.bosId());
        assertArrayEquals(new int[] {5}, t.encode("abc"), "encode itself never prepends BOS");
    }

    // ---- GGUF metadata ----

    /** Digits 0-9, Ġ and merges 1+2, 12+3, 4+5, 45+6 as GGUF metadata with the given pre-tokenizer. */
    private static Map<String, Object> digitsGguf(String pre) {
        List<String> tokens = new ArrayList<>(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "Ġ", "12", "123", "45", "456", "<|eot_id|>"));
        int[] types = new int[tokens.size()];
        java.util.Arrays.fill(types, 1);
        types[15] = 3;
        Map<String, Object> meta = new HashMap<>();
        meta.put("tokenizer.ggml.model", "gpt2");
        meta.put("tokenizer.ggml.pre", pre);
        meta.put("tokenizer.ggml.tokens", tokens.toArray(new String[0]));
        meta.put("tokenizer.ggml.token_type", types);
        meta.put("tokenizer.ggml.merges", new String[] {"1 2", "12 3", "4 5", "45 6"});
        meta.put("tokenizer.ggml.eos_token_id", 15L);
        meta.put("tokenizer.ggml.add_bos_token", Boolean.FALSE);
        return meta;
    }

    @Test
    void llamaGroupsDigitsByThreeQwenSingly() {
        Tokenizer llama = Tokenizer.fromGgufMetadata(digitsGguf("llama-bpe"));
        Tokenizer qwen = Tokenizer.fromGgufMetadata(digitsGguf("qwen2"));
        Tokenizer gpt2 = Tokenizer.fromGgufMetadata(digitsGguf("gpt2"));
        // llama-bpe: \p{N}{1,3} -> "123" "456" "7"; each piece then merges fully.
        assertArrayEquals(new int[] {12, 14, 7}, llama.encode("1234567"));
        // qwen2: \p{N} -> every digit its own piece, no merges apply.
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7}, qwen.encode("1234567"));
        // gpt2: \p{N}+ -> one piece "1234567": 1+2, 12+3, 4+5, 45+6 -> 123 456 7.
        assertArrayEquals(new int[] {12, 14, 7}, gpt2.encode("1234567"));
        // where the grouping changes the result: "3456" -> llama "345" "6" = 3 45 6; gpt2 one piece = 3 456.
        assertArrayEquals(new int[] {3, 13, 6}, llama.encode("3456"));
        assertArrayEquals(new int[] {3, 14}, gpt2.encode("3456"));
        assertEquals(15, llama.eosId());
        assertEquals(Set.of(15), llama.eogIds());
        assertTrue(llama.isSpecial(15));
        assertArrayEquals(new int[] {12, 15, 11}, llama.encode("123<|eot_id|>12"), "a control token splits the digits");
        assertArrayEquals(new int[] {12, 15, 11}, Tokenizer.fromGgufMetadata(digitsGguf("llama3")).encode("123<|eot_id|>12"));
    }

    @Test
    void ggufRoundTripOfTinyTokenizer() throws IOException {
        Tokenizer t = tiny();
        Map<String, Object> meta = new HashMap<>();
        t.toGgufMetadata(meta);
        assertEquals(Set.of("tokenizer.ggml.model", "tokenizer.ggml.pre", "tokenizer.ggml.tokens", "tokenizer.ggml.merges",
                "tokenizer.ggml.token_type", "tokenizer.ggml.add_bos_token"), meta.keySet());
        assertArrayEquals(new String[] {"a b", "ab c", "Ġ a", "Ġa b", "b c"}, (String[]) meta.get("tokenizer.ggml.merges"));
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 4}, (int[]) meta.get("tokenizer.ggml.token_type"));
        Tokenizer back = Tokenizer.fromGgufMetadata(meta);
        String text = "abc ab\nbcab<|end|> a<x>";
        assertArrayEquals(t.encode(text), back.encode(text));
        assertArrayEquals(t.encode(text, false), back.encode(text, false));
    }

    @Test
    void ggufErrorsNameTheValue() {
        Map<String, Object> meta = digitsGguf("qwen2");
        meta.put("tokenizer.ggml.model", "llama");
        assertMessage(IllegalArgumentException.class, "'llama'", () -> Tokenizer.fromGgufMetadata(meta));
        Map<String, Object> pre = digitsGguf("tekken");
        assertMessage(IllegalArgumentException.class, "'tekken'", () -> Tokenizer.fromGgufMetadata(pre));
        Map<String, Object> types = digitsGguf("qwen2");
        types.put("tokenizer.ggml.token_type", new int[] {1, 1});
        assertMessage(IllegalArgumentException.class, "token_type", () -> Tokenizer.fromGgufMetadata(types));
        Map<String, Object> merge = digitsGguf("qwen2");
        merge.put("tokenizer.ggml.merges", new String[] {"1 x"});
        assertMessage(IllegalArgumentException.class, "'x'", () -> Tokenizer.fromGgufMetadata(merge));
        Map<String, Object> eos = digitsGguf("qwen2");
        eos.put("tokenizer.ggml.eos_token_id", 99);
        assertMessage(IllegalArgumentException.class, "99", () -> Tokenizer.fromGgufMetadata(eos));
        Map<String, Object> none = new HashMap<>();
        assertMessage(IllegalArgumentException.class, "tokenizer.ggml.model", () -> Tokenizer.fromGgufMetadata(none));
    }

    // ---- tokenizer.json errors ----

    @Test
    void malformedTokenizerJsonErrors() {
        assertMessage(IOException.class, "malformed tokenizer.json", () -> Tokenizer.fromTokenizerJson(stream("{\"model\": {")));
        assertMessage(IOException.class, "malformed tokenizer.json", () -> Tokenizer.fromTokenizerJson(stream("[1, 2]")));
        assertMessage(IllegalArgumentException.class, "'model'", () -> Tokenizer.fromTokenizerJson(stream("{\"version\": \"1.0\"}")));
        assertMessage(IllegalArgumentException.class, "'WordPiece'", () -> tiny(j -> ((ObjectNode) j.get("model")).put("type", "WordPiece")));
        assertMessage(IllegalArgumentException.class, "byte_fallback", () -> tiny(j -> ((ObjectNode) j.get("model")).put("byte_fallback", true)));
        assertMessage(IllegalArgumentException.class, "model.vocab['a']", () -> tiny(j -> ((ObjectNode) j.get("model").get("vocab")).put("a", -3)));
        assertMessage(IllegalArgumentException.class, "model.merges", () -> tiny(j -> ((ObjectNode) j.get("model")).remove("merges")));
        assertMessage(IllegalArgumentException.class, "model.merges[1]", () -> tiny(j -> ((ArrayNode) j.get("model").get("merges")).set(1, MAPPER.getNodeFactory().textNode("abc"))));
        assertMessage(IllegalArgumentException.class, "model.merges[0]", () -> tiny(j -> ((ArrayNode) j.get("model").get("merges")).set(0, MAPPER.getNodeFactory().numberNode(7))));
        assertMessage(IllegalArgumentException.class, "'zz'", () -> tiny(j -> ((ArrayNode) j.get("model").get("merges")).addArray().add("a").add("zz")));
        assertMessage(IllegalArgumentException.class, "'Metaspace'", () -> tiny(j -> j.set("pre_tokenizer", parse("{\"type\": \"Metaspace\"}"))));
        assertMessage(IllegalArgumentException.class, "ByteLevel", () -> tiny(j -> j.set("pre_tokenizer",
                parse("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"\\\\s+\"}, \"behavior\": \"Isolated\"}"))));
        assertMessage(IllegalArgumentException.class, "'Replace'", () -> tiny(j -> j.set("normalizer", parse("{\"type\": \"Replace\"}"))));
        assertMessage(IllegalArgumentException.class, "added_tokens[0]", () -> tiny(j -> ((ObjectNode) j.get("added_tokens").get(0)).remove("content")));
    }

    @Test
    void configNamingUnknownTokenFails() {
        assertMessage(IllegalArgumentException.class, "'<nope>'", () -> Tokenizer.fromTokenizerJson(
                new ByteArrayInputStream(MAPPER.writeValueAsBytes(tinyJson())), stream("{\"eos_token\": \"<nope>\"}")));
    }

    @Test
    void decodeErrors() throws IOException {
        Tokenizer t = tiny();
        assertMessage(IllegalArgumentException.class, "12", () -> t.decode(new int[] {0, 12}));
        assertThrows(IndexOutOfBoundsException.class, () -> t.decode(new int[] {0}, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> t.isSpecial(-1));
    }

    // ---- pre-tokenizer pieces ----

    @Test
    void splitBehaviorsFollowHuggingFace() {
        assertEquals(List.of("a", "-", "b", "-", "-", "c"), pieces("-", PreTokenizer.Behavior.ISOLATED, "a-b--c"));
        assertEquals(List.of("a", "b", "c"), pieces("-", PreTokenizer.Behavior.REMOVED, "a-b--c"));
        assertEquals(List.of("a-", "b--", "c"), pieces("-+", PreTokenizer.Behavior.MERGED_WITH_PREVIOUS, "a-b--c"));
        assertEquals(List.of("a", "-b", "--c"), pieces("-+", PreTokenizer.Behavior.MERGED_WITH_NEXT, "a-b--c"));
        assertEquals(List.of("a", "-", "b", "--", "c"), pieces("-", PreTokenizer.Behavior.CONTIGUOUS, "a-b--c"));
    }

    @Test
    void regexUsesUnicodeClasses() {
        List<String> out = new ArrayList<>();
        PreTokenizer.forGgufName("qwen2").split("naïve\u3000日本 x\u00a0\u00a0y", out);
        // \s is Unicode White_Space (ideographic and no-break spaces), \p{L} covers CJK; \s+(?!\S) leaves the
        // last space of a run to the word after it.
        assertEquals(List.of("naïve", "\u3000日本", " x", "\u00a0", "\u00a0y"), out);
        out.clear();
        PreTokenizer.builder().split("\\p{Han}+", PreTokenizer.Behavior.ISOLATED, false).build().split("ab日本cd", out);
        assertEquals(List.of("ab", "日本", "cd"), out, "script names are translated for java.util.regex");
    }

    private static List<String> pieces(String regex, PreTokenizer.Behavior behavior, String text) {
        List<String> out = new ArrayList<>();
        PreTokenizer.builder().split(regex, behavior, false).build().split(text, out);
        return out;
    }

    // ---- helpers ----

    interface Action {
        void run() throws Exception;
    }

    private static void assertMessage(Class<? extends Exception> type, String fragment, Action action) {
        Exception e = assertThrows(type, () -> {
            try {
                action.run();
            } catch (RuntimeException | IOException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        });
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks " + fragment);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
