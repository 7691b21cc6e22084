package io.hogwild.engine.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face tokenizer.json (and optionally tokenizer_config.json) describing a byte-level BPE
 * tokenizer. Anything this engine would tokenize differently from the Hugging Face library (other model
 * types, byte fallback, unknown normalizers or pre-tokenizers) is rejected with a message naming it,
 * rather than silently producing different ids.
 */
final class TokenizerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenizerJson() {
    }

    static Tokenizer read(InputStream tokenizerJson, InputStream config) throws IOException {
        TokenizerDefinition d = new TokenizerDefinition();
        d.merges = null; // must come from the file
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode model = null;
        // Streamed rather than read as one tree: vocab and merges are ~450k JSON values in a real
        // vocabulary, and building tree nodes for them dominated load time.
        try (JsonParser p = MAPPER.getFactory().createParser(tokenizerJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("malformed tokenizer.json: expected a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("model") && p.currentToken() == JsonToken.START_OBJECT) model = readModel(p, d);
                else root.set(field, p.readValueAsTree());
            }
        } catch (JsonProcessingException e) {
            throw new IOException("malformed tokenizer.json: " + e.getOriginalMessage(), e);
        }
        if (model == null) throw bad("missing 'model' object");
        checkModel(model, d);
        Map<Integer, AddedToken> added = readAddedTokens(root.get("added_tokens"));
        buildTokenTable(added, d);
        d.normalizer = readNormalizer(root.get("normalizer"));
        d.preTokenizer = readPreTokenizer(root.get("pre_tokenizer"));
        readPostProcessor(root.get("post_processor"), d);
        if (config != null) readConfig(parse(config, "tokenizer_config.json"), d);
        return new Tokenizer(d);
    }

    private static JsonNode parse(InputStream in, String what) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException("malformed " + what + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException("malformed " + what + ": expected a JSON object");
        return root;
    }

    /** Streams the model object: vocab and merges straight into the definition, other fields as a tree. */
    private static ObjectNode readModel(JsonParser p, TokenizerDefinition d) throws IOException {
        ObjectNode rest = MAPPER.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("vocab") && t == JsonToken.START_OBJECT) {
                Map<String, Integer> vocab = new HashMap<>(1 << 18);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String token = p.currentName();
                    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
                        throw bad("model.vocab['" + token + "']: expected a non-negative integer id, got " + p.getText());
                    }
                    vocab.put(token, p.getIntValue());
                }
                d.bpeVocab = vocab;
            } else if (field.equals("merges") && t == JsonToken.START_ARRAY) {
                List<String[]> merges = new ArrayList<>(1 << 18);
                while (p.nextToken() != JsonToken.END_ARRAY) merges.add(mergePair(p, "model.merges[" + merges.size() + "]"));
                d.merges = merges;
            } else {
                rest.set(field, p.readValueAsTree());
            }
        }
        return rest;
    }

    /** Checks the model's settings once vocab and merges are in. */
    private static void checkModel(ObjectNode model, TokenizerDefinition d) {
        String type = textOr(model, "type", "BPE");
        if (!type.equals("BPE")) throw bad("model type '" + type + "' is not supported, only byte-level BPE");
        if (d.bpeVocab == null) throw bad("model.vocab must be an object of token -> id");
        if (d.merges == null) throw bad("model.merges must be an array");
        if (model.path("byte_fallback").asBoolean(false)) throw bad("model.byte_fallback=true is not supported (not byte-level BPE)");
        for (String affix : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            if (!textOr(model, affix, "").isEmpty()) throw bad("model." + affix + " is not supported");
        }
        d.ignoreMerges = model.path("ignore_merges").asBoolean(false);
        String unk = textOr(model, "unk_token", null);
        if (unk != null && d.bpeVocab.containsKey(unk)) d.unkId = d.bpeVocab.get(unk);
    }

    /** A merge in either form: the older "a b" string or the newer ["a", "b"] pair. */
    private static String[] mergePair(JsonParser p, String where) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) return splitMerge(p.getText(), where);
        if (p.currentToken() == JsonToken.START_ARRAY) {
            String a = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            String b = a != null && p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            if (b != null && p.nextToken() == JsonToken.END_ARRAY) return new String[] {a, b};
        }
        throw bad(where + ": expected \"a b\" or [\"a\", \"b\"], got " + p.currentToken() + " " + p.getText());
    }

    static String[] splitMerge(String s, String where) {
        // Byte-level vocabularies write space as 'Ġ', so the separator is the only space.
        int space = s.indexOf(' ');
        if (space <= 0 || space == s.length() - 1 || s.indexOf(' ', space + 1) >= 0) {
            throw new IllegalArgumentException(where + ": expected two tokens separated by one space, got \"" + s + "\"");
        }
        return new String[] {s.substring(0, space), s.substring(space + 1)};
    }

    private static Map<Integer, AddedToken> readAddedTokens(JsonNode list) {
        Map<Integer, AddedToken> added = new HashMap<>();
        if (list == null || list.isNull()) return added;
        if (!list.isArray()) throw bad("added_tokens must be an array");
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String where = "added_tokens[" + i + "]";
            if (!t.isObject() || !t.path("content").isTextual()) throw bad(where + " needs a string 'content'");
            boolean special = t.path("special").asBoolean(false);
            AddedToken token = new AddedToken(id(t.get("id"), where + ".id"), t.get("content").asText(), special,
                    t.path("lstrip").asBoolean(false), t.path("rstrip").asBoolean(false),
                    t.path("single_word").asBoolean(false), t.path("normalized").asBoolean(!special));
            added.put(token.id(), token);
        }
        return added;
    }

    /** Id -> text/type for the whole id range; added tokens take precedence over a model entry with the same id. */
    private static void buildTokenTable(Map<Integer, AddedToken> added, TokenizerDefinition d) {
        int size = 0;
        for (int id : d.bpeVocab.values()) size = Math.max(size, id + 1);
        for (int id : added.keySet()) size = Math.max(size, id + 1);
        String[] tokens = new String[size];
        int[] types = new int[size];
        Arrays.fill(types, TokenType.UNUSED);
        d.bpeVocab.forEach((text, id) -> {
            tokens[id] = text;
            types[id] = TokenType.NORMAL;
        });
        List<AddedToken> ordered = new ArrayList<>();
        for (AddedToken t : added.values()) {
            tokens[t.id()] = t.content();
            types[t.id()] = t.special() ? TokenType.CONTROL : TokenType.USER_DEFINED;
            ordered.add(t);
        }
        ordered.sort((a, b) -> Integer.compare(a.id(), b.id()));
        for (int id = 0; id < size; id++) if (tokens[id] == null) tokens[id] = TokenizerDefinition.gapText(id);
        d.tokens = tokens;
        d.types = types;
        d.addedTokens = ordered;
    }

    private static TextNormalizer readNormalizer(JsonNode n) {
        if (n == null || n.isNull()) return TextNormalizer.NONE;
        String type = textOr(n, "type", null);
        if (type == null) throw bad("normalizer without 'type'");
        if (type.equals("Sequence")) {
            JsonNode parts = n.get("normalizers");
            if (parts == null || !parts.isArray()) throw bad("Sequence normalizer needs a 'normalizers' array");
            List<TextNormalizer> list = new ArrayList<>();
            for (JsonNode p : parts) list.add(readNormalizer(p));
            return TextNormalizer.sequence(list);
        }
        return TextNormalizer.of(type);
    }

    private static PreTokenizer readPreTokenizer(JsonNode n) {
        PreTokenizer.Builder b = PreTokenizer.builder();
        if (n == null || n.isNull() || !addPreTokenizerSteps(n, b)) {
            throw bad("pre_tokenizer has no ByteLevel step: only byte-level BPE tokenizers are supported");
        }
        return b.build();
    }

    /** Adds the steps of one pre-tokenizer node; returns whether a ByteLevel step was seen. */
    private static boolean addPreTokenizerSteps(JsonNode n, PreTokenizer.Builder b) {
        String type = textOr(n, "type", "");
        switch (type) {
            case "Sequence": {
                JsonNode parts = n.get("pretokenizers");
                if (parts == null || !parts.isArray()) throw bad("Sequence pre_tokenizer needs a 'pretokenizers' array");
                boolean byteLevel = false;
                for (JsonNode p : parts) byteLevel |= addPreTokenizerSteps(p, b);
                return byteLevel;
            }
            case "Split": {
                JsonNode pattern = n.get("pattern");
                PreTokenizer.Behavior behavior = PreTokenizer.Behavior.fromJson(textOr(n, "behavior", "Isolated"));
                boolean invert = n.path("invert").asBoolean(false);
                if (pattern != null && pattern.path("Regex").isTextual()) b.split(pattern.get("Regex").asText(), behavior, invert);
                else if (pattern != null && pattern.path("String").isTextual()) b.splitLiteral(pattern.get("String").asText(), behavior, invert);
                else throw bad("Split pre_tokenizer needs pattern {\"Regex\": ...} or {\"String\": ...}");
                return false;
            }
            case "ByteLevel":
                // Hugging Face defaults: add_prefix_space=true, use_regex=true.
                if (n.path("add_prefix_space").asBoolean(true)) b.prefixSpace();
                if (n.path("use_regex").asBoolean(true)) b.split(PreTokenizer.GPT2_REGEX, PreTokenizer.Behavior.ISOLATED, false);
                return true;
            case "Digits":
                b.split(n.path("individual_digits").asBoolean(false) ? "[0-9]" : "[0-9]+", PreTokenizer.Behavior.ISOLATED, false);
                return false;
            default:
                throw bad("unsupported pre_tokenizer type '" + type + "'");
        }
    }

    /** A TemplateProcessing post-processor that starts with a special token means "prepend BOS". */
    private static void readPostProcessor(JsonNode n, TokenizerDefinition d) {
        if (n == null || n.isNull()) return;
        String type = textOr(n, "type", "");
        if (type.equals("Sequence")) {
            for (JsonNode p : n.path("processors")) readPostProcessor(p, d);
            return;
        }
        if (!type.equals("TemplateProcessing")) return;
        JsonNode first = n.path("single").path(0).path("SpecialToken");
        if (!first.isObject()) return;
        JsonNode ids = n.path("special_tokens").path(first.path("id").asText()).path("ids");
        if (ids.isArray() && ids.size() == 1 && ids.get(0).canConvertToInt()) {
            d.addBos = true;
            d.bosId = ids.get(0).asInt();
        }
    }

    /** tokenizer_config.json: special token names, add_bos_token and the chat template. */
    private static void readConfig(JsonNode c, TokenizerDefinition d) {
        Map<String, Integer> byText = new HashMap<>();
        for (AddedToken t : d.addedTokens) byText.put(t.content(), t.id());
        int bos = configToken(c, "bos_token", byText, d);
        if (bos != -2) d.bosId = bos;
        int eos = configToken(c, "eos_token", byText, d);
        if (eos != -2) d.eosId = eos;
        int pad = configToken(c, "pad_token", byText, d);
        if (pad != -2) d.padId = pad;
        if (c.path("add_bos_token").isBoolean()) d.addBos = c.get("add_bos_token").asBoolean();
        JsonNode template = c.get("chat_template");
        if (template != null && template.isTextual()) {
            d.chatTemplate = template.asText();
        } else if (template != null && template.isArray() && template.size() > 0) {
            // Several named templates: the one named "default" is what applying a chat template uses.
            d.chatTemplate = template.get(0).path("template").asText(null);
            for (JsonNode t : template) {
                if ("default".equals(t.path("name").asText())) d.chatTemplate = t.path("template").asText(null);
            }
        }
    }

    /** Id of a token named in the config; -1 for an explicit null, -2 when the key is absent. */
    private static int configToken(JsonNode c, String key, Map<String, Integer> byText, TokenizerDefinition d) {
        JsonNode v = c.get(key);
        if (v == null) return -2;
        if (v.isNull()) return -1;
        String text = v.isTextual() ? v.asText() : v.path("content").asText(null);
        if (text == null) throw new IllegalArgumentException("tokenizer_config.json " + key + ": expected a string or {\"content\": ...}");
        Integer id = byText.get(text);
        if (id == null) id = d.bpeVocab.get(text);
        if (id == null) throw new IllegalArgumentException("tokenizer_config.json " + key + " '" + text + "' is not in the vocabulary");
        return id;
    }

    private static int id(JsonNode n, String where) {
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
            throw bad(where + ": expected a non-negative integer id, got " + n);
        }
        return n.asInt();
    }

    private static String textOr(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("tokenizer.json: " + message);
    }
}
