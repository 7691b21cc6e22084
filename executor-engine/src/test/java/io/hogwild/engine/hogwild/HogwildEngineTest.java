package io.hogwild.engine.hogwild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.Model;
import io.hogwild.engine.sampling.SamplingParams;
import io.hogwild.kernels.Backends;
import io.hogwild.kernels.KvType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resident engine: batching across problems and callers, the cache budget, errors, cancellation. */
class HogwildEngineTest {
    static final EngineOptions ROOMY = new EngineOptions(256L << 20, 512);

    static List<Problem> problems(int n) {
        List<Problem> p = new ArrayList<>();
        for (int i = 0; i < n; i++) p.add(new Problem("p" + i, "Problem number " + i + ": what is " + i + " squared?"));
        return p;
    }

    /** Traces without timings, for exact comparison. */
    static List<Object> comparable(Solution s) {
        SessionTrace t = s.trace();
        return List.of(String.valueOf(s.answer()), t.workers(), t.history(), t.transcript(), t.sequentialSteps(),
                t.totalTokens(), t.stopReason(), String.valueOf(t.finisherText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "cpu"})
    void batchingIsInvisible(String backend) throws Exception {
        Model m = backend.equals("scalar") ? SessionHarness.tinyModel() : SessionHarness.model(Backends.create("cpu", 2), 1, 16);
        for (SamplingParams sampling : List.of(SamplingParams.greedy(), new SamplingParams(0.8f, 40, 0.95f, 0.02f, 1234))) {
            SolveOptions o = SessionHarness.greedy(2).withSampling(sampling).withMaxSteps(10).withFinisherTokens(3);
            List<Solution> together;
            long passesTogether;
            try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
                together = e.solve(problems(6), o);
                passesTogether = e.passes();
            }
            long passesAlone = 0;
            for (int i = 0; i < 6; i++) {
                try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
                    Solution alone = e.solve(List.of(problems(6).get(i)), o).get(0);
                    assertEquals(comparable(alone), comparable(together.get(i)), "problem " + i + " with " + sampling);
                    passesAlone += e.passes();
                }
            }
            assertTrue(passesTogether * 3 < passesAlone, "6 problems share passes: " + passesTogether + " vs " + passesAlone);
        }
    }

    @Test
    void sameSeedSameTraceOtherSeedOtherTrace() throws Exception {
        Model m = SessionHarness.tinyModel();
        SolveOptions o = SessionHarness.greedy(2).withSampling(new SamplingParams(1f, 0, 1f, 0f, 5)).withMaxSteps(8);
        try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
            Problem p = problems(1).get(0);
            Solution a = e.solve(List.of(p), o).get(0);
            assertEquals(comparable(a), comparable(e.solve(List.of(p), o).get(0)));
            Solution c = e.solve(List.of(p), o.withSampling(new SamplingParams(1f, 0, 1f, 0f, 6))).get(0);
            assertNotEquals(comparable(a), comparable(c));
        }
    }

    @Test
    void problemsWaitForCacheAndAllFinishWithTheSameTraces() throws Exception {
        Model m = SessionHarness.tinyModel();
        SolveOptions o = SessionHarness.greedy(2).withMaxSteps(40).withFinisherTokens(0);
        List<Solution> roomy;
        try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
            roomy = e.solve(problems(4), o);
        }
        // room for about two problems at a time (prompt ~600 tokens + generated), far less than four
        long bytesPerToken = m.kvBytesPerToken();
        try (HogwildEngine e = new HogwildEngine(m, new EngineOptions(bytesPerToken * 64 * 40, 512))) {
            List<Solution> tight = e.solve(problems(4), o);
            for (int i = 0; i < 4; i++) {
                assertNull(tight.get(i).error());
                assertEquals(comparable(roomy.get(i)), comparable(tight.get(i)));
            }
        }
    }

    @Test
    void badProblemsGetAnErrorAndTheOthersGoOn() throws Exception {
        Model m = SessionHarness.tinyModel();
        SolveOptions o = SessionHarness.greedy(2).withMaxSteps(3);
        String huge = "word ".repeat(5000); // ~5000 tokens, beyond the 4096 context
        try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
            List<Solution> s = e.solve(List.of(new Problem("empty", "  "), new Problem("huge", huge),
                    new Problem("fine", "What is 1+1?")), o);
            assertEquals("the problem is empty", s.get(0).error());
            assertTrue(s.get(1).error().contains("does not fit the model context of 4096"), s.get(1).error());
            assertNull(s.get(2).error());
            assertEquals(3, s.get(2).trace().sequentialSteps());
        }
        try (HogwildEngine e = new HogwildEngine(m, new EngineOptions(m.kvBytesPerToken() * 64 * 4, 512))) {
            Solution s = e.solve(List.of(new Problem("p", "What is 1+1?")), o).get(0);
            assertTrue(s.error().contains("KV pages but the budget holds 4"), s.error());
        }
    }

    @Test
    void anF16CacheHoldsTwiceTheTokensInTheSameBudget() throws Exception {
        Model m = SessionHarness.tinyModel();
        assertEquals(m.kvBytesPerToken(), 2 * m.kvBytesPerToken(KvType.F16));
        assertEquals(m.kvBytesPerToken(KvType.F16) * 64, m.kvLayout(KvType.F16).bytesPerPage());
        SolveOptions o = SessionHarness.greedy(2).withMaxSteps(5).withFinisherTokens(0);
        Problem p = new Problem("p", "What is 1+1?");
        // how many pages the problem needs, from the error of a float32 cache far too small for it
        int needed;
        try (HogwildEngine e = new HogwildEngine(m, new EngineOptions(m.kvBytesPerToken() * 64 * 2, 512))) {
            assertEquals(KvType.F32, e.kvType());
            String error = e.solve(List.of(p), o).get(0).error();
            java.util.regex.Matcher g = java.util.regex.Pattern.compile("needs at least (\\d+) KV pages").matcher(error);
            assertTrue(g.find(), error);
            needed = Integer.parseInt(g.group(1));
        }
        // a budget of about 3/4 of that in float32 pages: too small for float32, room to spare in half
        long budget = m.kvBytesPerToken() * 64 * (needed * 3 / 4);
        try (HogwildEngine e = new HogwildEngine(m, new EngineOptions(budget, 512))) {
            assertTrue(e.solve(List.of(p), o).get(0).error().contains("KV pages but the budget holds " + needed * 3 / 4));
        }
        try (HogwildEngine e = new HogwildEngine(m, new EngineOptions(budget, 512, KvType.F16))) {
            assertEquals(KvType.F16, e.kvType());
            assertEquals(2 * (needed * 3 / 4), e.cacheTotalPages());
            Solution s = e.solve(List.of(p), o).get(0);
            assertNull(s.error());
            assertEquals(5, s.trace().sequentialSteps());
        }
    }

    @Test
    void manyProblemsNeverOverfillAPass() throws Exception {
        // 64-token passes: 3 problems x 2 workers cannot all step in one pass; each pass takes what fits
        Model m = SessionHarness.tinyModel();
        SolveOptions o = SessionHarness.greedy(2).withMaxSteps(5).withFinisherTokens(0);
        try (HogwildEngine e = new HogwildEngine(m, new EngineOptions(256L << 20, 64))) {
            for (Solution s : e.solve(problems(3), o)) {
                assertNull(s.error());
                assertEquals(5, s.trace().sequentialSteps());
            }
            Solution tooWide = e.solve(problems(1), SessionHarness.greedy(8)).get(0);
            assertTrue(tooWide.error().contains("8 workers need up to"), tooWide.error());
        }
    }

    @Test
    void aCancelledProblemStopsAndFreesItsCache() throws Exception {
        Model m = SessionHarness.tinyModel();
        try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
            CompletableFuture<Solution> f = e.submit(new Problem("long", "Go on forever."), SessionHarness.greedy(2).withMaxSteps(100000));
            while (e.passes() < 3) Thread.sleep(5);
            f.cancel(true);
            assertThrows(CancellationException.class, f::join);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (e.cacheFreePages() != e.cacheTotalPages() - e.sharedPrefixPages() && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(e.cacheTotalPages() - e.sharedPrefixPages(), e.cacheFreePages(), "every page but the shared prefix is free");
            long after = e.passes();
            Thread.sleep(100);
            assertEquals(after, e.passes(), "the cancelled problem no longer runs");
            Solution next = e.solve(List.of(new Problem("next", "What is 1+1?")), SessionHarness.greedy(2).withMaxSteps(2)).get(0);
            assertNull(next.error());
        }
    }

    @Test
    void concurrentCallersShareForwardPasses() throws Exception {
        Model m = SessionHarness.tinyModel();
        SolveOptions o = SessionHarness.greedy(2).withMaxSteps(20).withFinisherTokens(0);
        try (HogwildEngine e = new HogwildEngine(m, ROOMY)) {
            e.solve(problems(1), o.withMaxSteps(1)); // shared prefix computed once up front
            long before = e.passes();
            List<CompletableFuture<List<Solution>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<Problem> mine = List.of(problems(3).get(i));
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return e.solve(mine, o);
                    } catch (InterruptedException ex) {
                        throw new IllegalStateException(ex);
                    }
                }));
            }
            for (CompletableFuture<List<Solution>> c : calls) assertNull(c.get(60, TimeUnit.SECONDS).get(0).error());
            long used = e.passes() - before;
            assertTrue(used < 3 * 21, "three callers' problems shared passes: " + used);
        }
    }
}
