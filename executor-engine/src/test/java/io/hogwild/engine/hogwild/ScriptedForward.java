package io.hogwild.engine.hogwild;

import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.model.ForwardPass;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted model for session tests: the real forward pass runs (so the cache is exercised for real),
 * then each row's logits are replaced so that the next token is dictated by a script: each worker,
 * recognised by the last step prefix in its own fragment, writes its script token by token; the
 * finisher row writes the finisher script. Every pass records each row's flattened view as text.
 */
final class ScriptedForward implements ForwardPass {
    static final String FINISHER_MARK = "I have to conclude that the final answer is \\boxed{";
    private static final Pattern PREFIX = Pattern.compile("\\*\\*([^*\\[\\]]+) \\[(\\d+)\\]:\\*\\* ");

    private final ForwardPass real;
    private final Tokenizer tokenizer;
    private final Map<String, int[]> scripts = new HashMap<>();
    private final Map<String, Integer> cursors = new HashMap<>();
    private final int filler;
    private final int fallback;
    private int[] finisherScript = new int[0];
    private int finisherCursor;
    /** Per pass: worker name (or "finisher") to the text of its flattened view including the new tokens. */
    final List<Map<String, String>> views = new ArrayList<>();

    ScriptedForward(ForwardPass real, Tokenizer tokenizer) {
        this.real = real;
        this.tokenizer = tokenizer;
        this.filler = tokenizer.encode(" ok", false)[0];
        this.fallback = tokenizer.encode(" fallback", false)[0];
    }

    ScriptedForward script(String worker, String text) {
        scripts.put(worker, tokenizer.encode(text, true));
        return this;
    }

    ScriptedForward finisher(String text) {
        finisherScript = tokenizer.encode(text, false);
        return this;
    }

    @Override
    public float[][] forward(List<ForwardRow> rows, KvCache cache) {
        float[][] logits = real.forward(rows, cache);
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (logits[i] == null) continue;
            String own = tokenizer.decode(rows.get(i).target().tokens());
            String view = flatten(rows.get(i));
            int next;
            String who;
            if (own.contains(FINISHER_MARK)) {
                who = "finisher";
                next = finisherCursor < finisherScript.length ? finisherScript[finisherCursor++] : filler;
            } else {
                Matcher m = PREFIX.matcher(own);
                who = null;
                while (m.find()) who = m.group(1);
                if (who == null) throw new AssertionError("row without a step prefix: " + own);
                int[] script = scripts.getOrDefault(who, new int[0]);
                int c = cursors.merge(who, 1, Integer::sum) - 1;
                next = c < script.length ? script[c] : filler;
            }
            seen.put(who, view);
            java.util.Arrays.fill(logits[i], 0f);
            logits[i][next] = 10f;
            logits[i][fallback] = 5f; // chosen when the scripted token is forbidden
        }
        views.add(seen);
        return logits;
    }

    private String flatten(ForwardRow row) {
        StringBuilder sb = new StringBuilder();
        for (Fragment f : row.view().fragments()) sb.append(tokenizer.decode(f.tokens()));
        return sb.toString();
    }
}
