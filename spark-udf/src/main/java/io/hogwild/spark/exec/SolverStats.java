package io.hogwild.spark.exec;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of this JVM's executor-side work (for logs, tests and benchmarks). */
public final class SolverStats {
    private SolverStats() {}

    /** Arrow batches handed to an engine (one engine call each). */
    public static final AtomicLong BATCHES = new AtomicLong();
    /** Rows carried by those batches (null prompts included). */
    public static final AtomicLong ROWS = new AtomicLong();
    /** Problems submitted to an engine. */
    public static final AtomicLong PROBLEMS = new AtomicLong();
    /** Problems cancelled because their task ended first (killed, failed, or stopped reading). */
    public static final AtomicLong CANCELLED = new AtomicLong();
}
