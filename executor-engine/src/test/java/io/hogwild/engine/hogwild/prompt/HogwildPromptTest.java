package io.hogwild.engine.hogwild.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HogwildPromptTest {
    static final String PROBLEM = "Find the remainder when 2^100 is divided by 7.";

    @Test
    void constantsAreTheSessionTexts() {
        assertEquals("Quick check: am I doing redundant work? (yes/no): ", HogwildPrompt.QUICK_CHECK);
        assertEquals("\n\nWait, given the limited time, I have to give an answer right now. Considering all my previous"
                + " attempts, I have to conclude that the final answer is \\boxed{", HogwildPrompt.FINISHER);
        assertEquals("\n\n### Work in progress (others)\n\n", HogwildPrompt.OTHERS_HEADER);
        assertEquals("\n\n<...>\n\n### Work in progress (own)\n\n", HogwildPrompt.OWN_SEPARATOR);
    }

    @Test
    void sharedPrefixIsTheFormatsSystemPartOfTheRenderedPrompt() {
        List<String> team = WorkerNames.defaults(3);
        for (ChatFormat f : ChatFormat.values()) {
            for (String name : CollaborationPrompt.names()) {
                for (boolean think : new boolean[] {false, true}) {
                    CollaborationPrompt cp = CollaborationPrompt.named(name);
                    HogwildPrompt hp = HogwildPrompt.of(cp, team, f, PROBLEM, false, think);
                    String sys = cp.render(team, HogwildPrompt.OTHERS_HEADER, HogwildPrompt.OWN_HEADER);
                    assertEquals(f.systemPart(sys), hp.sharedPrefix());
                    assertEquals(f.problemPart(PROBLEM, think), hp.problemText());
                    assertEquals(f.render(sys, PROBLEM, think), hp.fullPrompt());
                    assertEquals(team, hp.workerNames());
                }
            }
        }
    }

    @Test
    void systemAsUserMovesThePromptIntoTheUserTurn() {
        CollaborationPrompt cp = CollaborationPrompt.named("default");
        List<String> team = WorkerNames.defaults(2);
        String sys = cp.render(team, HogwildPrompt.OTHERS_HEADER, HogwildPrompt.OWN_HEADER);
        for (ChatFormat f : ChatFormat.values()) {
            HogwildPrompt hp = HogwildPrompt.of(cp, team, f, PROBLEM, true, true);
            assertEquals(f.renderAsUser(sys, PROBLEM, true), hp.fullPrompt());
            assertTrue(hp.sharedPrefix().endsWith(sys + "\n\n"));
            assertTrue(hp.problemText().startsWith(PROBLEM));
        }
        assertFalse(HogwildPrompt.of(cp, team, ChatFormat.CHATML, PROBLEM, true, false).fullPrompt().contains("system"));
    }

    @Test
    void theSharedPrefixIsTheSameForEveryProblem() {
        HogwildPrompt.Builder b = HogwildPrompt.builder().format(ChatFormat.CHATML).openThinking(true);
        HogwildPrompt a = b.build("Problem one?");
        HogwildPrompt c = b.build("Problem two?");
        assertEquals(a.sharedPrefix(), c.sharedPrefix());
        assertFalse(a.problemText().equals(c.problemText()));
    }

    @Test
    void builderDefaults() {
        HogwildPrompt hp = HogwildPrompt.builder().build(PROBLEM);
        assertEquals(List.of("Alice", "Bob"), hp.workerNames());
        String sys = CollaborationPrompt.named("default").render(List.of("Alice", "Bob"),
                HogwildPrompt.OTHERS_HEADER, HogwildPrompt.OWN_HEADER);
        assertEquals(ChatFormat.PLAIN.render(sys, PROBLEM, false), hp.fullPrompt());
        assertEquals(HogwildPrompt.OTHERS_HEADER, hp.othersHeader());
        assertEquals(HogwildPrompt.OWN_HEADER, hp.ownHeader());
        assertEquals(HogwildPrompt.OWN_SEPARATOR, hp.ownSeparator());
    }

    @Test
    void customHeadersReachThePromptAndTheLayout() {
        HogwildPrompt hp = HogwildPrompt.builder().prompt(CollaborationPrompt.named("examples"))
                .headers("\n\n[others writing]\n\n", "\n\n[you]\n\n").build(PROBLEM);
        assertEquals("\n\n[others writing]\n\n", hp.othersHeader());
        assertEquals("\n\n<...>\n\n[you]\n\n", hp.ownSeparator());
        assertTrue(hp.sharedPrefix().contains("\"[others writing]\""));
        assertTrue(hp.sharedPrefix().contains("<...>\n\n[you]\n\n**Judy [2]:** "));
        assertFalse(hp.sharedPrefix().contains("Work in progress"));
        assertThrows(IllegalArgumentException.class, () -> HogwildPrompt.builder().headers(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> HogwildPrompt.builder().headers("x", null));
    }

    @Test
    void stepStartWithAndWithoutQuickCheck() {
        HogwildPrompt hp = HogwildPrompt.builder().workers(List.of("Ann", "Ben", "Cy")).build(PROBLEM);
        assertEquals("**Ben [4]:** ", hp.stepStart(1, 4, false));
        assertEquals("**Cy [1]:** Quick check: am I doing redundant work? (yes/no): ", hp.stepStart(2, 1, true));
        assertThrows(IndexOutOfBoundsException.class, () -> hp.stepStart(3, 1, false));
        assertThrows(IllegalArgumentException.class, () -> hp.stepStart(0, 0, false));
    }

    @Test
    void finisherWhitespaceAdaptsToTheViewEnd() {
        String bare = HogwildPrompt.FINISHER.substring(2);
        assertTrue(bare.startsWith("Wait,"));
        assertEquals(HogwildPrompt.FINISHER, HogwildPrompt.finisherAfter("**Alice [5]:** so the sum is"));
        assertEquals(HogwildPrompt.FINISHER, HogwildPrompt.finisherAfter("the sum is "));
        assertEquals("\n" + bare, HogwildPrompt.finisherAfter("done.\n"));
        assertEquals(bare, HogwildPrompt.finisherAfter("done.\n\n"));
        assertEquals(bare, HogwildPrompt.finisherAfter("done.\n\n\n"));
        assertEquals(bare, HogwildPrompt.finisherAfter("done.\n\n**Alice [6]:** "));
        assertEquals(bare, HogwildPrompt.finisherAfter("**Alice [6]:** Quick check: am I doing redundant work? (yes/no): ".substring(0, 15)));
        assertEquals(bare, HogwildPrompt.finisherAfter(""));
        // After a quick check question, the finisher still starts a new paragraph.
        assertEquals(HogwildPrompt.FINISHER, HogwildPrompt.finisherAfter("**Bob [2]:** " + HogwildPrompt.QUICK_CHECK));
    }

    @Test
    void badInputsAreRefused() {
        HogwildPrompt.Builder b = HogwildPrompt.builder();
        assertThrows(IllegalArgumentException.class, () -> b.build(null));
        assertThrows(IllegalArgumentException.class, () -> b.build("  "));
        assertThrows(IllegalArgumentException.class, () -> b.workers(List.of("Ann", "Ann")));
        assertThrows(IllegalArgumentException.class, () -> b.workers(List.of()).build(PROBLEM));
        assertThrows(NullPointerException.class, () -> HogwildPrompt.builder().format(null));
        assertThrows(NullPointerException.class, () -> HogwildPrompt.builder().prompt(null));
        assertThrows(IllegalArgumentException.class,
                () -> new HogwildPrompt("a", "b", "c", "d", List.of()));
    }
}
