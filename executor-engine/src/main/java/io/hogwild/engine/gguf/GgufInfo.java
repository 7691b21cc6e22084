package io.hogwild.engine.gguf;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Map;

/**
 * Human-readable summary of a GGUF file for the CLI {@code info} command: header facts, every metadata key
 * with its type and value (long strings and arrays shortened), and the tensor table.
 */
public final class GgufInfo {
    /** Array elements shown before "...". */
    static final int ARRAY_PREVIEW = 8;
    /** Characters of a string shown before it is cut. */
    static final int STRING_PREVIEW = 80;

    private GgufInfo() {}

    public static String describe(GgufFile f) {
        StringBuilder sb = new StringBuilder();
        sb.append("GGUF version ").append(f.version()).append(": ").append(f.path()).append('\n');
        sb.append("  file size ").append(f.fileSize()).append(" bytes, alignment ").append(f.alignment())
                .append(", data section at offset ").append(f.dataOffset()).append('\n');

        Map<String, Object> md = f.metadata();
        sb.append("\nmetadata (").append(md.size()).append(md.size() == 1 ? " key" : " keys").append("):\n");
        int keyWidth = 0, typeWidth = 0;
        for (String k : md.keySet()) {
            keyWidth = Math.max(keyWidth, Math.min(k.length(), 48));
            typeWidth = Math.max(typeWidth, f.typeName(k).length());
        }
        for (Map.Entry<String, Object> e : md.entrySet()) {
            sb.append("  ").append(pad(e.getKey(), keyWidth)).append("  ").append(pad(f.typeName(e.getKey()), typeWidth))
                    .append("  ").append(value(e.getValue())).append('\n');
        }

        long total = 0;
        for (GgufTensor t : f.tensors()) total += t.bytes();
        sb.append("\ntensors (").append(f.tensors().size()).append(", ").append(total).append(" bytes):\n");
        String[][] rows = new String[f.tensors().size() + 1][];
        rows[0] = new String[] {"name", "type", "dims", "bytes", "offset"};
        for (int i = 0; i < f.tensors().size(); i++) {
            GgufTensor t = f.tensors().get(i);
            rows[i + 1] = new String[] {t.name(), t.type().name(), Arrays.toString(t.dims()),
                    Long.toString(t.bytes()), Long.toString(t.offset())};
        }
        int[] w = new int[5];
        for (String[] r : rows) for (int c = 0; c < 5; c++) w[c] = Math.max(w[c], r[c].length());
        for (String[] r : rows) {
            sb.append("  ").append(pad(r[0], w[0])).append("  ").append(pad(r[1], w[1])).append("  ")
                    .append(pad(r[2], w[2])).append("  ").append(padLeft(r[3], w[3])).append("  ")
                    .append(padLeft(r[4], w[4])).append('\n');
        }
        return sb.toString();
    }

    /** One metadata value on one line. */
    static String value(Object v) {
        if (v instanceof String s) return quote(s);
        if (v != null && v.getClass().isArray()) {
            int n = Array.getLength(v);
            StringBuilder sb = new StringBuilder("[").append(n).append(n == 1 ? " element" : " elements").append("]");
            for (int i = 0; i < Math.min(n, ARRAY_PREVIEW); i++) {
                sb.append(i == 0 ? " " : ", ").append(element(Array.get(v, i)));
            }
            if (n > ARRAY_PREVIEW) sb.append(", ...");
            return sb.toString();
        }
        return String.valueOf(v);
    }

    private static String element(Object v) {
        if (v != null && v.getClass().isArray()) return "{" + value(v) + "}";
        return value(v);
    }

    /** Quoted, control characters escaped (chat templates are full of newlines), long strings cut. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int shown = 0, i = 0;
        for (; i < s.length() && shown < STRING_PREVIEW; shown++) {
            int c = s.codePointAt(i); // whole code points, so a cut never splits a surrogate pair
            i += Character.charCount(c);
            switch (c) {
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.append(String.format("\\u%04x", c));
                    else sb.appendCodePoint(c);
            }
        }
        sb.append('"');
        if (i < s.length()) sb.append("... (").append(s.length()).append(" chars)");
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
