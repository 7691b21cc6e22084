package io.hogwild.engine.hogwild.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerNamesTest {
    @Test
    void defaultsAreTheClassicNamesInOrder() {
        assertEquals(List.of("Alice"), WorkerNames.defaults(1));
        assertEquals(List.of("Alice", "Bob", "Carol"), WorkerNames.defaults(3));
        assertEquals(List.of("Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi"), WorkerNames.defaults(8));
        assertThrows(UnsupportedOperationException.class, () -> WorkerNames.defaults(2).add("Mallory"));
    }

    @Test
    void defaultsOutsideOneToEightAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkerNames.defaults(0));
        assertThrows(IllegalArgumentException.class, () -> WorkerNames.defaults(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerNames.defaults(9));
        assertTrue(e.getMessage().contains("explicitly"), e.getMessage());
    }

    @Test
    void stepPrefixMatchesTheSessionFormat() {
        assertEquals("**Alice [3]:** ", WorkerNames.stepPrefix("Alice", 3));
        assertEquals("**Bob [1]:** ", WorkerNames.stepPrefix("Bob", 1));
        assertEquals("**Zoë Ö [12]:** ", WorkerNames.stepPrefix("Zoë Ö", 12));
        assertThrows(IllegalArgumentException.class, () -> WorkerNames.stepPrefix("Alice", 0));
        assertThrows(IllegalArgumentException.class, () -> WorkerNames.stepPrefix("bad*name", 1));
    }

    @Test
    void validNamesPassAndAreCopied() {
        List<String> given = new ArrayList<>(List.of("Ann", "Ben", "Cy"));
        List<String> out = WorkerNames.validate(given, 3);
        given.set(0, "changed");
        assertEquals(List.of("Ann", "Ben", "Cy"), out);
        assertEquals(List.of("x".repeat(32)), WorkerNames.validate(List.of("x".repeat(32)), 1));
        // 32 code points outside the BMP are 64 chars but still 32 characters.
        String emoji = "\uD83D\uDE00".repeat(32);
        assertEquals(List.of(emoji), WorkerNames.validate(List.of(emoji), 1));
    }

    @Test
    void countMustMatch() {
        assertError(List.of("Ann", "Ben"), 3, "expected 3 worker names");
        assertError(List.of("Ann", "Ben"), 1, "expected 1 worker names");
    }

    @Test
    void badNamesGetClearErrors() {
        assertError(null, 1, "must not be null");
        assertError(List.of(""), 1, "#1 \"\" is empty");
        assertError(List.of("Ann", "   "), 2, "#2 \"   \" is empty");
        assertError(Arrays.asList("Ann", null), 2, "#2 null is null");
        assertError(List.of("Ann", "Ben\nCy"), 2, "line break");
        assertError(List.of("Ann\r"), 1, "whitespace");
        assertError(List.of("An\rn"), 1, "line break");
        assertError(List.of("An\u2028n"), 1, "line break");
        assertError(List.of("An\tn"), 1, "control character");
        assertError(List.of(" Ann"), 1, "leading or trailing whitespace");
        assertError(List.of("x".repeat(33)), 1, "longer than 32");
        assertError(List.of("Ann", "Ben", "Ann"), 3, "distinct");
        assertError(List.of("Ann", "ANN"), 2, "#1 \"Ann\" and #2 \"ANN\"");
        assertError(List.of("A*"), 1, "'*'");
        assertError(List.of("A [1]"), 1, "'['");
        assertError(List.of("A]"), 1, "']'");
        assertError(List.of("Smith, Ann"), 1, "','");
    }

    private static void assertError(List<String> names, int count, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerNames.validate(names, count));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
