package io.hogwild.engine.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in text: at the leftmost position where any token matches, the longest one wins
 * (Hugging Face uses a leftmost-longest Aho-Corasick automaton). With a few dozen tokens, candidates
 * bucketed by first char and tried longest first are just as exact and much simpler.
 */
final class AddedTokens {
    /** Callback for the pieces of a split: plain text between tokens, and matched token ids. */
    interface Sink {
        void text(String text);

        void token(int id);
    }

    private final List<AddedToken> all;
    private final Map<Character, AddedToken[]> byFirstChar = new HashMap<>();
    /** Chars that start some token: lets the scan skip ordinary text without a map lookup. */
    private final java.util.BitSet firstChars = new java.util.BitSet();

    AddedTokens(List<AddedToken> tokens) {
        this.all = List.copyOf(tokens);
        Map<Character, List<AddedToken>> buckets = new HashMap<>();
        for (AddedToken t : all) buckets.computeIfAbsent(t.content().charAt(0), k -> new ArrayList<>()).add(t);
        buckets.forEach((c, list) -> {
            AddedToken[] arr = list.toArray(new AddedToken[0]);
            Arrays.sort(arr, Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
            byFirstChar.put(c, arr);
            firstChars.set(c);
        });
    }

    List<AddedToken> all() {
        return all;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Splits {@code text} using the tokens whose {@code normalized} flag equals {@code normalized}
     * ({@code parseSpecial=false} skips special ones). Text between matches goes to {@code sink.text}, never
     * empty.
     */
    void split(String text, boolean normalized, boolean parseSpecial, Sink sink) {
        int done = 0; // end of the last match: text before it has been emitted
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            AddedToken[] candidates = firstChars.get(c) ? byFirstChar.get(c) : null;
            AddedToken hit = null;
            if (candidates != null) {
                for (AddedToken t : candidates) {
                    if (t.normalized() != normalized || (t.special() && !parseSpecial)) continue;
                    if (text.startsWith(t.content(), i) && (!t.singleWord() || isWordBoundary(text, i, i + t.content().length()))) {
                        hit = t;
                        break;
                    }
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + hit.content().length();
            if (hit.lstrip()) {
                while (start > done && isWhitespace(text.codePointBefore(start))) start -= Character.charCount(text.codePointBefore(start));
            }
            if (hit.rstrip()) {
                while (end < text.length() && isWhitespace(text.codePointAt(end))) end += Character.charCount(text.codePointAt(end));
            }
            if (start > done) sink.text(text.substring(done, start));
            sink.token(hit.id());
            done = end;
            i = end;
        }
        if (done < text.length()) sink.text(text.substring(done));
    }

    /** single_word: the match must not touch a word character on either side. */
    private static boolean isWordBoundary(String text, int start, int end) {
        return (start == 0 || !isWordChar(text.codePointBefore(start)))
                && (end == text.length() || !isWordChar(text.codePointAt(end)));
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    /** Unicode White_Space, which is what Rust's char::is_whitespace tests (Java's isWhitespace differs). */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }
}
