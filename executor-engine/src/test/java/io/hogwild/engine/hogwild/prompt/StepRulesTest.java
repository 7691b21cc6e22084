package io.hogwild.engine.hogwild.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepRulesTest {
    /** The step text so far is {@code before + token}, as the session passes it. */
    static boolean ends(String before, String token) {
        return StepRules.endsStep(before + token, token);
    }

    @Test
    void plainSentenceEndThenBlankLine() {
        assertTrue(ends("**Alice [1]:** Let x = 2.", "\n\n"));
        assertTrue(ends("Is it prime?", "\n\n"));
        assertTrue(ends("It works!", "\n\n"));
        assertTrue(ends("Let x = 2", ".\n\n"));
        assertTrue(ends("Done.", "\n\n\n"));
        assertTrue(ends("Done.", "  \n\n"));
    }

    @Test
    void theSeparatorIsOnlyTwoNewlinesInOneToken() {
        assertFalse(ends("Done.", "\n"));
        assertFalse(ends("Done.\n", "\n"), "each token has only one newline");
        assertFalse(ends("Done.", " "));
        assertFalse(ends("Done.", ""));
        assertFalse(ends("Done.", "\n \n"));
    }

    @Test
    void noSentenceEndNoStepEnd() {
        assertFalse(ends("Let x = 2", "\n\n"));
        assertFalse(ends("We get:", "\n\n"));
        assertFalse(ends("Consider the cases;", "\n\n"));
        assertFalse(ends("", "\n\n"));
        assertFalse(ends("   ", "\n\n"));
        assertFalse(ends("a, b, c,", "\n\n"));
    }

    @Test
    void aTokenThatCarriesTextAfterTheBlankLineDoesNotEndAStep() {
        assertFalse(ends("Done.", "\n\nThe"));
        assertFalse(ends("Done", "\n\nOK."), "the new paragraph would be cut off by the next prefix");
        assertTrue(ends("Done", ".\n\n"));
        assertTrue(ends("Done", "!)\n\n"));
    }

    @Test
    void closingQuotesBracketsAndMarkupAfterThePunctuation() {
        assertTrue(ends("He said \"stop.\"", "\n\n"));
        assertTrue(ends("He said 'stop.'", "\n\n"));
        assertTrue(ends("Er sagte „Halt.“", "\n\n"));
        assertTrue(ends("She wrote “fine.”", "\n\n"));
        assertTrue(ends("Il a dit «fini.»", "\n\n"));
        assertTrue(ends("(See above.)", "\n\n"));
        assertTrue(ends("[Checked.]", "\n\n"));
        assertTrue(ends("**This is the key step.**", "\n\n"));
        assertTrue(ends("_Really?_", "\n\n"));
        assertTrue(ends("Thus $x = 1.$", "\n\n"));
        assertTrue(ends("Set ((nested.)))", "\n\n"));
        assertTrue(ends("Done.)  ", "\n\n"));
    }

    @Test
    void closersWithoutPunctuationOrWithSpaceInBetweenDoNotCount() {
        assertFalse(ends("(see above)", "\n\n"));
        assertFalse(ends("\"quoted\"", "\n\n"));
        assertFalse(ends("Done. )", "\n\n"));
        assertFalse(ends("Done.(", "\n\n"), "an opening bracket is not a closer");
        assertFalse(ends("$x = 1$", "\n\n"));
        assertFalse(ends("f(x).`", "\n\n"), "a backtick is not a closer");
    }

    @Test
    void unicodeTerminators() {
        for (String t : new String[] {"。", "？", "！", "…", "‼", "⁇", "⁈", "⁉", "؟", "۔", "।", "॥", "።", "᙮", "｡", "．", "‽", "܁", "꓿"}) {
            assertTrue(ends("text" + t, "\n\n"), t);
        }
        assertTrue(ends("这是答案。", "\n\n"));
        assertTrue(ends("「終わり。」", "\n\n"), "CJK corner bracket closes");
        assertTrue(ends("Math 𑁇", "\n\n"), "a terminator outside the BMP (Brahmi danda)");
    }

    @Test
    void nonTerminatorPunctuation() {
        for (String t : new String[] {":", ";", ",", "-", "—", "、", "，", "：", "·", "¿", "¡", "%"}) {
            assertFalse(ends("text" + t, "\n\n"), t);
        }
    }

    @Test
    void abbreviationsAndListNumbersCountByTheLexicalRule() {
        // Documented: the rule does not parse sentences, so these end a step too.
        assertTrue(ends("Use a known identity, e.g.", "\n\n"));
        assertTrue(ends("The steps are:\n\n1.", "\n\n"));
        assertTrue(ends("...", "\n\n"));
        assertTrue(ends("x = 3.", "\n\n"));
    }

    @Test
    void openCodeFenceKeepsTheStepOpen() {
        assertFalse(ends("Code:\n```python\nx = 1.", "\n\n"));
        assertFalse(ends("```\nprint('hi')\n```\nMore:\n```\nend.", "\n\n"));
        assertTrue(ends("Code:\n```python\nx = 1\n```\nThat is all.", "\n\n"));
        assertTrue(ends("```a``` then ```b``` done.", "\n\n"));
    }

    @Test
    void openTildeFenceKeepsTheStepOpen() {
        assertFalse(ends("~~~\nSome text.", "\n\n"));
        assertTrue(ends("~~~\nx\n~~~\nFine.", "\n\n"));
    }

    @Test
    void openDisplayMathKeepsTheStepOpen() {
        assertFalse(ends("We have\n$$\nx = 1.", "\n\n"));
        assertFalse(ends("$$a$$ and $$b.", "\n\n"));
        assertTrue(ends("We have $$x = 1.$$", "\n\n"));
        assertTrue(ends("We have\n$$\nx = 1\n$$\nSo x is one.", "\n\n"));
    }

    @Test
    void markersInsideAnotherBlockDoNotCount() {
        // A lone $$ inside a closed code fence is code, not math.
        assertTrue(ends("```\nprint('$$')\n```\nDone.", "\n\n"));
        assertTrue(ends("```\n~~~\n```\nDone.", "\n\n"));
        // And a ``` inside display math does not open a fence.
        assertTrue(ends("$$ ``` $$ Done.", "\n\n"));
        // Inside an open fence, a $$ pair does not close it.
        assertFalse(ends("```\n$$x$$\nDone.", "\n\n"));
        // $$ opened inside an open fence is still only code.
        assertFalse(ends("```\n$$\n```\n```\nDone.", "\n\n"));
        assertTrue(ends("```\n$$\n```\nOK.", "\n\n"));
    }

    @Test
    void fourBackticksCountAsOneFencePlusABacktick() {
        assertFalse(ends("````\ncode.", "\n\n"));
        assertTrue(ends("````\ncode\n````\nDone.", "\n\n"));
    }

    @Test
    void insideOpenBlockDirectly() {
        assertFalse(StepRules.insideOpenBlock(""));
        assertFalse(StepRules.insideOpenBlock("no markers here"));
        assertTrue(StepRules.insideOpenBlock("```"));
        assertFalse(StepRules.insideOpenBlock("``````"));
        assertTrue(StepRules.insideOpenBlock("$$$"), "$$ then a lone $: still open");
        assertFalse(StepRules.insideOpenBlock("$$$$"));
        assertTrue(StepRules.insideOpenBlock("~~~ ``` ~~~ ```"), "the ``` inside ~~~ is text; the last ``` opens a fence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n\n", ".\n\n", "\n\n\n\n", " \n\n"})
    void nullsNeverEndAStep(String token) {
        assertFalse(StepRules.endsStep(null, token));
        assertFalse(StepRules.endsStep("Done.", null));
    }

    @Test
    void terminatorTable() {
        assertTrue(StepRules.tableIsSorted());
        assertEquals(153, StepRules.terminatorCount(), "152 Sentence_Terminal code points plus the ellipsis");
        assertTrue(StepRules.isSentenceTerminal('.'));
        assertTrue(StepRules.isSentenceTerminal(0x1DA88));
        assertTrue(StepRules.isSentenceTerminal(0x0021));
        assertFalse(StepRules.isSentenceTerminal(0x0020));
        assertFalse(StepRules.isSentenceTerminal(0x0022));
        assertFalse(StepRules.isSentenceTerminal(0x1DA89));
        assertFalse(StepRules.isSentenceTerminal(0));
        assertFalse(StepRules.isSentenceTerminal(Character.MAX_CODE_POINT));
        // Every terminator is punctuation of some kind, never a letter or digit.
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (StepRules.isSentenceTerminal(cp)) {
                assertFalse(Character.isLetterOrDigit(cp), Integer.toHexString(cp));
            }
        }
    }
}
