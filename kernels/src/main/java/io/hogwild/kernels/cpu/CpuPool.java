package io.hogwild.kernels.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An engine-owned pool of persistent daemon threads ("hogwild-cpu-N") that, together with the calling
 * thread, share out an index range {@code [0, count)} in chunks of {@code grain}. Nothing is allocated and
 * no thread is started per call: the caller publishes a reusable {@link RangeTask} by bumping a volatile
 * generation counter; workers spin briefly on that counter (so back-to-back ops cost a cache-line round
 * trip, not a wake-up) and then park. Chunks are claimed from an atomic counter, so a slow thread never
 * holds up the others by more than one chunk.
 *
 * <p>{@link #run} is serialised: concurrent callers take turns. A task that itself calls {@code run} (from
 * any participating thread) runs its inner range inline. After {@link #close} every call runs inline on the
 * caller.
 */
final class CpuPool implements AutoCloseable {

    /** The work of one op: handles indices {@code [from, to)} on participant {@code worker} (0 = caller). */
    interface RangeTask {
        void run(int worker, int from, int to);
    }

    /** How long an idle participant spins before parking, in nanoseconds. */
    private static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Worker[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile boolean callerParked;
    private volatile Thread caller;
    // Published by the volatile write of generation.
    private RangeTask task;
    private int count;
    private int grain;
    private volatile Throwable failure;
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private boolean running;

    CpuPool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].thread.start();
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, count)} in chunks of {@code grain} on all threads and returns when
     * every chunk is done. The first exception thrown by any participant is rethrown here.
     */
    void run(RangeTask task, int count, int grain) {
        if (count <= 0) return;
        if (grain < 1) grain = 1;
        if (threads == 1 || count <= grain || closed || inside.get()) {
            task.run(0, 0, count);
            return;
        }
        synchronized (this) {
            if (running) { // re-entered through the same thread without the thread-local (cannot happen)
                task.run(0, 0, count);
                return;
            }
            running = true;
            inside.set(Boolean.TRUE);
            try {
                dispatch(task, count, grain);
            } finally {
                inside.set(Boolean.FALSE);
                running = false;
            }
        }
    }

    private void dispatch(RangeTask t, int n, int g) {
        this.task = t;
        this.count = n;
        this.grain = g;
        this.failure = null;
        this.caller = Thread.currentThread();
        next.set(0);
        pending.set(workers.length);
        generation = generation + 1; // publish
        for (Worker w : workers) {
            if (w.parked) LockSupport.unpark(w.thread);
        }
        Throwable mine = null;
        try {
            share(0);
        } catch (Throwable e) {
            mine = e;
        }
        awaitWorkers();
        this.task = null;
        Throwable f = mine != null ? mine : failure;
        if (f != null) {
            if (f instanceof RuntimeException) throw (RuntimeException) f;
            if (f instanceof Error) throw (Error) f;
            throw new IllegalStateException(f);
        }
    }

    private void share(int worker) {
        RangeTask t = task;
        int n = count;
        int g = grain;
        int from;
        while ((from = next.getAndAdd(g)) < n) {
            t.run(worker, from, Math.min(n, from + g));
        }
    }

    private void awaitWorkers() {
        if (pending.get() == 0) return;
        long start = System.nanoTime();
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 64 || System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            callerParked = true;
            if (pending.get() != 0) LockSupport.parkNanos(this, 1_000_000L);
            callerParked = false;
        }
    }

    private void finished() {
        if (pending.decrementAndGet() == 0 && callerParked) {
            Thread c = caller;
            if (c != null) LockSupport.unpark(c);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Worker w : workers) LockSupport.unpark(w.thread);
        for (Worker w : workers) {
            try {
                w.thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    boolean isAlive() {
        for (Worker w : workers) {
            if (w.thread.isAlive()) return true;
        }
        return false;
    }

    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, "hogwild-cpu-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0; // the generation before any dispatch, whenever this thread starts
            inside.set(Boolean.TRUE);
            while (true) {
                long g;
                long start = 0;
                int spins = 0;
                while ((g = generation) == seen) {
                    if (closed) return;
                    spins++;
                    if (spins < 64) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (start == 0) start = System.nanoTime();
                    if ((spins & 15) != 0 || System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                        continue;
                    }
                    parked = true;
                    if (generation == seen && !closed) LockSupport.park(this);
                    parked = false;
                    spins = 0;
                    start = 0;
                }
                seen = g;
                try {
                    share(index);
                } catch (Throwable e) {
                    if (failure == null) failure = e;
                }
                finished();
            }
        }
    }
}
