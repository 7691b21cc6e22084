package io.hogwild.engine.hogwild;

import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.sampling.Sampler;
import io.hogwild.engine.tokenizer.StreamingDecoder;
import io.hogwild.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** One worker of a session: its current fragment, the tokens it feeds next, and its step in progress. */
final class Worker {
    final int index;
    final String name;
    final Sampler sampler;
    private final Tokenizer tokenizer;
    final List<StepTrace> steps = new ArrayList<>();
    Fragment fragment;
    /** Tokens to feed on the next pass: the last sampled token, or a boundary token plus a step prefix. */
    int[] pending;
    int generated;

    // the step in progress
    int stepNumber;
    boolean stepQuickCheck;
    private final StringBuilder stepText = new StringBuilder();
    private StreamingDecoder decoder;
    private int stepTokens;
    private int firstPass;
    private int lastPass;

    Worker(int index, String name, Sampler sampler, Tokenizer tokenizer) {
        this.index = index;
        this.name = name;
        this.sampler = sampler;
        this.tokenizer = tokenizer;
    }

    void beginStep(int number, boolean quickCheck) {
        stepNumber = number;
        stepQuickCheck = quickCheck;
        stepText.setLength(0);
        decoder = tokenizer.streamingDecoder();
        stepTokens = 0;
        firstPass = -1;
        lastPass = -1;
    }

    /** Adds a generated token to the step; returns the token's own text. */
    String add(int token, int pass) {
        String piece = decoder.accept(token);
        stepText.append(piece);
        stepTokens++;
        generated++;
        if (firstPass < 0) firstPass = pass;
        lastPass = pass;
        return tokenizer.decode(new int[] {token});
    }

    String stepText() {
        return stepText.toString();
    }

    int stepTokens() {
        return stepTokens;
    }

    StepTrace closeStep(boolean committed) {
        stepText.append(decoder.flush());
        StepTrace t = new StepTrace(name, stepNumber, stepText.toString(), stepTokens, firstPass, lastPass, stepQuickCheck, committed);
        steps.add(t);
        return t;
    }

    /** The unfinished step as a trace entry (not recorded). */
    StepTrace openStep() {
        return new StepTrace(name, stepNumber, stepText.toString(), stepTokens, firstPass, lastPass, stepQuickCheck, false);
    }
}
