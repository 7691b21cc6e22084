package io.hogwild.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Tokenizer} is built from, filled in by a reader (tokenizer.json or GGUF metadata).
 * Mutable on purpose: readers set fields as they parse, then hand it over once.
 */
final class TokenizerDefinition {
    /** Text per id: byte-level vocabulary strings, added-token contents, placeholders for gaps. */
    String[] tokens;
    /** {@link TokenType} per id. */
    int[] types;
    /** The strings BPE looks up (pieces and merge results) -> id. */
    Map<String, Integer> bpeVocab;
    /** Merges in rank order, each {left, right} as vocabulary strings. */
    List<String[]> merges = new ArrayList<>();
    boolean ignoreMerges;
    int unkId = -1;
    List<AddedToken> addedTokens = new ArrayList<>();
    TextNormalizer normalizer = TextNormalizer.NONE;
    PreTokenizer preTokenizer;
    int bosId = -1;
    int eosId = -1;
    int padId = -1;
    boolean addBos;
    String chatTemplate;

    /** Placeholder text for an id nobody defined, as llama.cpp's converters write it. */
    static String gapText(int id) {
        return "[PAD" + id + "]";
    }
}
