package io.hogwild.engine.hogwild.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CollaborationPromptTest {
    static final String OTHERS = HogwildPrompt.OTHERS_HEADER;
    static final String OWN = HogwildPrompt.OWN_HEADER;
    /** Anything that looks like a placeholder: braces around a lowercase word. */
    static final Pattern LEFTOVER = Pattern.compile("\\{[a-z_]+\\}");

    @Test
    void namesListsTheFourVariants() {
        assertEquals(List.of("default", "examples", "first-person", "first-person-examples"), CollaborationPrompt.names());
        for (String n : CollaborationPrompt.names()) assertEquals(n, CollaborationPrompt.named(n).name());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CollaborationPrompt.named("fancy"));
        assertTrue(e.getMessage().contains("\"fancy\""), e.getMessage());
        for (String n : CollaborationPrompt.names()) assertTrue(e.getMessage().contains(n), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CollaborationPrompt.named(null));
        assertThrows(IllegalArgumentException.class, () -> CollaborationPrompt.named("Default"));
    }

    @Test
    void everyTemplateUsesEveryPlaceholder() {
        for (String n : CollaborationPrompt.names()) {
            String t = CollaborationPrompt.named(n).template();
            for (String p : List.of("{workers}", "{count}", "{others_header}", "{own_header}")) {
                assertTrue(t.contains(p), n + " lacks " + p);
            }
            assertEquals(t.strip(), t, n + " is stripped");
            assertFalse(t.contains("\t") || t.contains("\r") || t.contains(" \n"), n + " has stray whitespace");
        }
    }

    @Test
    void everyVariantRendersCompletelyForEveryTeamSize() {
        for (String n : CollaborationPrompt.names()) {
            CollaborationPrompt p = CollaborationPrompt.named(n);
            for (int w = 1; w <= WorkerNames.MAX_DEFAULT_WORKERS; w++) {
                List<String> names = WorkerNames.defaults(w);
                String text = p.render(names, OTHERS, OWN);
                assertFalse(LEFTOVER.matcher(text).find(), () -> n + ": placeholder left in\n" + text);
                assertTrue(text.contains("(" + w + "): " + String.join(", ", names) + "."), n + " names the team");
                assertTrue(text.contains("\"" + OTHERS.strip() + "\""), n + " quotes the others header");
                assertTrue(text.contains("\"" + OWN.strip() + "\""), n + " quotes the own header");
                assertFalse(text.contains("\n\n\n"), n + " has no triple newline from the headers");
            }
        }
    }

    @Test
    void everyVariantTellsTheRules() {
        for (String n : CollaborationPrompt.names()) {
            String text = CollaborationPrompt.named(n).render(WorkerNames.defaults(3), OTHERS, OWN);
            assertTrue(text.contains("\"" + WorkerNames.stepPrefix("Alice", 3) + "\""), n + ": step prefix format");
            assertTrue(text.contains("\"" + HogwildPrompt.QUICK_CHECK + "\""), n + ": quick check question");
            assertTrue(text.contains(HogwildPrompt.CUT_MARK), n + ": cut mark");
            assertTrue(text.contains("\\boxed{...}"), n + ": answer format");
            assertTrue(text.contains("blank line"), n + ": step ending");
            assertTrue(text.contains("token by token"), n + ": live view");
            // The format mention "\boxed{...}" must not read as an answer; only the examples carry one.
            assertEquals(n.endsWith("examples"), Answers.hasFinalAnswer(text), n);
        }
    }

    @Test
    void personAndExamplesMatchTheVariantName() {
        for (String n : CollaborationPrompt.names()) {
            String text = CollaborationPrompt.named(n).render(WorkerNames.defaults(2), OTHERS, OWN);
            boolean firstPerson = n.startsWith("first-person");
            assertEquals(firstPerson, text.contains("I am one of them"), n);
            assertEquals(!firstPerson, text.startsWith("You are"), n);
            boolean examples = n.endsWith("examples");
            assertEquals(examples, text.contains("**Ivan [1]:** "), n);
            // The example snapshot shows the real headers, so the layout in the example is the real one.
            assertEquals(examples, text.contains(OTHERS.strip() + "\n\n**Ivan [2]:** "), n);
            assertEquals(examples, text.contains("\n\n<...>\n\n" + OWN.strip() + "\n\n**Judy [2]:** "), n);
        }
    }

    @Test
    void promptsStayShort() {
        for (String n : CollaborationPrompt.names()) {
            int limit = n.endsWith("examples") ? 5000 : 2500;
            int len = CollaborationPrompt.named(n).template().length();
            assertTrue(len < limit, n + " is " + len + " chars");
        }
    }

    @Test
    void examplesVariantsExtendTheirPlainVariants() {
        assertTrue(CollaborationPrompt.named("examples").template().startsWith(CollaborationPrompt.named("default").template()));
        assertTrue(CollaborationPrompt.named("first-person-examples").template()
                .startsWith(CollaborationPrompt.named("first-person").template()));
        assertNotEquals(CollaborationPrompt.named("default").template(), CollaborationPrompt.named("first-person").template());
    }

    @Test
    void customTemplateSubstitutesKnownPlaceholdersOnly() {
        CollaborationPrompt p = CollaborationPrompt.fromText("  Team {workers} ({count}); see {others_header} / {own_header}."
                + " Keep \\frac{a}{b}, {name} and {{count}} as braces.\n");
        assertEquals("custom", p.name());
        String text = p.render(List.of("Ann", "Ben"), "\n\nOTHERS\n\n", "\n\nMINE\n\n");
        assertEquals("Team Ann, Ben (2); see OTHERS / MINE. Keep \\frac{a}{b}, {name} and {2} as braces.", text);
    }

    @Test
    void substitutionIsOnePass() {
        CollaborationPrompt p = CollaborationPrompt.fromText("{workers} / {count}");
        assertEquals("A{count}, $1\\x / 2", p.render(List.of("A{count}", "$1\\x"), OTHERS, OWN));
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CollaborationPrompt.fromText(null));
        assertThrows(IllegalArgumentException.class, () -> CollaborationPrompt.fromText(" \n "));
        CollaborationPrompt p = CollaborationPrompt.named("default");
        assertThrows(IllegalArgumentException.class, () -> p.render(List.of(), OTHERS, OWN));
        assertThrows(IllegalArgumentException.class, () -> p.render(null, OTHERS, OWN));
        assertThrows(IllegalArgumentException.class, () -> p.render(List.of("Ann", "ann"), OTHERS, OWN));
        assertThrows(NullPointerException.class, () -> p.render(List.of("Ann"), null, OWN));
        assertThrows(IllegalArgumentException.class, () -> p.render(List.of("Ann"), OTHERS, "\n\n"));
    }
}
