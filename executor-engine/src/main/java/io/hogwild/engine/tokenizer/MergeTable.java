package io.hogwild.engine.tokenizer;

import java.util.Arrays;

/**
 * BPE merges: (left id, right id) -> rank, with the merged id per rank. An open-addressing table on
 * primitive long keys, because a pair lookup happens for every adjacent symbol pair during encoding and a
 * boxed HashMap would dominate the cost.
 */
final class MergeTable {
    private static final long EMPTY = -1L;

    private final int[] left;
    private final int[] right;
    private final int[] result;
    private final long[] keys;
    private final int[] ranks;
    private final int mask;

    /** Arrays are indexed by rank (file order). A pair listed twice keeps its later rank, as Hugging Face does. */
    MergeTable(int[] left, int[] right, int[] result) {
        this.left = left;
        this.right = right;
        this.result = result;
        int capacity = Integer.highestOneBit(Math.max(4, left.length * 2)) * 2;
        keys = new long[capacity];
        ranks = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
        for (int r = 0; r < left.length; r++) {
            long key = key(left[r], right[r]);
            int slot = slot(key);
            while (keys[slot] != EMPTY && keys[slot] != key) slot = (slot + 1) & mask;
            keys[slot] = key;
            ranks[slot] = r;
        }
    }

    /** Rank of merging {@code a} followed by {@code b}, or -1 when they do not merge. */
    int rank(int a, int b) {
        long key = key(a, b);
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) return ranks[slot];
            if (k == EMPTY) return -1;
            slot = (slot + 1) & mask;
        }
    }

    int result(int rank) {
        return result[rank];
    }

    int left(int rank) {
        return left[rank];
    }

    int right(int rank) {
        return right[rank];
    }

    int size() {
        return left.length;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }
}
