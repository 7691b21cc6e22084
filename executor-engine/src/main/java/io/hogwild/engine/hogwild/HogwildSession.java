package io.hogwild.engine.hogwild;

import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.hogwild.prompt.Answers;
import io.hogwild.engine.hogwild.prompt.StepRules;
import io.hogwild.engine.hogwild.prompt.WorkerNames;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.engine.sampling.Sampler;
import io.hogwild.engine.sampling.SamplingParams;
import io.hogwild.engine.tokenizer.StreamingDecoder;
import io.hogwild.engine.tokenizer.Tokenizer;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Rope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One problem solved by W workers over one shared cache (DESIGN 2.3). The session never runs the model
 * itself: the scheduler asks it for forward rows ({@link #nextRows}), runs them batched with other
 * sessions' rows, and hands back the logits ({@link #accept}). Between passes the session applies the
 * Hogwild rules: step ends, commits into shared history, quick checks, answers, the finisher.
 */
public final class HogwildSession {
    enum Phase { PREFILL, GENERATE, FINISH, DONE }

    private final String problemId;
    private final SolveOptions options;
    private final Tokenizer tokenizer;
    private final KvCache cache;
    private final Backend backend;
    private final Rope rope;
    private final SessionPrompt prompt;
    private final int[] forbidden;
    /** The engine's shared system-prompt prefix (read-only, not owned), or null. */
    private final Fragment shared;
    /** The problem prompt, then the shared history of finished steps. */
    private final Fragment common;
    private final Fragment othersHeader;
    private final Fragment ownSeparator;
    private final Worker[] workers;
    private final List<StepTrace> history = new ArrayList<>();

    private final int contextLength;
    private Phase phase = Phase.PREFILL;
    private String finisherReason;
    private int problemFed;
    private int pass;
    private int tokensSinceQuickCheck;
    private boolean quickCheckDue;
    private String answer;
    private String stopReason;
    private Fragment finisher;
    private int[] finisherPending;
    private StreamingDecoder finisherDecoder;
    private final StringBuilder finisherText = new StringBuilder();
    private int finisherWritten;
    /** Who owns each row of the last {@link #nextRows} (worker index, or -1 for prefill / finisher rows). */
    private final List<Integer> rowOwners = new ArrayList<>();
    private final long created = System.nanoTime();
    private SessionListener listener = SessionListener.NONE;
    private long prefillDone;
    private long generateDone;
    private long finishedAt;

    public HogwildSession(String problemId, SolveOptions options, Tokenizer tokenizer, KvCache cache, Backend backend,
                          Rope rope, SessionPrompt prompt, int[] forbidden, Fragment shared, int contextLength) {
        this.contextLength = contextLength;
        this.problemId = problemId;
        this.options = options;
        this.tokenizer = tokenizer;
        this.cache = cache;
        this.backend = backend;
        this.rope = rope;
        this.prompt = prompt;
        this.forbidden = forbidden.clone();
        this.shared = shared;
        this.common = cache.newFragment();
        boolean headers = options.layout() == Layout.COMBINED && options.workers() > 1;
        this.othersHeader = headers ? cache.newFragment() : null;
        this.ownSeparator = headers ? cache.newFragment() : null;
        this.workers = new Worker[options.workers()];
        SamplingParams s = options.sampling();
        for (int i = 0; i < workers.length; i++) {
            // each worker draws from its own stream: reproducible whatever else shares the batch
            Sampler sampler = new Sampler(s.withSeed(s.seed() * 1_000_003L + i), forbidden);
            workers[i] = new Worker(i, options.workerNames().get(i), sampler, tokenizer);
        }
    }

    public void listen(SessionListener l) {
        this.listener = l;
    }

    public String problemId() {
        return problemId;
    }

    public boolean done() {
        return phase == Phase.DONE;
    }

    /** Forward passes of generation used so far. */
    public int sequentialSteps() {
        return pass;
    }

    /** Tokens the session's next pass feeds (the scheduler keeps a batch under its token limit). */
    public int tokensWanted(int budget) {
        int n = 0;
        for (ForwardRow r : plan(budget)) n += r.tokens().length;
        return n;
    }

    /**
     * Pages the next pass may take: its appends, and every step it might commit into the history. The
     * scheduler only runs the pass when this many pages are free, so a commit never finds the cache full.
     */
    public int pagesWanted(int budget) {
        int pages = 0;
        for (ForwardRow r : plan(budget)) pages += cache.pagesNeeded(r.target(), r.tokens().length);
        if (phase == Phase.GENERATE && options.layout() != Layout.CONTIGUOUS) {
            int stepTokens = 0;
            for (Worker w : workers) stepTokens += w.fragment.length() + w.pending.length;
            pages += cache.pagesNeeded(common, stepTokens) + workers.length;
        }
        return pages;
    }

    /** The rows of this session's next pass, at most {@code budget} tokens (prefill is chunked to fit). */
    public List<ForwardRow> nextRows(int budget) {
        List<ForwardRow> rows = plan(budget);
        rowOwners.clear();
        for (ForwardRow r : rows) rowOwners.add(ownerOf(r));
        return rows;
    }

    private int ownerOf(ForwardRow r) {
        for (Worker w : workers) {
            if (w.fragment == r.target()) return w.index;
        }
        return -1;
    }

    private List<ForwardRow> plan(int budget) {
        List<ForwardRow> rows = new ArrayList<>();
        switch (phase) {
            case PREFILL: {
                int left = budget;
                if (problemFed < prompt.problem().length) {
                    int n = Math.min(left, prompt.problem().length - problemFed);
                    if (n == 0) return rows;
                    rows.add(new ForwardRow(view(common), common,
                            Arrays.copyOfRange(prompt.problem(), problemFed, problemFed + n), false));
                    left -= n;
                    if (problemFed + n < prompt.problem().length) return rows;
                }
                if (othersHeader != null && left >= prompt.othersHeader().length + prompt.ownSeparator().length) {
                    rows.add(new ForwardRow(view(common, othersHeader), othersHeader, prompt.othersHeader(), false));
                    rows.add(new ForwardRow(view(common, othersHeader, ownSeparator), ownSeparator, prompt.ownSeparator(), false));
                } else if (othersHeader != null && !rows.isEmpty()) {
                    return rows; // headers in the next pass
                }
                return rows;
            }
            case GENERATE:
                for (Worker w : workers) rows.add(new ForwardRow(viewOf(w), w.fragment, w.pending, true));
                return rows;
            case FINISH:
                rows.add(new ForwardRow(finisherView(), finisher, finisherPending, true));
                return rows;
            default:
                return rows;
        }
    }

    /** Takes the logits of the rows last handed out, in order, and applies the rules. */
    public void accept(float[][] logits) {
        switch (phase) {
            case PREFILL:
                problemFed = common.length(); // the common fragment holds exactly the problem tokens fed so far
                if (problemFed == prompt.problem().length && (othersHeader == null || ownSeparator.length() > 0)) {
                    startGeneration();
                }
                return;
            case GENERATE:
                generated(logits);
                return;
            case FINISH:
                finished(logits[0]);
                return;
            default:
                throw new IllegalStateException("session " + problemId + " is done");
        }
    }

    private void startGeneration() {
        prefillDone = System.nanoTime();
        for (Worker w : workers) {
            w.fragment = cache.newFragment();
            w.pending = startStep(w, 1, new int[0]);
        }
        phase = Phase.GENERATE;
    }

    /** Begins step {@code number} of a worker: its prefix, and the quick check when one is due. */
    private int[] startStep(Worker w, int number, int[] boundary) {
        boolean check = quickCheckDue;
        quickCheckDue = false;
        w.beginStep(number, check);
        int[] prefix = tokenizer.encode(WorkerNames.stepPrefix(w.name, number), false);
        int[] out = concat(boundary, prefix);
        return check ? concat(out, prompt.quickCheck()) : out;
    }

    private void generated(float[][] logits) {
        int thisPass = pass++;
        Worker answered = null;
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[rowOwners.get(i)];
            int token = w.sampler.sample(logits[i]);
            int before = w.stepText().length();
            String tokenText = w.add(token, thisPass);
            if (w.stepText().length() > before) listener.onText(w.name, w.stepNumber, w.stepText().substring(before));
            if (options.quickCheckInterval() > 0 && ++tokensSinceQuickCheck >= options.quickCheckInterval()) {
                tokensSinceQuickCheck = 0;
                quickCheckDue = true;
            }
            if (answered == null && Answers.hasFinalAnswer(w.stepText())) {
                answered = w;
                w.pending = new int[] {token};
            } else if (StepRules.endsStep(w.stepText(), tokenText)) {
                endStep(w, token);
            } else {
                w.pending = new int[] {token};
            }
        }
        if (answered != null) {
            answer = Answers.lastBoxed(answered.stepText()).orElse(null);
            finish("answer");
        } else if (pass >= options.maxSteps()) {
            startFinisher("budget");
        } else if (nearContextEnd()) {
            startFinisher("context");
        }
    }

    /** Whether some worker's view leaves no room for the finisher within the model context. */
    private boolean nearContextEnd() {
        int reserve = prompt.finisher().length + options.finisherTokens();
        for (Worker w : workers) {
            if (viewOf(w).length() + w.pending.length + reserve > contextLength) return true;
        }
        return false;
    }

    /** The worker's step is complete: it joins the shared history; the ending token opens the next step. */
    private void endStep(Worker w, int boundaryToken) {
        StepTrace step = w.closeStep(true);
        listener.onStepEnd(step);
        if (options.layout() != Layout.CONTIGUOUS) {
            cache.appendCopy(backend, common, w.fragment, 0, w.fragment.length(), rope);
            cache.release(w.fragment);
            w.fragment = cache.newFragment();
            history.add(step);
        }
        w.pending = startStep(w, w.stepNumber + 1, new int[] {boundaryToken});
    }

    /** No answer within the budget: the last worker is told to answer now and decodes greedily. */
    private void startFinisher(String reason) {
        generateDone = System.nanoTime();
        finisherReason = reason;
        if (options.finisherTokens() == 0) {
            finish(reason);
            return;
        }
        Worker last = workers[workers.length - 1];
        finisher = cache.newFragment();
        finisherPending = concat(last.pending, prompt.finisher());
        finisherDecoder = tokenizer.streamingDecoder();
        phase = Phase.FINISH;
    }

    private View finisherView() {
        List<Fragment> v = new ArrayList<>(viewOf(workers[workers.length - 1]).fragments());
        v.add(finisher);
        return new View(v);
    }

    private void finished(float[] logits) {
        int token = argmaxAllowed(logits);
        finisherWritten++;
        String piece = finisherDecoder.accept(token);
        finisherText.append(piece);
        if (!piece.isEmpty()) listener.onFinisherText(piece);
        String boxed = "\\boxed{" + finisherText;
        boolean closed = Answers.hasFinalAnswer(boxed);
        if (closed || finisherWritten >= options.finisherTokens() || tokenizer.eogIds().contains(token)) {
            finisherText.append(finisherDecoder.flush());
            answer = Answers.lastBoxed("\\boxed{" + finisherText).orElse(finisherText.toString().strip());
            finish(finisherReason);
        } else {
            finisherPending = new int[] {token};
        }
    }

    private int argmaxAllowed(float[] logits) {
        return new Sampler(SamplingParams.greedy(), forbidden).sample(logits);
    }

    /** Cancels the session; its cache is freed at once. */
    public void cancel() {
        if (phase != Phase.DONE) finish("cancelled");
    }

    private void finish(String reason) {
        long now = System.nanoTime();
        if (generateDone == 0) generateDone = now;
        if (prefillDone == 0) prefillDone = now;
        stopReason = reason;
        phase = Phase.DONE;
        release();
        finishedAt = now;
    }

    private void release() {
        cache.release(common);
        if (othersHeader != null) {
            cache.release(othersHeader);
            cache.release(ownSeparator);
        }
        for (Worker w : workers) {
            if (w.fragment != null) cache.release(w.fragment);
        }
        if (finisher != null) cache.release(finisher);
    }

    /** The worker's view now, by layout. */
    View viewOf(Worker w) {
        List<Fragment> v = new ArrayList<>();
        if (shared != null) v.add(shared);
        v.add(common);
        switch (options.layout()) {
            case COMBINED:
                if (othersHeader != null) {
                    v.add(othersHeader);
                    for (Worker o : workers) if (o != w) v.add(o.fragment);
                    v.add(ownSeparator);
                }
                break;
            case CONTIGUOUS:
                for (Worker o : workers) if (o != w) v.add(o.fragment);
                break;
            default:
                break;
        }
        v.add(w.fragment);
        return new View(v);
    }

    private View view(Fragment... tail) {
        List<Fragment> v = new ArrayList<>();
        if (shared != null) v.add(shared);
        v.addAll(Arrays.asList(tail));
        return new View(v);
    }

    /** The solution; only meaningful once {@link #done()}. */
    public Solution solution() {
        if (phase != Phase.DONE) throw new IllegalStateException("session " + problemId + " is still running");
        List<WorkerTrace> traces = new ArrayList<>();
        int total = 0;
        for (Worker w : workers) {
            List<StepTrace> steps = new ArrayList<>(w.steps);
            if (w.stepNumber > 0 && (w.stepTokens() > 0 || w.steps.isEmpty())) steps.add(w.openStep());
            traces.add(new WorkerTrace(w.name, steps, w.generated));
            total += w.generated;
        }
        return new Solution(problemId, answer, new SessionTrace(traces, List.copyOf(history), transcript(), pass, total,
                stopReason, finisher == null ? null : finisherText.toString(),
                (prefillDone - created) / 1_000_000, (generateDone - prefillDone) / 1_000_000,
                (finishedAt - generateDone) / 1_000_000), null);
    }

    /** History in commit order, then each worker's unfinished step; contiguous runs show each worker's output. */
    private String transcript() {
        StringBuilder sb = new StringBuilder();
        if (options.layout() == Layout.CONTIGUOUS) {
            for (Worker w : workers) {
                for (StepTrace s : w.steps) sb.append(WorkerNames.stepPrefix(w.name, s.number())).append(s.text());
                if (w.stepTokens() > 0) sb.append(WorkerNames.stepPrefix(w.name, w.stepNumber)).append(w.openStep().text());
                sb.append("\n\n");
            }
        } else {
            for (StepTrace s : history) sb.append(WorkerNames.stepPrefix(s.worker(), s.number())).append(s.text());
            for (Worker w : workers) {
                if (w.stepNumber > 0 && w.stepTokens() > 0) {
                    sb.append(WorkerNames.stepPrefix(w.name, w.stepNumber)).append(w.openStep().text()).append("\n\n");
                }
            }
        }
        if (finisher != null) sb.append("\\boxed{").append(finisherText);
        return sb.toString().strip();
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
