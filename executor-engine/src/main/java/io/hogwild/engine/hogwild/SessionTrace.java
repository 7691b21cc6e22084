package io.hogwild.engine.hogwild;

import java.util.List;

/**
 * Everything a Hogwild run did, for people and for tests.
 *
 * @param history         committed steps in the order they entered the shared history
 * @param transcript      the history text, then each worker's unfinished step, as a reader would follow it
 * @param sequentialSteps forward passes of generation used (the budget counts these)
 * @param stopReason      "answer" (a worker wrote \boxed{}), "budget" or "context" (the finisher answered), or "cancelled"
 * @param finisherText    what the finisher wrote after its "\boxed{" (null when it did not run)
 */
public record SessionTrace(List<WorkerTrace> workers, List<StepTrace> history, String transcript, int sequentialSteps,
                           int totalTokens, String stopReason, String finisherText, long prefillMillis,
                           long generateMillis, long finisherMillis) {}
