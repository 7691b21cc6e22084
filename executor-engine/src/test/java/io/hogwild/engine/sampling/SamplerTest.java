package io.hogwild.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {
    /** Logits of the distribution 0.5, 0.3, 0.15, 0.05 (at temperature 1). */
    static final float[] FOUR = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15), (float) Math.log(0.05)};

    static int[] counts(SamplingParams p, int[] forbidden, float[] logits, int draws) {
        Sampler s = new Sampler(p, forbidden);
        int[] c = new int[logits.length];
        for (int i = 0; i < draws; i++) c[s.sample(logits)]++;
        return c;
    }

    @Test
    void greedyTakesTheArgmaxAndTheLowestIdOnTies() {
        Sampler s = new Sampler(SamplingParams.greedy(), new int[0]);
        assertEquals(2, s.sample(new float[] {0f, 1f, 3f, -2f}));
        assertEquals(1, s.sample(new float[] {0f, 3f, 3f, -2f}));
    }

    @Test
    void forbiddenTokensAreNeverChosen() {
        assertEquals(3, new Sampler(SamplingParams.greedy(), new int[] {0, 1, 2}).sample(FOUR));
        int[] c = counts(new SamplingParams(1.5f, 0, 1f, 0f, 3), new int[] {0, 2}, FOUR, 5000);
        assertEquals(0, c[0]);
        assertEquals(0, c[2]);
        assertEquals(5000, c[1] + c[3]);
        assertThrows(IllegalStateException.class, () -> new Sampler(SamplingParams.greedy(), new int[] {0, 1, 2, 3}).sample(FOUR));
    }

    @Test
    void sameSeedSameTokensOtherSeedOtherTokens() {
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.sin(i * 0.37) * 3;
        SamplingParams p = new SamplingParams(1f, 50, 0.9f, 0.01f, 17);
        int[] a = draw(p, logits, 200);
        assertArrayEquals(a, draw(p, logits, 200));
        assertFalse(Arrays.equals(a, draw(p.withSeed(18), logits, 200)));
    }

    static int[] draw(SamplingParams p, float[] logits, int n) {
        Sampler s = new Sampler(p, new int[0]);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = s.sample(logits);
        return out;
    }

    @Test
    void plainTemperatureOneFollowsTheDistribution() {
        int n = 40000;
        int[] c = counts(new SamplingParams(1f, 0, 1f, 0f, 5), new int[0], FOUR, n);
        double[] p = {0.5, 0.3, 0.15, 0.05};
        for (int i = 0; i < 4; i++) {
            double sd = Math.sqrt(n * p[i] * (1 - p[i]));
            assertTrue(Math.abs(c[i] - n * p[i]) < 5 * sd, "token " + i + ": " + c[i]);
        }
    }

    @Test
    void topKKeepsTheKBest() {
        int[] c = counts(new SamplingParams(1f, 2, 1f, 0f, 6), new int[0], FOUR, 20000);
        assertEquals(0, c[2] + c[3]);
        // renormalised 0.5 : 0.3 -> 0.625
        assertEquals(0.625, c[0] / 20000.0, 0.02);
    }

    @Test
    void topPKeepsTheSmallestSetHoldingTheMass() {
        int[] c = counts(new SamplingParams(1f, 0, 0.75f, 0f, 7), new int[0], FOUR, 20000);
        assertTrue(c[0] > 0 && c[1] > 0);
        assertEquals(0, c[2] + c[3]);
        c = counts(new SamplingParams(1f, 0, 0.9f, 0f, 7), new int[0], FOUR, 20000);
        assertTrue(c[2] > 0);
        assertEquals(0, c[3]);
    }

    @Test
    void topPOverAFlatLargeVocabulary() {
        float[] flat = new float[50000]; // every token equally likely: the nucleus needs half of them
        int[] c = counts(new SamplingParams(1f, 0, 0.5f, 0f, 8), new int[0], flat, 2000);
        int max = 0;
        for (int i = 0; i < c.length; i++) if (c[i] > 0) max = i;
        assertTrue(max < 25001, "drew token " + max + " outside the nucleus");
        assertTrue(max > 20000, "nucleus too small: " + max);
    }

    @Test
    void minPDropsTokensBelowAFractionOfTheBest() {
        int[] c = counts(new SamplingParams(1f, 0, 1f, 0.2f, 9), new int[0], FOUR, 20000);
        assertEquals(0, c[3]); // 0.05 < 0.2 * 0.5
        assertTrue(c[2] > 0);  // 0.15 >= 0.1
    }

    @Test
    void lowTemperatureConcentrates() {
        int[] hot = counts(new SamplingParams(2f, 0, 1f, 0f, 10), new int[0], FOUR, 10000);
        int[] cold = counts(new SamplingParams(0.3f, 0, 1f, 0f, 10), new int[0], FOUR, 10000);
        assertTrue(cold[0] > hot[0] + 2000);
        assertNotEquals(0, hot[3]);
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-1f, 0, 1f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(Float.NaN, 0, 1f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, -1, 1f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 0f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 1.5f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 1f, 1f, 0));
    }
}
