package io.hogwild.engine.hogwild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.hogwild.prompt.WorkerNames;
import io.hogwild.engine.model.ForwardPass;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.engine.sampling.SamplingParams;
import io.hogwild.kernels.scalar.ScalarBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN 2.1 inside a real Hogwild run: at every forward pass of a 3-worker combined run, each worker's
 * logits equal a plain causal pass over that worker's flattened view, built the way the paper's reference
 * code does it (every fragment's keys re-rotated and copied into one dense sequence).
 */
class DenseReferenceTest {

    /** Checks every worker row of every pass against the dense reference. */
    static final class Checker implements ForwardPass {
        final ForwardPass real;
        int rowsChecked;
        double maxDiff;
        double maxLogit;

        Checker(ForwardPass real) {
            this.real = real;
        }

        @Override
        public float[][] forward(List<ForwardRow> rows, KvCache cache) {
            float[][] out = real.forward(rows, cache);
            for (int i = 0; i < rows.size(); i++) {
                if (out[i] == null) continue;
                float[] ref = dense(rows.get(i), cache);
                for (int v = 0; v < ref.length; v++) {
                    maxDiff = Math.max(maxDiff, Math.abs(ref[v] - out[i][v]));
                    maxLogit = Math.max(maxLogit, Math.abs(ref[v]));
                }
                rowsChecked++;
            }
            return out;
        }

        private float[] dense(ForwardRow row, KvCache cache) {
            Model m = SessionHarness.tinyModel();
            Fragment flat = cache.newFragment();
            Fragment fresh = cache.newFragment();
            try {
                for (Fragment f : row.view().fragments()) {
                    int keep = f == row.target() ? f.length() - row.tokens().length : f.length();
                    cache.appendCopy(m.backend(), flat, f, 0, keep, m.config().rope());
                }
                return real.forward(List.of(new ForwardRow(View.of(flat, fresh), fresh, row.tokens())), cache)[0];
            } finally {
                cache.release(flat);
                cache.release(fresh);
            }
        }
    }

    @Test
    void everyWorkerRowOfEveryPassMatchesTheDenseReference() throws Exception {
        Checker[] c = new Checker[1];
        SolveOptions o = SessionHarness.greedy(3).withSampling(new SamplingParams(1f, 0, 1f, 0f, 77)).withMaxSteps(12)
                .withQuickCheckInterval(10);
        Solution s = SessionHarness.solve("Prove that 7 is prime.", o, real -> c[0] = new Checker(real));
        assertTrue(s.ok(), s.error());
        System.out.printf("dense reference: %d worker rows checked, max |diff| %.3g (logit scale %.3g)%n",
                c[0].rowsChecked, c[0].maxDiff, c[0].maxLogit);
        assertTrue(c[0].rowsChecked >= 3 * 12, "every worker row of the 12 passes, then the finisher's");
        assertTrue(c[0].maxLogit > 0.1);
        assertTrue(c[0].maxDiff <= 1e-4 * Math.max(1, c[0].maxLogit), "max diff " + c[0].maxDiff);
    }

    @Test
    void committingAStepCopiesOnlyThatStep() throws Exception {
        // Each commit moves exactly the finished step's fragment: boundary token, prefix, the step's tokens
        // but the last (which opens the next fragment). Nothing else in the cache is touched.
        long[] copied = new long[1];
        Solution s = SessionHarness.solve("Count.", SessionHarness.greedy(2).withMaxSteps(30).withFinisherTokens(0), real -> {
            ScriptedForward sf = new ScriptedForward(real, SessionHarness.TOKENIZER)
                    .script("Alice", "One.\n\nTwo two.\n\nThree three three.\n\nFour.\n\n")
                    .script("Bob", "Five five five five.\n\nSix.\n\n");
            return (rows, cache) -> {
                float[][] out = sf.forward(rows, cache);
                copied[0] = cache.tokensCopied();
                return out;
            };
        });
        long expected = 0;
        for (StepTrace step : s.trace().history()) {
            int boundary = step.number() > 1 ? 1 : 0;
            int prefix = SessionHarness.TOKENIZER.encode(WorkerNames.stepPrefix(step.worker(), step.number()), false).length;
            expected += boundary + prefix + step.tokens() - 1;
        }
        assertEquals(6, s.trace().history().size());
        assertEquals(expected, copied[0]);
    }
}
