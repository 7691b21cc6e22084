package io.hogwild.engine.hogwild;

import io.hogwild.engine.hogwild.prompt.ChatFormat;
import io.hogwild.engine.hogwild.prompt.CollaborationPrompt;
import io.hogwild.engine.hogwild.prompt.HogwildPrompt;
import io.hogwild.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a problem and the options into token ids: the shared system part (encoded once per engine and
 * reused), and the session's own pieces. The problem text is tokenized with special-token parsing off,
 * so a problem cannot smuggle in chat control tokens.
 */
final class PromptBuilder {
    private static final String MARK = "\u0000problem\u0000";
    private final Tokenizer tokenizer;
    private final ChatFormat format;

    PromptBuilder(Tokenizer tokenizer, ChatFormat format) {
        this.tokenizer = tokenizer;
        this.format = format;
    }

    /** The text every problem with these options starts with: encoded once per engine, then shared. */
    String sharedText(SolveOptions o) {
        return o.systemAsUser() ? format.systemPartAsUser(system(o)) : format.systemPart(system(o));
    }

    SessionPrompt build(String problem, SolveOptions o) {
        String marked = o.systemAsUser() ? format.problemPartAsUser(MARK, true) : format.problemPart(MARK, true);
        int at = marked.indexOf(MARK);
        int[] ids = concat(concat(tokenizer.encode(marked.substring(0, at), true), tokenizer.encode(problem, false)),
                tokenizer.encode(marked.substring(at + MARK.length()), true));
        return new SessionPrompt(ids, tokenizer.encode(HogwildPrompt.OTHERS_HEADER, false),
                tokenizer.encode(HogwildPrompt.OWN_SEPARATOR, false), tokenizer.encode(HogwildPrompt.QUICK_CHECK, false),
                tokenizer.encode(HogwildPrompt.FINISHER, false));
    }

    /** Ids of the tokens never emitted while reasoning: the listed texts, BOS and end-of-generation tokens. */
    int[] forbidden(SolveOptions o) {
        List<Integer> ids = new ArrayList<>();
        for (String text : o.forbidden()) {
            int[] t = tokenizer.specialToken(text).isPresent() ? new int[] {tokenizer.specialToken(text).getAsInt()}
                    : tokenizer.encode(text, false);
            if (t.length != 1) {
                throw new IllegalArgumentException("forbidden text '" + text + "' is not a single token (" + t.length + " tokens)");
            }
            ids.add(t[0]);
        }
        if (tokenizer.bosId() >= 0) ids.add(tokenizer.bosId());
        if (tokenizer.eosId() >= 0) ids.add(tokenizer.eosId());
        ids.addAll(tokenizer.eogIds());
        return ids.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    private String system(SolveOptions o) {
        return CollaborationPrompt.named(o.prompt()).render(o.workerNames(), HogwildPrompt.OTHERS_HEADER.strip(),
                HogwildPrompt.OWN_HEADER.strip());
    }

    static int[] concat(int[] a, int[] b) {
        return HogwildSession.concat(a, b);
    }
}
