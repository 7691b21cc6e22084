package io.hogwild.engine.hogwild;

/**
 * The outcome for one problem: the answer (content of the rightmost \boxed{}, null if none) and the trace,
 * or an error message (the problem could not be run: empty, too long for the context, cache too small).
 */
public record Solution(String problemId, String answer, SessionTrace trace, String error) {
    public static Solution failed(String problemId, String error) {
        return new Solution(problemId, null, null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
