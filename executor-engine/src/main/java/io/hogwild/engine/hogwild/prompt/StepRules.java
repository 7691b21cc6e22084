package io.hogwild.engine.hogwild.prompt;

/**
 * When a worker's step is over (DESIGN 2.3).
 *
 * <p>A step ends on the token that writes a blank line right after the end of a sentence, outside any
 * code or display-math block. Precisely, {@link #endsStep} is true when all of these hold:
 * <ol>
 *   <li>the last token contains {@code "\n\n"} and only whitespace follows its last {@code "\n\n"}. The
 *       token that ends a step becomes the head of the worker's next fragment, followed by the next step
 *       prefix; a token like {@code "\n\nThe"} would carry a word of the new paragraph over the prefix,
 *       so it does not end a step. (Byte-level BPE tokenizers never merge newlines with a following word,
 *       so this rarely matters.)</li>
 *   <li>the step text, stripped of trailing whitespace, ends with a sentence terminator, optionally
 *       followed by closing characters (see below).</li>
 *   <li>the text is not inside an open {@code ```} fence, {@code ~~~} fence, or {@code $$} block.</li>
 * </ol>
 *
 * <p><b>Sentence terminators</b> are the 152 code points with the Unicode property Sentence_Terminal
 * (Unicode 14: {@code . ! ?}, {@code 。 ？ ！ ． ｡}, {@code ؟ ۔ । ॥ ። ᙮ ‼ ⁇ ⁈ ⁉} and the rest of every
 * script's full stops), plus U+2026 HORIZONTAL ELLIPSIS, which is not in that property but ends
 * sentences in practice. The rule is purely lexical: "e.g." or a list item "1." followed by a blank line
 * ends a step as well, which matches the reference behaviour and is harmless (the worker simply goes on
 * in its next step).
 *
 * <p><b>Closing characters</b> after the terminator follow the Close class of Unicode sentence
 * segmentation (UAX #29): closing brackets (Pe) and quotation marks (Pi, Pf, ASCII {@code "} and
 * {@code '}), but not opening brackets; plus the markdown and math closers a model writes after a
 * sentence: {@code *} and {@code _} (emphasis) and {@code $} (end of inline or display math). So
 * {@code He said "done."}, {@code (see above.)}, {@code **Done.**} and {@code $$x = 1.$$} end a step.
 *
 * <p><b>Blocks</b> are tracked by scanning the markers left to right: inside a {@code ```} fence only
 * {@code ```} closes it, so a {@code $$} or {@code ~~~} in code does not count; likewise inside
 * {@code ~~~} and inside {@code $$}. Without nesting this is the same as "an odd number of markers".
 * Markers count anywhere, not only at line starts, because a model's stray inline fence should keep the
 * step open rather than split a code block. LaTeX {@code \[ ... \]} is not tracked.
 */
public final class StepRules {
    /** The separator that must appear in the token that ends a step. */
    public static final String SEPARATOR = "\n\n";

    /** Sentence_Terminal ranges (Unicode 14), inclusive pairs, sorted; generated from the UCD. */
    private static final int[] STERM_RANGES = {
        0x0021, 0x0021, 0x002E, 0x002E, 0x003F, 0x003F, 0x0589, 0x0589, 0x061D, 0x061F, 0x06D4, 0x06D4,
        0x0700, 0x0702, 0x07F9, 0x07F9, 0x0837, 0x0837, 0x0839, 0x0839, 0x083D, 0x083E, 0x0964, 0x0965,
        0x104A, 0x104B, 0x1362, 0x1362, 0x1367, 0x1368, 0x166E, 0x166E, 0x1735, 0x1736, 0x1803, 0x1803,
        0x1809, 0x1809, 0x1944, 0x1945, 0x1AA8, 0x1AAB, 0x1B5A, 0x1B5B, 0x1B5E, 0x1B5F, 0x1B7D, 0x1B7E,
        0x1C3B, 0x1C3C, 0x1C7E, 0x1C7F, 0x203C, 0x203D, 0x2047, 0x2049, 0x2E2E, 0x2E2E, 0x2E3C, 0x2E3C,
        0x2E53, 0x2E54, 0x3002, 0x3002, 0xA4FF, 0xA4FF, 0xA60E, 0xA60F, 0xA6F3, 0xA6F3, 0xA6F7, 0xA6F7,
        0xA876, 0xA877, 0xA8CE, 0xA8CF, 0xA92F, 0xA92F, 0xA9C8, 0xA9C9, 0xAA5D, 0xAA5F, 0xAAF0, 0xAAF1,
        0xABEB, 0xABEB, 0xFE52, 0xFE52, 0xFE56, 0xFE57, 0xFF01, 0xFF01, 0xFF0E, 0xFF0E, 0xFF1F, 0xFF1F,
        0xFF61, 0xFF61, 0x10A56, 0x10A57, 0x10F55, 0x10F59, 0x10F86, 0x10F89, 0x11047, 0x11048, 0x110BE, 0x110C1,
        0x11141, 0x11143, 0x111C5, 0x111C6, 0x111CD, 0x111CD, 0x111DE, 0x111DF, 0x11238, 0x11239, 0x1123B, 0x1123C,
        0x112A9, 0x112A9, 0x1144B, 0x1144C, 0x115C2, 0x115C3, 0x115C9, 0x115D7, 0x11641, 0x11642, 0x1173C, 0x1173E,
        0x11944, 0x11944, 0x11946, 0x11946, 0x11A42, 0x11A43, 0x11A9B, 0x11A9C, 0x11C41, 0x11C42, 0x11EF7, 0x11EF8,
        0x16A6E, 0x16A6F, 0x16AF5, 0x16AF5, 0x16B37, 0x16B38, 0x16B44, 0x16B44, 0x16E98, 0x16E98, 0x1BC9F, 0x1BC9F,
        0x1DA88, 0x1DA88,
    };

    private static final int ELLIPSIS = 0x2026;

    /** Block markers; while one is open, only the same marker closes it. */
    private static final String[] MARKERS = {"```", "~~~", "$$"};

    private StepRules() {}

    /**
     * Whether the step is over after {@code lastTokenText} was generated. {@code stepTextSoFar} is the
     * whole text of the current step, including {@code lastTokenText} at its end.
     */
    public static boolean endsStep(String stepTextSoFar, String lastTokenText) {
        if (stepTextSoFar == null || lastTokenText == null) return false;
        int sep = lastTokenText.lastIndexOf(SEPARATOR);
        if (sep < 0 || !lastTokenText.substring(sep).isBlank()) return false;
        return endsWithSentence(stepTextSoFar) && !insideOpenBlock(stepTextSoFar);
    }

    /** Whether the text, stripped of trailing whitespace, ends with a terminator and optional closers. */
    public static boolean endsWithSentence(String text) {
        int i = text.stripTrailing().length();
        while (i > 0) {
            int cp = text.codePointBefore(i);
            if (isSentenceTerminal(cp)) return true;
            if (!isCloser(cp)) return false;
            i -= Character.charCount(cp);
        }
        return false;
    }

    /** Sentence_Terminal or the horizontal ellipsis. */
    public static boolean isSentenceTerminal(int cp) {
        if (cp == ELLIPSIS) return true;
        // Binary search over the range starts: the last range starting at or before cp.
        int lo = 0;
        int hi = STERM_RANGES.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (STERM_RANGES[2 * mid] <= cp) lo = mid + 1;
            else hi = mid - 1;
        }
        return hi >= 0 && cp <= STERM_RANGES[2 * hi + 1];
    }

    /** Characters allowed between a terminator and the end of the step. */
    static boolean isCloser(int cp) {
        switch (cp) {
            case '"': case '\'': case '*': case '_': case '$':
                return true;
            default:
                int type = Character.getType(cp);
                return type == Character.END_PUNCTUATION
                        || type == Character.FINAL_QUOTE_PUNCTUATION
                        || type == Character.INITIAL_QUOTE_PUNCTUATION;
        }
    }

    /** Whether the text ends inside an open ``` fence, ~~~ fence or $$ block. */
    public static boolean insideOpenBlock(String text) {
        String open = null;
        int i = 0;
        while (i < text.length()) {
            if (open != null) {
                int close = text.indexOf(open, i);
                if (close < 0) return true;
                i = close + open.length();
                open = null;
                continue;
            }
            int best = -1;
            String bestMarker = null;
            for (String m : MARKERS) {
                int at = text.indexOf(m, i);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    bestMarker = m;
                }
            }
            if (best < 0) return false;
            open = bestMarker;
            i = best + bestMarker.length();
        }
        return open != null;
    }

    /** For tests: the number of code points in the terminator set, ellipsis included. */
    static int terminatorCount() {
        int n = 1;
        for (int k = 0; k < STERM_RANGES.length; k += 2) n += STERM_RANGES[k + 1] - STERM_RANGES[k] + 1;
        return n;
    }

    /** For tests: the binary search needs sorted, non-overlapping pairs. */
    static boolean tableIsSorted() {
        for (int k = 0; k < STERM_RANGES.length; k += 2) {
            if (STERM_RANGES[k] > STERM_RANGES[k + 1]) return false;
            if (k > 0 && STERM_RANGES[k] <= STERM_RANGES[k - 1]) return false;
        }
        return STERM_RANGES.length % 2 == 0;
    }
}
