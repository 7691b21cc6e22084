package io.hogwild.engine.hogwild;

import io.hogwild.engine.sampling.SamplingParams;
import java.util.List;

/**
 * Settings of a Hogwild run for one problem (all problems of a call share them).
 *
 * @param workerNames        one name per worker (1..8); defaults Alice, Bob, Carol, ...
 * @param maxSteps           budget of sequential forward passes of generation (prefill not counted)
 * @param quickCheckInterval generated tokens (all workers together) between "Quick check" insertions; 0 = never
 * @param finisherTokens     greedy tokens the finisher may write after "\boxed{" when the budget runs out
 * @param prompt             collaboration system prompt variant by name
 * @param systemAsUser       pass the collaboration prompt inside the user message instead of a system turn
 * @param forbidden          texts of tokens never emitted while reasoning (single tokens or special tokens);
 *                           BOS and EOS are always added
 */
public record SolveOptions(List<String> workerNames, Layout layout, int maxSteps, SamplingParams sampling,
                           int quickCheckInterval, int finisherTokens, String prompt, boolean systemAsUser,
                           List<String> forbidden) {
    public static final int MAX_WORKERS = 8;

    public SolveOptions {
        workerNames = List.copyOf(workerNames);
        forbidden = List.copyOf(forbidden);
        if (workerNames.isEmpty() || workerNames.size() > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1.." + MAX_WORKERS + ", got " + workerNames.size());
        }
        if (maxSteps < 1) throw new IllegalArgumentException("max steps must be >= 1, got " + maxSteps);
        if (quickCheckInterval < 0) throw new IllegalArgumentException("quick-check interval must be >= 0, got " + quickCheckInterval);
        if (finisherTokens < 0) throw new IllegalArgumentException("finisher tokens must be >= 0, got " + finisherTokens);
    }

    public static SolveOptions defaults(int workers) {
        return new SolveOptions(io.hogwild.engine.hogwild.prompt.WorkerNames.defaults(workers), Layout.COMBINED, 2048,
                new SamplingParams(0.6f, 20, 0.95f, 0f, 0), 1024, 16, "default", false,
                List.of("#", "</think>"));
    }

    public int workers() {
        return workerNames.size();
    }

    public SolveOptions withWorkers(List<String> names) {
        return new SolveOptions(names, layout, maxSteps, sampling, quickCheckInterval, finisherTokens, prompt, systemAsUser, forbidden);
    }

    public SolveOptions withLayout(Layout l) {
        return new SolveOptions(workerNames, l, maxSteps, sampling, quickCheckInterval, finisherTokens, prompt, systemAsUser, forbidden);
    }

    public SolveOptions withMaxSteps(int n) {
        return new SolveOptions(workerNames, layout, n, sampling, quickCheckInterval, finisherTokens, prompt, systemAsUser, forbidden);
    }

    public SolveOptions withSampling(SamplingParams s) {
        return new SolveOptions(workerNames, layout, maxSteps, s, quickCheckInterval, finisherTokens, prompt, systemAsUser, forbidden);
    }

    public SolveOptions withQuickCheckInterval(int n) {
        return new SolveOptions(workerNames, layout, maxSteps, sampling, n, finisherTokens, prompt, systemAsUser, forbidden);
    }

    public SolveOptions withFinisherTokens(int n) {
        return new SolveOptions(workerNames, layout, maxSteps, sampling, quickCheckInterval, n, prompt, systemAsUser, forbidden);
    }

    public SolveOptions withPrompt(String name, boolean asUser) {
        return new SolveOptions(workerNames, layout, maxSteps, sampling, quickCheckInterval, finisherTokens, name, asUser, forbidden);
    }

    public SolveOptions withForbidden(List<String> texts) {
        return new SolveOptions(workerNames, layout, maxSteps, sampling, quickCheckInterval, finisherTokens, prompt, systemAsUser, texts);
    }
}
