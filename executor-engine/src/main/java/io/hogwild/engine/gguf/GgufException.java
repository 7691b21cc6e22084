package io.hogwild.engine.gguf;

/**
 * Any problem with a GGUF file: bad format, hostile sizes, missing or mistyped metadata, I/O failure while
 * reading. The message always names the file and the problem, so it can be shown to a user as is.
 */
public final class GgufException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GgufException(String message) {
        super(message);
    }

    public GgufException(String message, Throwable cause) {
        super(message, cause);
    }
}
