package io.hogwild.engine.tokenizer;

/**
 * Lossy UTF-8 decoding with the Unicode "maximal subpart" rule (one U+FFFD per maximal ill-formed
 * subsequence), the rule Rust's {@code String::from_utf8_lossy} and WHATWG decoders use, so decoded text
 * matches the Hugging Face tokenizers byte for byte. Written out rather than relying on the JDK decoder's
 * replacement behaviour, which is not specified to follow that rule.
 */
final class Utf8 {
    static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    static String decode(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        decode(b, off, len, sb);
        return sb.toString();
    }

    static void decode(byte[] b, int off, int len, StringBuilder out) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need = continuationCount(b0);
            if (need == 0) {
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            int cp = b0 & (0x3F >> need);
            int j = i + 1;
            int got = 0;
            while (got < need && j < end && isValidContinuation(b0, got, b[j] & 0xFF)) {
                cp = (cp << 6) | (b[j] & 0x3F);
                j++;
                got++;
            }
            if (got == need) out.appendCodePoint(cp);
            else out.append(REPLACEMENT);
            i = j;
        }
    }

    /**
     * Length of the trailing bytes that form a valid but unfinished character (0..3): what a streaming
     * decoder must hold back because the next token may complete it.
     */
    static int incompleteTail(byte[] b, int len) {
        for (int t = 1; t <= 3 && t <= len; t++) {
            int lead = b[len - t] & 0xFF;
            if (lead >= 0x80 && lead <= 0xBF) continue; // continuation byte: look further back
            int need = continuationCount(lead);
            if (need < t) return 0; // ASCII, invalid, or a sequence that is already complete
            for (int k = 1; k < t; k++) {
                if (!isValidContinuation(lead, k - 1, b[len - t + k] & 0xFF)) return 0;
            }
            return t;
        }
        return 0;
    }

    /** Continuation bytes a lead byte announces; 0 for ASCII and for bytes that can never start a character. */
    private static int continuationCount(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) return 1;
        if (lead >= 0xE0 && lead <= 0xEF) return 2;
        if (lead >= 0xF0 && lead <= 0xF4) return 3;
        return 0;
    }

    /** Table 3-7 of the Unicode standard: the second byte's range excludes overlongs, surrogates and > U+10FFFF. */
    private static boolean isValidContinuation(int lead, int index, int c) {
        int lo = 0x80;
        int hi = 0xBF;
        if (index == 0) {
            if (lead == 0xE0) lo = 0xA0;
            else if (lead == 0xED) hi = 0x9F;
            else if (lead == 0xF0) lo = 0x90;
            else if (lead == 0xF4) hi = 0x8F;
        }
        return c >= lo && c <= hi;
    }
}
