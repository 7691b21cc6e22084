package io.hogwild.engine.tokenizer;

/**
 * A token matched as a whole in the input before pre-tokenization (tokenizer.json "added_tokens", GGUF
 * control and user-defined tokens). {@code special} marks control tokens (chat markers, end of text): those
 * are the ones {@code parseSpecial=false} leaves as plain text. The strip/word flags follow Hugging Face:
 * lstrip/rstrip absorb neighbouring whitespace into the match, singleWord only matches between non-word
 * characters, normalized matches against normalized text instead of the raw input.
 */
record AddedToken(int id, String content, boolean special, boolean lstrip, boolean rstrip, boolean singleWord,
                  boolean normalized) {
    AddedToken {
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("added token " + id + " has empty content");
        }
    }

    static AddedToken plain(int id, String content, boolean special) {
        return new AddedToken(id, content, special, false, false, false, false);
    }
}
