package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class CpuPoolTest {

    @Test
    void coversEveryIndexOnceOnAllThreads() throws Exception {
        Set<String> names = ConcurrentHashMap.newKeySet(); // over all rounds: a loaded machine may starve one
        try (CpuPool pool = new CpuPool(3)) {
            for (int round = 0; round < 200; round++) {
                int n = 1 + round * 7;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                pool.run((w, from, to) -> {
                    names.add(Thread.currentThread().getName());
                    for (int i = from; i < to; i++) hits.incrementAndGet(i);
                    if (n > 1000) spin(20_000);
                }, n, 3);
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i);
            }
        }
        assertTrue(names.size() >= 2, "work shared: " + names);
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    @Test
    void workerIndexesAreDistinctAndBounded() {
        try (CpuPool pool = new CpuPool(4)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(4);
            pool.run((w, from, to) -> {
                seen.incrementAndGet(w);
                spin(200_000);
            }, 64, 1);
            int total = 0;
            for (int i = 0; i < 4; i++) total += seen.get(i);
            assertEquals(64, total);
        }
    }

    @Test
    void rethrowsTheFirstFailureAndStaysUsable() {
        try (CpuPool pool = new CpuPool(3)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException got = assertThrows(IllegalStateException.class, () -> pool.run((w, from, to) -> {
                if (from == 17) throw boom;
            }, 100, 1));
            assertSame(boom, got);
            AtomicInteger sum = new AtomicInteger();
            pool.run((w, from, to) -> sum.addAndGet(to - from), 1000, 10);
            assertEquals(1000, sum.get());
        }
    }

    @Test
    void nestedRunsInlineAndConcurrentCallersTakeTurns() throws Exception {
        try (CpuPool pool = new CpuPool(2)) {
            AtomicInteger inner = new AtomicInteger();
            pool.run((w, from, to) -> pool.run((w2, f2, t2) -> inner.addAndGet(t2 - f2), 10, 1), 4, 1);
            assertEquals(40, inner.get());
            AtomicInteger total = new AtomicInteger();
            Thread[] callers = new Thread[4];
            for (int c = 0; c < callers.length; c++) {
                callers[c] = new Thread(() -> {
                    for (int k = 0; k < 100; k++) pool.run((w, from, to) -> total.addAndGet(to - from), 50, 5);
                });
                callers[c].start();
            }
            for (Thread t : callers) t.join();
            assertEquals(4 * 100 * 50, total.get());
        }
    }

    @Test
    void closeStopsTheThreadsAndLaterCallsRunInline() throws Exception {
        CpuPool pool = new CpuPool(3);
        pool.run((w, from, to) -> { }, 100, 1);
        assertTrue(pool.isAlive());
        pool.close();
        assertFalse(pool.isAlive());
        AtomicInteger sum = new AtomicInteger();
        Set<String> names = ConcurrentHashMap.newKeySet();
        pool.run((w, from, to) -> {
            sum.addAndGet(to - from);
            names.add(Thread.currentThread().getName());
        }, 100, 1);
        assertEquals(100, sum.get());
        assertEquals(Set.of(Thread.currentThread().getName()), names);
        pool.close(); // idempotent
    }

    @Test
    void threadsAreNamedDaemons() {
        try (CpuBackend cpu = new CpuBackend(3)) {
            assertEquals(3, cpu.threads());
            int found = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("hogwild-cpu-") && t.isAlive()) {
                    assertTrue(t.isDaemon(), t.getName());
                    found++;
                }
            }
            assertTrue(found >= 2, "pool threads running: " + found);
            assertTrue(cpu.threadsAlive());
            cpu.close();
            assertFalse(cpu.threadsAlive());
        }
    }
}
