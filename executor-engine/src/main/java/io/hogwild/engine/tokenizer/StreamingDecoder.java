package io.hogwild.engine.tokenizer;

import java.util.Arrays;

/**
 * Turns a stream of token ids into text as it is generated. A character may span several tokens (emoji,
 * CJK and most non-Latin text are often split mid-character), so the bytes of an unfinished UTF-8 sequence
 * are held back until a later token completes it. Invalid bytes become U+FFFD, exactly as in
 * {@link Tokenizer#decode(int[])}, so the concatenation of all returned strings plus {@link #flush()} equals
 * decoding the whole sequence at once. Not thread-safe: use one per generated sequence.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private byte[] pending = new byte[16];
    private int pendingLength;

    StreamingDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token; returns the text it completes (possibly empty, never null). */
    public String accept(int id) {
        byte[] bytes = tokenizer.rawTokenBytes(id);
        if (pendingLength + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
        pendingLength += bytes.length;
        int hold = Utf8.incompleteTail(pending, pendingLength);
        int ready = pendingLength - hold;
        if (ready == 0) return "";
        String text = Utf8.decode(pending, 0, ready);
        System.arraycopy(pending, ready, pending, 0, hold);
        pendingLength = hold;
        return text;
    }

    /** Ends the stream: bytes still held back cannot be completed any more and come out as U+FFFD. */
    public String flush() {
        String text = Utf8.decode(pending, 0, pendingLength);
        pendingLength = 0;
        return text;
    }

    /** Whether bytes of an unfinished character are being held back. */
    public boolean hasPending() {
        return pendingLength > 0;
    }
}
