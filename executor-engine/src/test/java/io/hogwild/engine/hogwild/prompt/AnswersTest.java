package io.hogwild.engine.hogwild.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswersTest {
    static Optional<String> box(String text) {
        return Answers.lastBoxed(text);
    }

    @Test
    void simpleAndRightmost() {
        assertEquals(Optional.of("42"), box("so the answer is \\boxed{42}."));
        assertEquals(Optional.of("7"), box("first \\boxed{3}, then corrected: \\boxed{7}"));
        assertEquals(Optional.of("7"), box("\\boxed{3}\\boxed{7}"));
    }

    @Test
    void textAfterTheBoxIsIgnored() {
        assertEquals(Optional.of("x = 2"), box("Thus \\boxed{x = 2}. Let me double-check that once more\n\n"));
    }

    @Test
    void nestedBracesAreKept() {
        assertEquals(Optional.of("\\frac{1}{2}"), box("\\boxed{\\frac{1}{2}}"));
        assertEquals(Optional.of("\\sqrt{\\frac{a}{b^{2}}}"), box("= \\boxed{\\sqrt{\\frac{a}{b^{2}}}} done"));
        assertEquals(Optional.of("{1, 2}"), box("\\boxed{{1, 2}}"));
    }

    @Test
    void escapedBracesAreLiteral() {
        assertEquals(Optional.of("\\{1, 2\\}"), box("\\boxed{\\{1, 2\\}}"));
        // "\}" does not close the box, so this one is still open.
        assertEquals(Optional.empty(), box("\\boxed{a\\}"));
        // "\\" is a LaTeX line break; the brace after it closes the box.
        assertEquals(Optional.of("a\\\\"), box("\\boxed{a\\\\}"));
    }

    @Test
    void unbalancedIsNotAnAnswer() {
        assertEquals(Optional.empty(), box("the answer is \\boxed{42"));
        assertEquals(Optional.empty(), box("\\boxed{\\frac{1}{2}"));
        assertEquals(Optional.empty(), box("\\boxed{"));
        assertFalse(Answers.hasFinalAnswer("\\boxed{\\frac{1}{2"));
    }

    @Test
    void anUnclosedBoxAtTheEndLeavesTheEarlierAnswer() {
        assertEquals(Optional.of("5"), box("\\boxed{5} hmm, maybe \\boxed{6"));
    }

    @Test
    void aCompleteBoxInsideAnUnclosedOneCounts() {
        assertEquals(Optional.of("3"), box("\\boxed{ so \\boxed{3}"));
    }

    @Test
    void aBoxInsideACompleteBoxBelongsToIt() {
        assertEquals(Optional.of("\\boxed{1}"), box("\\boxed{\\boxed{1}}"));
    }

    @Test
    void emptyOrBlankBoxesAreSkipped() {
        assertEquals(Optional.empty(), box("I will write the result in \\boxed{} at the end."));
        assertEquals(Optional.empty(), box("\\boxed{   }"));
        assertEquals(Optional.of("9"), box("\\boxed{9}, as the format \\boxed{} asks"));
        assertFalse(Answers.hasFinalAnswer("\\boxed{}"));
    }

    @Test
    void theFormatPlaceholderIsNotAnAnswer() {
        assertEquals(Optional.empty(), box("the final answer goes in \\boxed{...} as asked"));
        assertEquals(Optional.empty(), box("\\boxed{\u2026}"));
        assertEquals(Optional.of("8"), box("\\boxed{8} (format: \\boxed{...})"));
        assertEquals(Optional.of("0.5"), box("\\boxed{0.5}"));
        assertEquals(Optional.of("1, 2, ..."), box("\\boxed{1, 2, ...}"));
    }

    @Test
    void contentIsStripped() {
        assertEquals(Optional.of("42"), box("\\boxed{ 42\n}"));
    }

    @Test
    void onlyTheExactOpenerCounts() {
        assertEquals(Optional.empty(), box("\\boxed 5"));
        assertEquals(Optional.empty(), box("\\boxed {5}"));
        assertEquals(Optional.empty(), box("boxed{5}"));
        assertEquals(Optional.empty(), box(""));
        assertEquals(Optional.empty(), box(null));
    }

    @Test
    void finisherTextCompletedByTheModelParses() {
        String view = "**Alice [4]:** still working" + HogwildPrompt.FINISHER + "17}";
        assertEquals(Optional.of("17"), box(view));
        assertTrue(Answers.hasFinalAnswer(view));
    }
}
