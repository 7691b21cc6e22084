package io.hogwild.engine.tokenizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer as GGUF stores it: {@code tokenizer.ggml.*} keys (llama.cpp's names) plus
 * {@code tokenizer.chat_template}. Only byte-level BPE ({@code tokenizer.ggml.model = "gpt2"}) is read.
 *
 * <p>GGUF has no normalizer field; the family named by {@code tokenizer.ggml.pre} implies it: the Qwen
 * families get NFC like their tokenizer.json, so ids match Hugging Face (llama.cpp itself skips it).
 * Added tokens get no strip flags and are matched in raw text, which is how Qwen and Llama 3 define theirs.
 */
final class GgufTokenizerMetadata {
    static final String MODEL = "tokenizer.ggml.model";
    static final String PRE = "tokenizer.ggml.pre";
    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    static final String BOS = "tokenizer.ggml.bos_token_id";
    static final String EOS = "tokenizer.ggml.eos_token_id";
    static final String PAD = "tokenizer.ggml.padding_token_id";
    static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    static final String CHAT_TEMPLATE = "tokenizer.chat_template";

    private GgufTokenizerMetadata() {
    }

    static Tokenizer read(Map<String, Object> meta) {
        String model = string(meta, MODEL, true);
        if (!model.equals("gpt2")) throw new IllegalArgumentException("unsupported " + MODEL + " '" + model + "' (only byte-level BPE 'gpt2')");
        String pre = string(meta, PRE, false);
        if (pre == null) pre = "default";
        TokenizerDefinition d = new TokenizerDefinition();
        d.preTokenizer = PreTokenizer.forGgufName(pre);
        if (pre.equals("qwen2") || pre.equals("deepseek-r1-qwen")) d.normalizer = TextNormalizer.of("NFC");
        // llama.cpp uses ignore_merges for Llama 3, matching its tokenizer.json.
        d.ignoreMerges = pre.equals("llama-bpe") || pre.equals("llama3") || pre.equals("llama-v3");

        String[] tokens = strings(meta.get(TOKENS), TOKENS);
        if (tokens == null) throw new IllegalArgumentException("missing " + TOKENS);
        int[] types = ints(meta.get(TOKEN_TYPE), TOKEN_TYPE);
        if (types == null) {
            types = new int[tokens.length];
            java.util.Arrays.fill(types, TokenType.NORMAL);
        }
        if (types.length != tokens.length) {
            throw new IllegalArgumentException(TOKEN_TYPE + " has " + types.length + " entries but " + TOKENS + " has " + tokens.length);
        }
        // Copies: the caller's metadata arrays must not be able to change this tokenizer later.
        tokens = tokens.clone();
        types = types.clone();
        d.tokens = tokens;
        d.types = types;
        Map<String, Integer> bpeVocab = new HashMap<>(tokens.length * 2);
        List<AddedToken> added = new ArrayList<>();
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] == null) throw new IllegalArgumentException(TOKENS + "[" + id + "] is null");
            int type = types[id];
            if (type < TokenType.UNDEFINED || type > TokenType.BYTE) throw new IllegalArgumentException(TOKEN_TYPE + "[" + id + "] = " + type + " is not a token type");
            if (TokenType.isAdded(type) && !tokens[id].isEmpty()) {
                added.add(AddedToken.plain(id, tokens[id], type == TokenType.CONTROL));
            }
            if (type == TokenType.UNKNOWN) d.unkId = id;
            if (type != TokenType.CONTROL && type != TokenType.UNUSED) bpeVocab.putIfAbsent(tokens[id], id);
        }
        d.bpeVocab = bpeVocab;
        d.addedTokens = added;
        String[] merges = strings(meta.get(MERGES), MERGES);
        if (merges != null) {
            for (int i = 0; i < merges.length; i++) d.merges.add(TokenizerJson.splitMerge(merges[i], MERGES + "[" + i + "]"));
        }
        d.bosId = id(meta, BOS);
        d.eosId = id(meta, EOS);
        d.padId = id(meta, PAD);
        Object addBos = meta.get(ADD_BOS);
        if (addBos != null && !(addBos instanceof Boolean)) throw new IllegalArgumentException(ADD_BOS + " must be a Boolean, got " + addBos.getClass().getSimpleName());
        d.addBos = Boolean.TRUE.equals(addBos);
        d.chatTemplate = string(meta, CHAT_TEMPLATE, false);
        return new Tokenizer(d);
    }

    static void write(Tokenizer t, Map<String, Object> meta) {
        String pre = t.preTokenizer().ggufName();
        if (pre == null) throw new IllegalStateException("this tokenizer's pre-tokenizer has no GGUF tokenizer.ggml.pre name");
        for (AddedToken a : t.addedTokens()) {
            if (a.lstrip() || a.rstrip() || a.singleWord() || a.normalized()) {
                throw new IllegalStateException("added token '" + a.content() + "' has strip/word/normalized flags GGUF cannot store");
            }
        }
        MergeTable m = t.merges();
        String[] bpeText = new String[t.vocabSize()];
        t.bpeVocab().forEach((text, id) -> bpeText[id] = text);
        String[] merges = new String[m.size()];
        for (int r = 0; r < merges.length; r++) merges[r] = bpeText[m.left(r)] + " " + bpeText[m.right(r)];
        meta.put(MODEL, "gpt2");
        meta.put(PRE, pre);
        meta.put(TOKENS, t.tokens().clone());
        meta.put(MERGES, merges);
        meta.put(TOKEN_TYPE, t.types().clone());
        if (t.bosId() >= 0) meta.put(BOS, t.bosId());
        if (t.eosId() >= 0) meta.put(EOS, t.eosId());
        if (t.padId() >= 0) meta.put(PAD, t.padId());
        meta.put(ADD_BOS, t.addBos());
        t.chatTemplate().ifPresent(c -> meta.put(CHAT_TEMPLATE, c));
    }

    private static String string(Map<String, Object> meta, String key, boolean required) {
        Object v = meta.get(key);
        if (v == null) {
            if (required) throw new IllegalArgumentException("missing " + key);
            return null;
        }
        if (!(v instanceof String)) throw new IllegalArgumentException(key + " must be a String, got " + v.getClass().getSimpleName());
        return (String) v;
    }

    private static int id(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) return -1;
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
            throw new IllegalArgumentException(key + " must be an Integer or Long, got " + v.getClass().getSimpleName());
        }
        long id = ((Number) v).longValue();
        if (id < 0 || id > Integer.MAX_VALUE) throw new IllegalArgumentException(key + " = " + id + " is not a token id");
        return (int) id;
    }

    /** String arrays may arrive as String[], Object[] or a List, depending on the GGUF reader. */
    private static String[] strings(Object v, String key) {
        if (v == null) return null;
        if (v instanceof String[]) return (String[]) v;
        Object[] items = v instanceof Object[] ? (Object[]) v : v instanceof Collection ? ((Collection<?>) v).toArray() : null;
        if (items == null) throw new IllegalArgumentException(key + " must be a String array, got " + v.getClass().getSimpleName());
        String[] out = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof String)) throw new IllegalArgumentException(key + "[" + i + "] is not a String");
            out[i] = (String) items[i];
        }
        return out;
    }

    /** Int arrays may arrive as int[], long[], Number[] or a List of numbers. */
    private static int[] ints(Object v, String key) {
        if (v == null) return null;
        if (v instanceof int[]) return (int[]) v;
        if (v instanceof long[]) {
            long[] l = (long[]) v;
            int[] out = new int[l.length];
            for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
            return out;
        }
        Object[] items = v instanceof Object[] ? (Object[]) v : v instanceof Collection ? ((Collection<?>) v).toArray() : null;
        if (items == null) throw new IllegalArgumentException(key + " must be an int array, got " + v.getClass().getSimpleName());
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof Number)) throw new IllegalArgumentException(key + "[" + i + "] is not a number");
            out[i] = ((Number) items[i]).intValue();
        }
        return out;
    }
}
