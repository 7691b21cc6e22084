package io.hogwild.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Splits normalized text into the pieces BPE runs on. A sequence of steps, each applied to every piece
 * the previous step produced (the Hugging Face "Sequence" semantics): regex splits and ByteLevel's optional
 * prefix space. The byte-to-alphabet mapping of ByteLevel itself happens in {@link BpeModel}.
 */
final class PreTokenizer {
    /** Qwen2/Qwen3: like Llama 3 but one digit per piece. */
    static final String QWEN2_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** Llama 3: digits grouped in runs of up to three. */
    static final String LLAMA3_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** GPT-2, also what ByteLevel(use_regex=true) applies. */
    static final String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    /** How a split treats the regex matches (Hugging Face SplitDelimiterBehavior). */
    enum Behavior {
        REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

        static Behavior fromJson(String name) {
            switch (name) {
                case "Removed": return REMOVED;
                case "Isolated": return ISOLATED;
                case "MergedWithPrevious": return MERGED_WITH_PREVIOUS;
                case "MergedWithNext": return MERGED_WITH_NEXT;
                case "Contiguous": return CONTIGUOUS;
                default: throw new IllegalArgumentException("unknown Split behavior '" + name + "'");
            }
        }
    }

    /** One step; {@code regex == null} means "prepend a space unless the piece starts with one". */
    private record Step(String regex, Pattern pattern, Behavior behavior, boolean invert) {
    }

    private final List<Step> steps;

    private PreTokenizer(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    static Builder builder() {
        return new Builder();
    }

    /** The pre-tokenizer of a GGUF {@code tokenizer.ggml.pre} value. */
    static PreTokenizer forGgufName(String pre) {
        Objects.requireNonNull(pre, "tokenizer.ggml.pre");
        switch (pre) {
            case "qwen2":
            case "deepseek-r1-qwen":
                return builder().split(QWEN2_REGEX, Behavior.ISOLATED, false).build();
            case "llama-bpe":
            case "llama3":
            case "llama-v3":
                return builder().split(LLAMA3_REGEX, Behavior.ISOLATED, false).build();
            case "gpt2":
            case "gpt-2":
            case "default":
                return builder().split(GPT2_REGEX, Behavior.ISOLATED, false).build();
            default:
                throw new IllegalArgumentException("unsupported tokenizer.ggml.pre '" + pre + "'");
        }
    }

    /**
     * The GGUF {@code tokenizer.ggml.pre} name that reproduces this pre-tokenizer, or null when it is not
     * one of the known families.
     */
    String ggufName() {
        if (steps.size() != 1) return null;
        Step s = steps.get(0);
        if (s.regex == null || s.behavior != Behavior.ISOLATED || s.invert) return null;
        if (s.regex.equals(QWEN2_REGEX)) return "qwen2";
        if (s.regex.equals(LLAMA3_REGEX)) return "llama-bpe";
        if (s.regex.equals(GPT2_REGEX)) return "gpt2";
        return null;
    }

    /** Appends the non-empty pieces of {@code text} to {@code out}. */
    void split(String text, List<String> out) {
        if (steps.isEmpty()) {
            if (!text.isEmpty()) out.add(text);
            return;
        }
        List<String> current = List.of(text);
        for (int i = 0; i < steps.size(); i++) {
            List<String> next = i == steps.size() - 1 ? out : new ArrayList<>();
            for (String piece : current) apply(steps.get(i), piece, next);
            current = next;
        }
    }

    private static void apply(Step step, String piece, List<String> out) {
        if (step.regex == null) {
            out.add(piece.startsWith(" ") ? piece : " " + piece);
            return;
        }
        // Spans alternate between non-matches and matches; ends[i] closes span i, isMatch[i] tells which.
        List<int[]> spans = new ArrayList<>();
        Matcher m = step.pattern.matcher(piece);
        int prev = 0;
        while (m.find()) {
            if (m.start() == m.end()) continue;
            if (prev < m.start()) spans.add(new int[] {prev, m.start(), step.invert ? 1 : 0});
            spans.add(new int[] {m.start(), m.end(), step.invert ? 0 : 1});
            prev = m.end();
        }
        if (prev < piece.length()) spans.add(new int[] {prev, piece.length(), step.invert ? 1 : 0});
        if (step.behavior == Behavior.ISOLATED) {
            for (int[] s : spans) out.add(piece.substring(s[0], s[1]));
            return;
        }
        for (int[] s : combine(spans, step.behavior)) {
            if (s[1] > s[0]) out.add(piece.substring(s[0], s[1]));
        }
    }

    /** The non-isolated behaviors, following the Hugging Face definitions. */
    private static List<int[]> combine(List<int[]> spans, Behavior behavior) {
        List<int[]> acc = new ArrayList<>();
        switch (behavior) {
            case REMOVED:
                for (int[] s : spans) if (s[2] == 0) acc.add(s);
                return acc;
            case MERGED_WITH_PREVIOUS: {
                boolean previousMatch = false;
                for (int[] s : spans) {
                    if (s[2] == 1 && !previousMatch && !acc.isEmpty()) acc.get(acc.size() - 1)[1] = s[1];
                    else acc.add(s.clone());
                    previousMatch = s[2] == 1;
                }
                return acc;
            }
            case MERGED_WITH_NEXT: {
                boolean previousMatch = false;
                for (int i = spans.size() - 1; i >= 0; i--) {
                    int[] s = spans.get(i);
                    if (s[2] == 1 && !previousMatch && !acc.isEmpty()) acc.get(acc.size() - 1)[0] = s[0];
                    else acc.add(s.clone());
                    previousMatch = s[2] == 1;
                }
                java.util.Collections.reverse(acc);
                return acc;
            }
            case CONTIGUOUS: {
                boolean previousMatch = false;
                for (int[] s : spans) {
                    if (s[2] == 1 && previousMatch) acc.get(acc.size() - 1)[1] = s[1];
                    else acc.add(s.clone());
                    previousMatch = s[2] == 1;
                }
                return acc;
            }
            default:
                throw new AssertionError(behavior);
        }
    }

    /**
     * Compiles a tokenizer.json (Rust/Oniguruma) regex for java.util.regex. UNICODE_CHARACTER_CLASS makes
     * \s, \d, \w and POSIX classes Unicode-aware as they are there (Java's defaults are ASCII-only); script
     * names such as \p{Han} need Java's "Is" prefix.
     */
    static Pattern compile(String regex) {
        StringBuilder sb = new StringBuilder(regex.length() + 16);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 2 < regex.length() && (regex.charAt(i + 1) == 'p' || regex.charAt(i + 1) == 'P')
                    && regex.charAt(i + 2) == '{') {
                int close = regex.indexOf('}', i + 3);
                if (close > 0) {
                    String name = regex.substring(i + 3, close);
                    sb.append('\\').append(regex.charAt(i + 1)).append('{').append(javaPropertyName(name)).append('}');
                    i = close;
                    continue;
                }
            }
            sb.append(c);
            if (c == '\\' && i + 1 < regex.length()) sb.append(regex.charAt(++i));
        }
        try {
            return Pattern.compile(sb.toString(), Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pre-tokenizer regex not supported: " + regex + " (" + e.getDescription() + ")", e);
        }
    }

    private static String javaPropertyName(String name) {
        try {
            Pattern.compile("\\p{" + name + "}");
            return name;
        } catch (PatternSyntaxException e) {
            try {
                Character.UnicodeScript.forName(name.toUpperCase(Locale.ROOT));
                return "Is" + name;
            } catch (IllegalArgumentException notScript) {
                return name; // let the full compile report it
            }
        }
    }

    static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        Builder split(String regex, Behavior behavior, boolean invert) {
            steps.add(new Step(regex, compile(regex), behavior, invert));
            return this;
        }

        Builder splitLiteral(String literal, Behavior behavior, boolean invert) {
            steps.add(new Step(Pattern.quote(literal), Pattern.compile(Pattern.quote(literal)), behavior, invert));
            return this;
        }

        Builder prefixSpace() {
            steps.add(new Step(null, null, Behavior.ISOLATED, false));
            return this;
        }

        PreTokenizer build() {
            return new PreTokenizer(steps);
        }
    }
}
