package io.hogwild.engine.tokenizer;

/** Token kinds, numbered as GGUF's tokenizer.ggml.token_type (llama.cpp's llama_token_type). */
final class TokenType {
    static final int UNDEFINED = 0;
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int UNUSED = 5;
    static final int BYTE = 6;

    private TokenType() {
    }

    static boolean isAdded(int type) {
        return type == CONTROL || type == USER_DEFINED;
    }
}
