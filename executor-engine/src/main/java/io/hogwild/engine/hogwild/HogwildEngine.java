package io.hogwild.engine.hogwild;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.hogwild.prompt.ChatFormat;
import io.hogwild.engine.hogwild.prompt.WorkerNames;
import io.hogwild.engine.model.ForwardPass;
import io.hogwild.engine.model.ForwardRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The resident engine: one per model per JVM, thread-safe. Callers' problems become sessions; a single
 * scheduler thread runs forward passes that carry every active worker of every active session, so
 * concurrent callers share batches. The KV budget is hard: a session that does not fit waits; a session
 * that can never fit gets an error.
 */
public final class HogwildEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HogwildEngine.class.getName());

    private final Model model;
    private final EngineOptions options;
    private final ForwardPass forward;
    private final KvCache cache;
    private final PromptBuilder prompts;
    private final Object lock = new Object();
    private final ArrayDeque<Job> submitted = new ArrayDeque<>();
    private final List<Job> waiting = new ArrayList<>();
    private final List<Job> active = new ArrayList<>();
    private final Map<String, Fragment> sharedPrefixes = new HashMap<>();
    private final Thread scheduler;
    private volatile boolean closed;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    public HogwildEngine(Model model, EngineOptions options) {
        this(model, options, model.transformer());
    }

    /** An engine whose passes go through {@code forward} (instrumented or scripted passes in tests). */
    public HogwildEngine(Model model, EngineOptions options, ForwardPass forward) {
        this.model = model;
        this.options = options;
        this.forward = forward;
        this.cache = model.newCache(options.kvBudgetBytes(), options.kvType());
        this.prompts = new PromptBuilder(model.tokenizer(),
                ChatFormat.forArchitecture(model.config().arch().ggufName, model.tokenizer().chatTemplate()));
        this.scheduler = new Thread(this::loop, "hogwild-scheduler");
        this.scheduler.setDaemon(true);
        this.scheduler.start();
    }

    public Model model() {
        return model;
    }

    /** Forward passes run so far. */
    public long passes() {
        return passes.get();
    }

    /** Tokens carried by all forward passes so far. */
    public long tokensProcessed() {
        return tokens.get();
    }

    /** How the engine's cache stores keys and values. */
    public io.hogwild.kernels.KvType kvType() {
        return options.kvType();
    }

    public int cacheTotalPages() {
        return cache.totalPages();
    }

    public int cacheFreePages() {
        return cache.freePages();
    }

    /** Pages held by the cached shared system-prompt prefixes. */
    public int sharedPrefixPages() {
        synchronized (sharedPrefixes) {
            return sharedPrefixes.values().stream().mapToInt(Fragment::pageCount).sum();
        }
    }

    /** Solves the problems (batched with any other caller's), blocking until all are done. */
    public List<Solution> solve(List<Problem> problems, SolveOptions options) throws InterruptedException {
        List<CompletableFuture<Solution>> futures = new ArrayList<>();
        for (Problem p : problems) futures.add(submit(p, options));
        List<Solution> out = new ArrayList<>();
        try {
            for (CompletableFuture<Solution> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true)); // the caller gave up: free the cache at once
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** Queues one problem; cancelling the future stops it and frees its cache. */
    public CompletableFuture<Solution> submit(Problem problem, SolveOptions options) {
        return submit(problem, options, SessionListener.NONE);
    }

    /** Queues one problem whose progress is reported to {@code listener} as it happens. */
    public CompletableFuture<Solution> submit(Problem problem, SolveOptions options, SessionListener listener) {
        if (closed) throw new IllegalStateException("engine is closed");
        Job job = new Job(problem, options, listener);
        synchronized (lock) {
            submitted.add(job);
            lock.notifyAll();
        }
        return job.future;
    }

    private void loop() {
        while (!closed) {
            try {
                if (!step()) {
                    synchronized (lock) {
                        if (submitted.isEmpty() && !closed) lock.wait(50);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) { // never let the scheduler die: fail what was running, keep serving
                LOG.log(Level.SEVERE, "forward pass failed", t);
                for (Job j : new ArrayList<>(active)) fail(j, "internal error: " + t);
            }
        }
    }

    /** One scheduling round; false when there was nothing to run. */
    private boolean step() {
        synchronized (lock) {
            while (!submitted.isEmpty()) waiting.add(submitted.poll());
        }
        dropCancelled();
        admit();
        if (active.isEmpty()) return false;
        int budget = options.maxBatchTokens();
        int freePages = cache.freePages();
        List<ForwardRow> rows = new ArrayList<>();
        List<Job> owners = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Job j : active) {
            int want = j.session.tokensWanted(budget);
            if (want == 0 || want > budget) continue; // a worker pass is never split: it waits for the next pass
            int pages = j.session.pagesWanted(budget);
            if (pages > freePages) continue; // waits for pages to be freed
            List<ForwardRow> r = j.session.nextRows(budget);
            rows.addAll(r);
            owners.add(j);
            counts.add(r.size());
            budget -= want;
            freePages -= pages;
        }
        if (rows.isEmpty()) {
            relieveCachePressure();
            return true;
        }
        float[][] logits = forward.forward(rows, cache);
        passes.incrementAndGet();
        for (ForwardRow r : rows) tokens.addAndGet(r.tokens().length);
        int at = 0;
        for (int i = 0; i < owners.size(); i++) {
            Job j = owners.get(i);
            j.session.accept(Arrays.copyOfRange(logits, at, at + counts.get(i)));
            at += counts.get(i);
            if (j.session.done()) {
                active.remove(j);
                j.future.complete(j.session.solution());
            }
        }
        return true;
    }

    /**
     * Every active session waits for pages: the youngest is restarted later from scratch (its seeded
     * sampling makes the rerun identical), or, alone, fails because the budget can never hold it.
     */
    private void relieveCachePressure() {
        Job youngest = active.get(active.size() - 1);
        youngest.session.cancel();
        active.remove(youngest);
        if (active.isEmpty()) {
            youngest.future.complete(Solution.failed(youngest.problem.id(), "KV cache budget of "
                    + options.kvBudgetBytes() / (1 << 20) + " MiB is too small for this problem after "
                    + youngest.session.sequentialSteps() + " steps (raise the cache budget or lower workers/max steps)"));
        } else {
            youngest.session = null;
            waiting.add(0, youngest);
        }
    }

    private void dropCancelled() {
        for (Job j : new ArrayList<>(active)) {
            if (j.future.isCancelled()) {
                j.session.cancel();
                active.remove(j);
            }
        }
        waiting.removeIf(j -> j.future.isCancelled());
    }

    /** Starts waiting jobs in order while their first passes fit in the free cache. */
    private void admit() {
        while (!waiting.isEmpty()) {
            Job j = waiting.get(0);
            try {
                if (j.session == null && !start(j)) return;
            } catch (RuntimeException e) {
                waiting.remove(0);
                j.future.complete(Solution.failed(j.problem.id(), e.getMessage()));
                continue;
            }
            waiting.remove(0);
            active.add(j);
        }
    }

    /** Builds the job's session if its prompt fits now; throws if it never can. */
    private boolean start(Job j) {
        String text = j.problem.text();
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the problem is empty");
        SolveOptions o = j.options;
        SessionPrompt p = prompts.build(text, o);
        String sharedText = prompts.sharedText(o);
        int sharedTokens = sharedText.isEmpty() ? 0 : model.tokenizer().encode(sharedText, true).length;
        int fixed = sharedTokens + p.problem().length + p.othersHeader().length + p.ownSeparator().length;
        int context = model.config().contextLength();
        int minimum = fixed + o.workers() * 64 + p.finisher().length + o.finisherTokens();
        if (minimum > context) {
            throw new IllegalArgumentException("problem of " + p.problem().length + " tokens does not fit the model context of "
                    + context + " tokens with " + o.workers() + " workers");
        }
        int worstPass = o.workers() * (1 + p.quickCheck().length + longestPrefix(o));
        if (worstPass > options.maxBatchTokens()) {
            throw new IllegalArgumentException(o.workers() + " workers need up to " + worstPass + " tokens in one pass but "
                    + "passes are limited to " + options.maxBatchTokens() + " tokens");
        }
        int pagesNeeded = cache.pagesFor(fixed) + 3 + 2 * o.workers();
        if (pagesNeeded > cache.totalPages()) {
            throw new IllegalArgumentException("problem needs at least " + pagesNeeded + " KV pages but the budget holds "
                    + cache.totalPages());
        }
        if (pagesNeeded > cache.freePages()) return false;
        Fragment shared = sharedPrefix(sharedText);
        j.session = new HogwildSession(j.problem.id(), o, model.tokenizer(), cache, model.backend(), model.config().rope(),
                p, prompts.forbidden(o), shared, context);
        j.session.listen(j.listener);
        return true;
    }

    /** Tokens of the longest step prefix a run can write ("**Name [maxSteps]:** "). */
    private int longestPrefix(SolveOptions o) {
        int most = 0;
        for (String name : o.workerNames()) {
            most = Math.max(most, model.tokenizer().encode(WorkerNames.stepPrefix(name, o.maxSteps()), false).length);
        }
        return most;
    }

    /** The cached fragment of a shared system prompt, computed on first use. */
    private Fragment sharedPrefix(String text) {
        if (text.isEmpty()) return null;
        Fragment f = sharedPrefixes.get(text);
        if (f != null) return f;
        f = cache.newFragment();
        int[] ids = model.tokenizer().encode(text, true);
        int step = options.maxBatchTokens();
        for (int pos = 0; pos < ids.length; pos += step) {
            int[] chunk = Arrays.copyOfRange(ids, pos, Math.min(ids.length, pos + step));
            forward.forward(List.of(new ForwardRow(View.of(f), f, chunk, false)), cache);
        }
        synchronized (sharedPrefixes) {
            sharedPrefixes.put(text, f);
        }
        return f;
    }

    private void fail(Job j, String message) {
        if (j.session != null) j.session.cancel();
        active.remove(j);
        j.future.complete(Solution.failed(j.problem.id(), message));
    }

    @Override
    public void close() {
        closed = true;
        scheduler.interrupt();
        try {
            scheduler.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            for (Job j : submitted) j.future.completeExceptionally(new CancellationException("engine closed"));
        }
        for (Job j : waiting) j.future.completeExceptionally(new CancellationException("engine closed"));
        for (Job j : active) j.future.completeExceptionally(new CancellationException("engine closed"));
        cache.close();
    }

    private static final class Job {
        final Problem problem;
        final SolveOptions options;
        final CompletableFuture<Solution> future = new CompletableFuture<>();
        HogwildSession session;

        final SessionListener listener;

        Job(Problem problem, SolveOptions options, SessionListener listener) {
            this.problem = problem;
            this.options = options;
            this.listener = listener;
        }
    }
}
