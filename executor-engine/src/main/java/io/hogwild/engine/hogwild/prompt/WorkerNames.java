package io.hogwild.engine.hogwild.prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names of the workers of a Hogwild session and the step prefix built from them.
 *
 * <p>Names end up inside the step prefix {@code **Name [k]:** } and in the comma-separated list of the
 * collaboration prompt, so a name must not be able to break either: besides the limits the session
 * promises (non-empty, distinct, no line break, at most 32 characters) we also refuse the characters
 * that would make a prefix or the list ambiguous.
 */
public final class WorkerNames {
    /** Longest accepted name, in Unicode code points. */
    public static final int MAX_NAME_LENGTH = 32;

    private static final List<String> DEFAULTS =
            List.of("Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi");

    /** How many workers have a default name; more need names given explicitly. */
    public static final int MAX_DEFAULT_WORKERS = DEFAULTS.size();

    private WorkerNames() {}

    /** The first {@code w} default names (Alice, Bob, Carol, ...), for 1 <= w <= 8. */
    public static List<String> defaults(int w) {
        if (w < 1 || w > MAX_DEFAULT_WORKERS) {
            throw new IllegalArgumentException("default worker names exist for 1 to " + MAX_DEFAULT_WORKERS
                    + " workers, got " + w + (w > MAX_DEFAULT_WORKERS ? "; give the names explicitly" : ""));
        }
        return DEFAULTS.subList(0, w);
    }

    /**
     * Checks user-given names and returns an unmodifiable copy. Distinctness ignores case: two workers
     * called "Ann" and "ann" would look like one person to the model.
     */
    public static List<String> validate(List<String> names, int expectedCount) {
        if (names == null) throw new IllegalArgumentException("worker names must not be null");
        if (names.size() != expectedCount) {
            throw new IllegalArgumentException("expected " + expectedCount + " worker names (one per worker), got "
                    + names.size() + ": " + names);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String problem = problemWith(name);
            if (problem != null) {
                throw new IllegalArgumentException("worker name #" + (i + 1) + " " + quote(name) + " " + problem);
            }
            Integer earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                throw new IllegalArgumentException("worker names must be distinct (ignoring case): #" + (earlier + 1)
                        + " " + quote(names.get(earlier)) + " and #" + (i + 1) + " " + quote(name));
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    /** The text that opens step {@code step} (counted from 1) of a worker: {@code "**Alice [3]:** "}. */
    public static String stepPrefix(String name, int step) {
        if (step < 1) throw new IllegalArgumentException("step numbers start at 1, got " + step);
        String problem = problemWith(name);
        if (problem != null) throw new IllegalArgumentException("worker name " + quote(name) + " " + problem);
        return "**" + name + " [" + step + "]:** ";
    }

    /** Why a single name is unusable, or null when it is fine. */
    private static String problemWith(String name) {
        if (name == null) return "is null";
        if (name.isBlank()) return "is empty";
        if (!name.strip().equals(name)) return "has leading or trailing whitespace";
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return "is longer than " + MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) return "contains a line break";
            if (Character.isISOControl(cp)) return "contains a control character";
            // '*', '[' and ']' would make "**Name [k]:** " ambiguous; ',' would split the name list.
            if (cp == '*' || cp == '[' || cp == ']' || cp == ',') {
                return "contains '" + (char) cp + "', which is reserved for step prefixes and name lists";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static String quote(String s) {
        if (s == null) return "null";
        return "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
