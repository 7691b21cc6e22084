package io.hogwild.spark.exec;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounds what an engine runs at once so that one forward pass can never be asked for more tokens than its
 * limit: each problem holds, while it runs, the most tokens any single pass of it can carry (its prompt while
 * prefilling, one row per worker with a step prefix and a quick check while generating, or the finisher row).
 *
 * <p>Why: the engine's scheduler adds every generating session's rows to a pass whatever the pass's remaining
 * token budget, so with many problems at once the budget goes negative and a session still prefilling fails the
 * whole pass ("internal error", every active problem lost), or the pass exceeds the transformer's token limit.
 * Until the scheduler defers what does not fit to the next pass, this keeps the sum of worst cases within the
 * limit. It is per engine, so concurrent tasks share it.
 */
public final class Admission {
    /** Worst tokens of one generating row: the step-ending token, "**Name [k]:** " and a quick-check line. */
    static final int ROW_TOKENS = 40;
    /** Worst tokens of the finisher row: a worker's pending tokens and the finisher text. */
    static final int FINISHER_TOKENS = 80;
    /** Chat-template and "work in progress" header tokens around a prompt. */
    static final int PROMPT_OVERHEAD = 48;

    private final Semaphore tokens;
    private final int total;

    public Admission(int passTokens) {
        this.total = passTokens;
        this.tokens = new Semaphore(passTokens, true);
    }

    /** The tokens a problem of {@code promptTokens} and {@code workers} workers reserves. */
    public int cost(int promptTokens, int workers) {
        long worst = Math.max((long) promptTokens + PROMPT_OVERHEAD, Math.max((long) ROW_TOKENS * workers, FINISHER_TOKENS));
        return (int) Math.min(total, worst); // a problem larger than a pass runs alone: the engine chunks its prefill
    }

    /** Waits for {@code n} tokens of room, checking {@code killed} every {@code pollMillis}. */
    public void acquire(int n, BooleanSupplier killed, long pollMillis) throws InterruptedException {
        while (!tokens.tryAcquire(n, pollMillis, TimeUnit.MILLISECONDS)) {
            if (killed.getAsBoolean()) throw new CancellationException("task killed");
        }
    }

    public void release(int n) {
        tokens.release(n);
    }

    /** Tokens free right now (tests, logs). */
    public int available() {
        return tokens.availablePermits();
    }

    public int total() {
        return total;
    }
}
