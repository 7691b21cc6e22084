package io.hogwild.engine.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet ("bytes_to_unicode"): every byte value gets a visible character so that
 * BPE vocabularies can be stored as ordinary strings. Printable Latin-1 bytes map to themselves; the other
 * 68 bytes (controls, space, DEL, NBSP, soft hyphen) map, in byte order, to U+0100.. (so space is 'Ġ' U+0120
 * and newline is 'Ċ' U+010A).
 */
final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    /** Indexed by char; -1 where the char is not part of the alphabet. Covers U+0000..U+0143. */
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : 0x100 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    static char toChar(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The alphabet string of raw bytes, i.e. how a vocabulary stores them. */
    static String encode(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Raw bytes of a vocabulary string. As in the Hugging Face ByteLevel decoder, a string containing any
     * character outside the alphabet is taken as literal text and contributes its own UTF-8 bytes.
     */
    static byte[] decode(String token) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) return token.getBytes(StandardCharsets.UTF_8);
            out[i] = (byte) b;
        }
        return out;
    }
}
