package io.hogwild.engine.modelfile;

import java.util.Map;

/**
 * A byte-level vocabulary for generated models that have no real tokenizer: the 256 byte tokens (so any
 * text encodes), the ChatML control tokens, and unused filler up to the requested size.
 */
final class SyntheticVocabulary {
    private SyntheticVocabulary() {}

    static void write(Map<String, Object> meta, int vocabSize) {
        String[] tokens = new String[vocabSize];
        int[] types = new int[vocabSize];
        char[] byteChars = byteLevelAlphabet();
        for (int b = 0; b < 256; b++) {
            tokens[b] = String.valueOf(byteChars[b]);
            types[b] = 1;
        }
        String[] specials = {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>"};
        for (int i = 0; i < specials.length; i++) {
            tokens[256 + i] = specials[i];
            types[256 + i] = i < 3 ? 3 : 4;
        }
        for (int i = 256 + specials.length; i < vocabSize; i++) {
            tokens[i] = "<|unused_" + i + "|>";
            types[i] = 5;
        }
        meta.put("tokenizer.ggml.model", "gpt2");
        meta.put("tokenizer.ggml.pre", "qwen2");
        meta.put("tokenizer.ggml.tokens", tokens);
        meta.put("tokenizer.ggml.token_type", types);
        meta.put("tokenizer.ggml.merges", new String[0]);
        meta.put("tokenizer.ggml.eos_token_id", 256 + 2);
        meta.put("tokenizer.ggml.padding_token_id", 256);
        meta.put("tokenizer.ggml.add_bos_token", false);
    }

    /** GPT-2's byte-to-character table: printable bytes map to themselves, the rest to U+0100 onwards. */
    static char[] byteLevelAlphabet() {
        char[] map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char) b : (char) next++;
        }
        return map;
    }
}
