package io.hogwild.spark.exec;

import java.nio.charset.StandardCharsets;

/**
 * Each row's sampling seed: a mix of the seed option and the prompt's bytes. It depends on nothing else (not the
 * partition, task attempt, batch or row position), so a retried or speculative task, or the same prompt in another
 * query, samples exactly the same tokens.
 */
public final class RowSeeds {
    private RowSeeds() {}

    public static long seed(long base, String prompt) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over UTF-8
        for (byte b : prompt.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(base ^ mix(h));
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
