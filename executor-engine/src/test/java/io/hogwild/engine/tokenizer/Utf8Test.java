package io.hogwild.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Utf8Test {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static String decode(int... v) {
        byte[] b = bytes(v);
        return Utf8.decode(b, 0, b.length);
    }

    @Test
    void oneReplacementPerMaximalSubpart() {
        // The Unicode standard's example (section 3.9, "U+FFFD Substitution of Maximal Subparts").
        assertEquals("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd",
                decode(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64));
        assertEquals("\uFFFD\uFFFD\uFFFD", decode(0xED, 0xA0, 0x80), "surrogates are not characters");
        assertEquals("\uFFFD\uFFFD", decode(0xC0, 0xAF), "overlong");
        assertEquals("\uFFFD\uFFFD\uFFFD", decode(0xF0, 0x80, 0x80), "overlong 4-byte lead");
        assertEquals("\uFFFD\uFFFD", decode(0xF4, 0x90), "beyond U+10FFFF");
        assertEquals("\uFFFDA", decode(0xE2, 0x82, 0x41));
        assertEquals("€😀é", decode(0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9));
    }

    @Test
    void incompleteTailOnlyForValidPrefixes() {
        assertEquals(0, Utf8.incompleteTail(bytes(0x41), 1));
        assertEquals(1, Utf8.incompleteTail(bytes(0x41, 0xF0), 2));
        assertEquals(2, Utf8.incompleteTail(bytes(0xF0, 0x9F), 2));
        assertEquals(3, Utf8.incompleteTail(bytes(0xF0, 0x9F, 0x98), 3));
        assertEquals(0, Utf8.incompleteTail(bytes(0xF0, 0x9F, 0x98, 0x80), 4), "complete");
        assertEquals(0, Utf8.incompleteTail(bytes(0xF0, 0x80), 2), "invalid second byte: nothing to wait for");
        assertEquals(0, Utf8.incompleteTail(bytes(0x80, 0x80), 2), "stray continuation bytes");
        assertEquals(2, Utf8.incompleteTail(bytes(0xE2, 0x82), 2));
        assertEquals(0, Utf8.incompleteTail(bytes(0xC3, 0xA9), 2));
    }

    @Test
    void streamingDecoderHoldsBackAndReplaces() {
        Tokenizer q = Tokenizer.qwen3();
        int[] byteIds = new int[256];
        for (int b = 0; b < 256; b++) byteIds[b] = q.bpeVocab().get(String.valueOf(ByteLevel.toChar(b)));
        StreamingDecoder s = q.streamingDecoder();
        // 😀 = F0 9F 98 80 fed one byte token at a time.
        assertEquals("", s.accept(byteIds[0xF0]));
        assertEquals("", s.accept(byteIds[0x9F]));
        assertEquals("", s.accept(byteIds[0x98]));
        assertEquals("😀", s.accept(byteIds[0x80]));
        // An interrupted sequence becomes U+FFFD as soon as it is known to be broken.
        assertEquals("", s.accept(byteIds[0xE2]));
        assertEquals("\uFFFDA", s.accept(byteIds['A']));
        assertEquals("\uFFFD", s.accept(byteIds[0xFF]));
        assertEquals("", s.accept(byteIds[0xC3]));
        assertEquals("\uFFFD", s.flush());
        assertEquals("", s.flush());
    }
}
