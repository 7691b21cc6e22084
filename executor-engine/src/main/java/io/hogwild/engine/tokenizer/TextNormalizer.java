package io.hogwild.engine.tokenizer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The tokenizer.json normalizers a byte-level BPE tokenizer uses: Unicode normal forms (Qwen applies
 * NFC), lowercasing, and sequences of those. Others are rejected when the file is read.
 */
final class TextNormalizer {
    static final TextNormalizer NONE = new TextNormalizer("none", UnaryOperator.identity());

    private final String name;
    private final UnaryOperator<String> op;

    private TextNormalizer(String name, UnaryOperator<String> op) {
        this.name = name;
        this.op = op;
    }

    static TextNormalizer of(String type) {
        switch (type) {
            case "NFC": return form("NFC", Normalizer.Form.NFC);
            case "NFD": return form("NFD", Normalizer.Form.NFD);
            case "NFKC": return form("NFKC", Normalizer.Form.NFKC);
            case "NFKD": return form("NFKD", Normalizer.Form.NFKD);
            case "Lowercase": return new TextNormalizer("Lowercase", s -> s.toLowerCase(Locale.ROOT));
            default: throw new IllegalArgumentException("unsupported normalizer type '" + type + "'");
        }
    }

    static TextNormalizer sequence(List<TextNormalizer> parts) {
        if (parts.isEmpty()) return NONE;
        if (parts.size() == 1) return parts.get(0);
        StringBuilder name = new StringBuilder("Sequence");
        for (TextNormalizer p : parts) name.append(p == parts.get(0) ? "[" : ",").append(p.name);
        return new TextNormalizer(name.append(']').toString(), s -> {
            for (TextNormalizer p : parts) s = p.apply(s);
            return s;
        });
    }

    private static TextNormalizer form(String name, Normalizer.Form form) {
        // isNormalized is a cheap scan; most text is already NFC, so this avoids copying it.
        return new TextNormalizer(name, s -> Normalizer.isNormalized(s, form) ? s : Normalizer.normalize(s, form));
    }

    String apply(String text) {
        return op.apply(text);
    }

    String name() {
        return name;
    }
}
