package io.hogwild.engine.hogwild;

import static io.hogwild.engine.hogwild.prompt.HogwildPrompt.OTHERS_HEADER;
import static io.hogwild.engine.hogwild.prompt.HogwildPrompt.OWN_SEPARATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hogwild rules with a scripted model: every expectation below follows from DESIGN 2.3 by hand. */
class HogwildSessionTest {
    static final String PROBLEM = "What is 2+2?";

    static List<Map<String, String>> workerPasses(ScriptedForward s) {
        return s.views.stream().filter(m -> !m.isEmpty()).toList();
    }

    @Test
    void twoWorkersCommitStepsInOrderAndStopAtTheAnswer() throws Exception {
        ScriptedForward[] scripted = new ScriptedForward[1];
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(2), real -> scripted[0] =
                new ScriptedForward(real, SessionHarness.TOKENIZER)
                        .script("Alice", "Two plus two.\n\nIt is \\boxed{4} indeed.")
                        .script("Bob", "I will check this.\n\nYes it is four.\n\n"));
        assertTrue(s.ok(), s.error());
        SessionTrace t = s.trace();
        assertEquals("4", s.answer());
        assertEquals("answer", t.stopReason());
        // history: Alice's first step ended at pass 3 ("Two"," plus"," two",".\n\n"), Bob's at pass 4,
        // Bob's second (5 tokens) at pass 9, before Alice's box closes at pass 10
        assertEquals(List.of(
                new StepTrace("Alice", 1, "Two plus two.\n\n", 4, 0, 3, false, true),
                new StepTrace("Bob", 1, "I will check this.\n\n", 5, 0, 4, false, true),
                new StepTrace("Bob", 2, "Yes it is four.\n\n", 5, 5, 9, false, true)), t.history());
        // Alice's second step: "It"," is"," \\","boxed","{","4","}" -> the box closes at pass 10
        assertEquals(11, t.sequentialSteps());
        StepTrace aliceTwo = t.workers().get(0).steps().get(1);
        assertEquals(2, aliceTwo.number());
        assertEquals(4, aliceTwo.firstPass());
        assertEquals(10, aliceTwo.lastPass());
        assertTrue(aliceTwo.text().startsWith("It is \\boxed{4}"), aliceTwo.text());
        assertFalse(aliceTwo.committed());
        assertEquals(11 + 11, t.totalTokens());

        // the combined layout, seen by each worker at pass 4 (Alice's step is committed, Bob's is not yet)
        String prompt = SessionHarness.promptText(PROBLEM, List.of("Alice", "Bob"));
        Map<String, String> pass4 = workerPasses(scripted[0]).get(4);
        assertEquals(prompt + "**Alice [1]:** Two plus two" + OTHERS_HEADER + ".\n\n**Alice [2]:** " + OWN_SEPARATOR
                + "**Bob [1]:** I will check this", pass4.get("Bob"));
        assertEquals(prompt + "**Alice [1]:** Two plus two" + OTHERS_HEADER + "**Bob [1]:** I will check this"
                + OWN_SEPARATOR + ".\n\n**Alice [2]:** ", pass4.get("Alice"));
        // one pass later Bob's step has joined the history after Alice's, its ending token opens his next step
        Map<String, String> pass5 = workerPasses(scripted[0]).get(5);
        assertEquals(prompt + "**Alice [1]:** Two plus two**Bob [1]:** I will check this" + OTHERS_HEADER
                + ".\n\n**Alice [2]:** It" + OWN_SEPARATOR + ".\n\n**Bob [2]:** ", pass5.get("Bob"));
    }

    static ScriptedForward[] holder() {
        return new ScriptedForward[1];
    }

    @Test
    void quickCheckGoesToTheNextWorkerStartingAStepAfterTheInterval() throws Exception {
        ScriptedForward[] sf = holder();
        // interval 6: after pass 2 both workers together have written 6 tokens; Bob ends a step at pass 3
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(2).withQuickCheckInterval(6).withMaxSteps(8),
                real -> sf[0] = new ScriptedForward(real, SessionHarness.TOKENIZER)
                        .script("Alice", "one two three four five six seven eight nine ten")
                        .script("Bob", "A b c.\n\nNo.\n\n"));
        List<StepTrace> bob = s.trace().workers().get(1).steps();
        assertEquals(new StepTrace("Bob", 1, "A b c.\n\n", 4, 0, 3, false, true), bob.get(0));
        assertTrue(bob.get(1).quickCheck(), "Bob's second step starts with the quick check");
        assertEquals("No.\n\n", bob.get(1).text());
        // the count restarts at pass 3 and reaches 6 again with pass 5's second token: Bob's, ending his step
        assertTrue(bob.get(2).quickCheck(), "Bob's third step gets the next quick check");
        assertFalse(s.trace().workers().get(0).steps().get(0).quickCheck(), "Alice never started a second step");
        String view = workerPasses(sf[0]).get(4).get("Bob");
        assertTrue(view.endsWith(".\n\n**Bob [2]:** Quick check: am I doing redundant work? (yes/no): "), view);
    }

    @Test
    void forbiddenTokensAreNeverEmitted() throws Exception {
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(1).withMaxSteps(4).withFinisherTokens(0),
                real -> new ScriptedForward(real, SessionHarness.TOKENIZER).script("Alice", "#<|im_end|></think> x"));
        String text = s.trace().workers().get(0).steps().get(0).text();
        assertEquals(" fallback fallback fallback x", text);
    }

    @Test
    void theFinisherAnswersWhenTheBudgetRunsOut() throws Exception {
        ScriptedForward[] sf = holder();
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(2).withMaxSteps(3),
                real -> sf[0] = new ScriptedForward(real, SessionHarness.TOKENIZER)
                        .script("Alice", "Let me think about it")
                        .script("Bob", "Maybe three or")
                        .finisher("42} and more"));
        SessionTrace t = s.trace();
        assertEquals("budget", t.stopReason());
        assertEquals(3, t.sequentialSteps());
        assertEquals("42", s.answer());
        assertEquals("42}", t.finisherText());
        // the finisher continues the last worker's view: Bob's unfinished step, then the finisher text
        String view = workerPasses(sf[0]).get(3).get("finisher");
        assertTrue(view.endsWith("**Bob [1]:** Maybe three or" + io.hogwild.engine.hogwild.prompt.HogwildPrompt.FINISHER), view);
        assertTrue(t.transcript().endsWith("\\boxed{42}"), t.transcript());
    }

    @Test
    void aStepDoesNotEndInsideACodeFence() throws Exception {
        Solution s = SessionHarness.solve(PROBLEM, SessionHarness.greedy(1).withMaxSteps(40).withFinisherTokens(0),
                real -> new ScriptedForward(real, SessionHarness.TOKENIZER)
                        .script("Alice", "Code:\n```\nx = 1.\n\ny = 2\n```\nDone.\n\nNext"));
        List<StepTrace> steps = s.trace().workers().get(0).steps();
        assertEquals("Code:\n```\nx = 1.\n\ny = 2\n```\nDone.\n\n", steps.get(0).text());
        assertEquals(2, steps.get(1).number());
    }
}
