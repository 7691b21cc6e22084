package io.hogwild.engine.hogwild.prompt;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * All the text a Hogwild session inserts around the workers' own tokens, for one problem.
 *
 * <p>{@code sharedPrefix} depends only on the collaboration prompt, the team and the chat format, so an
 * engine encodes it once and reuses it for every problem; {@code problemText} follows it and ends where
 * the assistant starts writing. In the combined layout a worker's view is then: shared prefix, problem
 * text, the shared history of finished steps, {@code othersHeader}, the other workers' unfinished steps,
 * {@link #ownSeparator()}, and finally its own unfinished step.
 *
 * <p><b>Headers keep their '#'.</b> The engine forbids the '#' token while workers generate, so markdown
 * headers are exactly the lines no worker can write: a worker cannot fake a "Work in progress" section
 * and confuse the others about where their own step is. Inserted text is not subject to that rule.
 */
public record HogwildPrompt(String sharedPrefix, String problemText, String othersHeader, String ownHeader,
                            List<String> workerNames) {

    /** Opens the section with the other workers' unfinished steps. */
    public static final String OTHERS_HEADER = "\n\n### Work in progress (others)\n\n";

    /** Opens the section with the worker's own unfinished step. */
    public static final String OWN_HEADER = "\n\n### Work in progress (own)\n\n";

    /** Marks where the other workers' text is cut off, because they are still writing. */
    public static final String CUT_MARK = "<...>";

    /** What goes between the other workers' steps and the worker's own step, with the default headers. */
    public static final String OWN_SEPARATOR = "\n\n" + CUT_MARK + OWN_HEADER;

    /** Inserted after a step prefix when a worker is asked to check itself (DESIGN 2.3). */
    public static final String QUICK_CHECK = "Quick check: am I doing redundant work? (yes/no): ";

    /**
     * Appended to the last worker's view when the budget ran out without an answer, then decoded greedily.
     * The text is the one of DESIGN 2.3 preceded by a blank line: the cut usually falls in the middle of
     * a step, and a new paragraph keeps "Wait" from being read as the end of the interrupted sentence.
     * Use {@link #finisherAfter} to avoid doubling a blank line that is already there.
     */
    public static final String FINISHER = "\n\nWait, given the limited time, I have to give an answer right now. "
            + "Considering all my previous attempts, I have to conclude that the final answer is \\boxed{";

    /** A step prefix with nothing after it yet, at the very end of a text. */
    private static final Pattern OPEN_PREFIX_AT_END = Pattern.compile("\\*\\*[^*\\n]+ \\[\\d+\\]:\\*\\* $");

    public HogwildPrompt {
        Objects.requireNonNull(sharedPrefix, "sharedPrefix");
        Objects.requireNonNull(problemText, "problemText");
        Objects.requireNonNull(othersHeader, "othersHeader");
        Objects.requireNonNull(ownHeader, "ownHeader");
        workerNames = WorkerNames.validate(workerNames, workerNames == null ? 0 : workerNames.size());
        if (workerNames.isEmpty()) throw new IllegalArgumentException("a team needs at least one worker");
    }

    /** Shorthand for {@code builder()...build(problem)} with the default headers. */
    public static HogwildPrompt of(CollaborationPrompt prompt, List<String> workerNames, ChatFormat format,
                                   String problem, boolean systemAsUser, boolean openThinking) {
        return builder().prompt(prompt).workers(workerNames).format(format)
                .systemAsUser(systemAsUser).openThinking(openThinking).build(problem);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The whole prompt text before any worker output: shared prefix then problem text. */
    public String fullPrompt() {
        return sharedPrefix + problemText;
    }

    /** Between the other workers' unfinished steps and the worker's own step: cut mark, then own header. */
    public String ownSeparator() {
        return "\n\n" + CUT_MARK + ownHeader;
    }

    /** Text that opens step {@code step} of worker {@code worker} (0-based), with the quick check if asked. */
    public String stepStart(int worker, int step, boolean quickCheck) {
        Objects.checkIndex(worker, workerNames.size());
        return WorkerNames.stepPrefix(workerNames.get(worker), step) + (quickCheck ? QUICK_CHECK : "");
    }

    /**
     * The finisher to append after {@code viewText}, with its leading blank line adjusted: none when the
     * view ends with a freshly opened step prefix (the finisher then is that step's text), and only the
     * missing newlines when the view already ends with one or two.
     */
    public static String finisherAfter(String viewText) {
        if (viewText == null || viewText.isEmpty() || OPEN_PREFIX_AT_END.matcher(viewText).find()) {
            return FINISHER.stripLeading();
        }
        int newlines = 0;
        for (int i = viewText.length() - 1; i >= 0 && viewText.charAt(i) == '\n' && newlines < 2; i--) newlines++;
        return FINISHER.substring(newlines);
    }

    /** Collects the session options that shape the text; reusable for many problems. */
    public static final class Builder {
        private CollaborationPrompt prompt;
        private List<String> workers = WorkerNames.defaults(2);
        private ChatFormat format = ChatFormat.PLAIN;
        private boolean systemAsUser;
        private boolean openThinking;
        private String othersHeader = OTHERS_HEADER;
        private String ownHeader = OWN_HEADER;

        private Builder() {}

        /** The collaboration prompt; "default" when not set. */
        public Builder prompt(CollaborationPrompt p) {
            this.prompt = Objects.requireNonNull(p, "prompt");
            return this;
        }

        /** Worker names; two default workers (Alice, Bob) when not set. */
        public Builder workers(List<String> names) {
            this.workers = WorkerNames.validate(names, names == null ? 0 : names.size());
            return this;
        }

        /** The model's chat format; PLAIN when not set. */
        public Builder format(ChatFormat f) {
            this.format = Objects.requireNonNull(f, "format");
            return this;
        }

        /** Send the collaboration prompt inside the user turn instead of as a system turn. */
        public Builder systemAsUser(boolean b) {
            this.systemAsUser = b;
            return this;
        }

        /** End the prompt with an opened think block, for models that reason inside one. */
        public Builder openThinking(boolean b) {
            this.openThinking = b;
            return this;
        }

        /**
         * Custom section headers, as inserted into the layout (include the blank lines you want around
         * them). The cut mark is always put before the own header.
         */
        public Builder headers(String others, String own) {
            if (others == null || others.isBlank() || own == null || own.isBlank()) {
                throw new IllegalArgumentException("section headers must not be blank");
            }
            this.othersHeader = others;
            this.ownHeader = own;
            return this;
        }

        public HogwildPrompt build(String problem) {
            if (problem == null || problem.isBlank()) throw new IllegalArgumentException("the problem text is empty");
            if (workers.isEmpty()) throw new IllegalArgumentException("a team needs at least one worker");
            CollaborationPrompt p = prompt != null ? prompt : CollaborationPrompt.named("default");
            String system = p.render(workers, othersHeader, ownHeader);
            String shared = systemAsUser ? format.systemPartAsUser(system) : format.systemPart(system);
            String perProblem = systemAsUser
                    ? format.problemPartAsUser(problem, openThinking)
                    : format.problemPart(problem, openThinking);
            return new HogwildPrompt(shared, perProblem, othersHeader, ownHeader, workers);
        }
    }
}
