package io.hogwild.engine.hogwild;

import static io.hogwild.engine.hogwild.prompt.HogwildPrompt.OTHERS_HEADER;
import static io.hogwild.engine.hogwild.prompt.HogwildPrompt.OWN_SEPARATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.hogwild.prompt.WorkerNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each worker sees under each layout, and runs with 1, 3 and 8 workers. */
class LayoutTest {
    static final String PROBLEM = "Count to three.";

    static ScriptedForward twoWorkers(ScriptedForward s) {
        return s.script("Alice", "Two plus two.\n\nIt is").script("Bob", "I will check this.\n\nYes");
    }

    static Map<String, String> pass(ScriptedForward s, int i) {
        return HogwildSessionTest.workerPasses(s).get(i);
    }

    @Test
    void interleavedShowsOnlyHistoryAndTheOwnStep() throws Exception {
        ScriptedForward[] sf = new ScriptedForward[1];
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(2).withLayout(Layout.INTERLEAVED).withMaxSteps(6)
                .withFinisherTokens(0), real -> sf[0] = twoWorkers(new ScriptedForward(real, SessionHarness.TOKENIZER)));
        String prompt = SessionHarness.promptText(PROBLEM, List.of("Alice", "Bob"));
        assertEquals(prompt + "**Alice [1]:** Two plus two.\n\n**Alice [2]:** ", pass(sf[0], 4).get("Alice"));
        assertEquals(prompt + "**Bob [1]:** I will check", pass(sf[0], 3).get("Bob"));
        assertEquals(prompt + "**Alice [1]:** Two plus two**Bob [1]:** I will check this.\n\n**Bob [2]:** ",
                pass(sf[0], 5).get("Bob"));
        assertEquals(2, s.trace().history().size());
    }

    @Test
    void contiguousShowsEveryOtherWorkersWholeOutputThenOwn() throws Exception {
        ScriptedForward[] sf = new ScriptedForward[1];
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(2).withLayout(Layout.CONTIGUOUS).withMaxSteps(6)
                .withFinisherTokens(0), real -> sf[0] = twoWorkers(new ScriptedForward(real, SessionHarness.TOKENIZER)));
        String prompt = SessionHarness.promptText(PROBLEM, List.of("Alice", "Bob"));
        assertEquals(prompt + "**Bob [1]:** I will check this" + "**Alice [1]:** Two plus two.\n\n**Alice [2]:** ",
                pass(sf[0], 4).get("Alice"));
        assertEquals(prompt + "**Alice [1]:** Two plus two.\n\n**Alice [2]:** It" + "**Bob [1]:** I will check this.\n\n**Bob [2]:** ",
                pass(sf[0], 5).get("Bob"));
        assertTrue(s.trace().history().isEmpty(), "no shared history in the contiguous layout");
        assertEquals(1, s.trace().workers().get(0).steps().stream().filter(StepTrace::committed).count());
    }

    @Test
    void oneWorkerHasNoHeaders() throws Exception {
        ScriptedForward[] sf = new ScriptedForward[1];
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(1).withMaxSteps(12),
                real -> sf[0] = new ScriptedForward(real, SessionHarness.TOKENIZER).script("Alice", "One, two.\n\nThree: \\boxed{3}"));
        String prompt = SessionHarness.promptText(PROBLEM, List.of("Alice"));
        assertEquals(prompt + "**Alice [1]:** One, two.\n\n**Alice [2]:** ", pass(sf[0], 4).get("Alice"));
        assertEquals("3", s.answer());
        assertEquals(1, s.trace().workers().size());
    }

    @Test
    void threeWorkersSeeTheOthersInWorkerOrder() throws Exception {
        ScriptedForward[] sf = new ScriptedForward[1];
        SessionHarness.solve(PROBLEM, SessionHarness.greedy(3).withMaxSteps(3).withFinisherTokens(0),
                real -> sf[0] = new ScriptedForward(real, SessionHarness.TOKENIZER)
                        .script("Alice", "red green blue").script("Bob", "one two three").script("Carol", "cat dog cow"));
        String prompt = SessionHarness.promptText(PROBLEM, List.of("Alice", "Bob", "Carol"));
        Map<String, String> p2 = pass(sf[0], 2);
        // pass 2 feeds the second word: each fragment holds its prefix and two words
        String a = "**Alice [1]:** red green", b = "**Bob [1]:** one two", c = "**Carol [1]:** cat dog";
        assertEquals(prompt + OTHERS_HEADER + b + c + OWN_SEPARATOR + a, p2.get("Alice"));
        assertEquals(prompt + OTHERS_HEADER + a + c + OWN_SEPARATOR + b, p2.get("Bob"));
        assertEquals(prompt + OTHERS_HEADER + a + b + OWN_SEPARATOR + c, p2.get("Carol"));
    }

    @Test
    void eightWorkersCommitTogetherInWorkerOrder() throws Exception {
        ScriptedForward[] sf = new ScriptedForward[1];
        List<String> names = WorkerNames.defaults(8);
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(8).withMaxSteps(5).withFinisherTokens(0), real -> {
            sf[0] = new ScriptedForward(real, SessionHarness.TOKENIZER);
            for (String n : names) sf[0].script(n, "I am " + n + ".\n\nMore");
            return sf[0];
        });
        SessionTrace t = s.trace();
        assertEquals(names, t.workers().stream().map(WorkerTrace::name).toList());
        assertEquals(names, t.history().stream().map(StepTrace::worker).toList());
        for (StepTrace step : t.history()) assertEquals("I am " + step.worker() + ".\n\n", step.text());
        assertEquals(8 * 5, t.totalTokens());
        assertEquals("budget", t.stopReason());
        assertEquals(null, s.answer());
    }
}
