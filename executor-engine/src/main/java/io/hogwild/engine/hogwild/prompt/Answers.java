package io.hogwild.engine.hogwild.prompt;

import java.util.Optional;

/**
 * Finds the final answer in generated text: the content of the rightmost complete {@code \boxed{...}}.
 *
 * <p>Rules, and why:
 * <ul>
 *   <li>Only the exact opener {@code \boxed{} counts (no {@code \boxed 5}, no space before the brace):
 *       that is what the prompt asks for and what the finisher writes.</li>
 *   <li>Braces must balance. A backslash escapes the next character, so {@code \{} and {@code \}} are
 *       literal braces (LaTeX set notation) and do not open or close groups. A box that never closes is
 *       not an answer: the worker was cut off while writing it.</li>
 *   <li>A box inside a complete box belongs to the outer answer ({@code \boxed{\boxed{1}}} gives
 *       {@code \boxed{1}}); a complete box inside an unclosed one still counts.</li>
 *   <li>The content is returned stripped of surrounding whitespace. A box that is blank or holds only dots
 *       ({@code \boxed{}}, {@code \boxed{...}}, {@code \boxed{…}}) is skipped: workers quote the answer
 *       format from the prompt while talking about it, which must not end the session.</li>
 * </ul>
 */
public final class Answers {
    private static final String OPEN = "\\boxed{";

    private Answers() {}

    /** The stripped content of the rightmost complete, non-blank {@code \boxed{...}}, if any. */
    public static Optional<String> lastBoxed(String text) {
        if (text == null) return Optional.empty();
        String found = null;
        int from = 0;
        while (true) {
            int start = text.indexOf(OPEN, from);
            if (start < 0) break;
            int contentStart = start + OPEN.length();
            int close = matchingClose(text, contentStart);
            if (close < 0) {
                // Unclosed: look for complete boxes after this opener, including ones nested inside it.
                from = contentStart;
                continue;
            }
            String content = text.substring(contentStart, close).strip();
            if (!isPlaceholder(content)) found = content;
            from = close + 1;
        }
        return Optional.ofNullable(found);
    }

    /** Whether the text holds a final answer in the sense of {@link #lastBoxed}. */
    public static boolean hasFinalAnswer(String text) {
        return lastBoxed(text).isPresent();
    }

    /** Blank or only dots: {@code \boxed{}} and {@code \boxed{...}} name the format, they do not answer. */
    private static boolean isPlaceholder(String content) {
        return content.chars().allMatch(c -> c == '.' || c == '\u2026');
    }

    /** Index of the brace that closes a group whose content starts at {@code from}, or -1. */
    private static int matchingClose(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // escaped character: "\{" and "\}" are literal, "\\" is a line break
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
