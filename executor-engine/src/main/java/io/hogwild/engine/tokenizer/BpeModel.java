package io.hogwild.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE over one pre-token: the piece's UTF-8 bytes start as single-byte symbols, then the
 * adjacent pair with the lowest merge rank is merged (leftmost first on ties) until no pair merges. This is
 * the order the Hugging Face BPE model uses; a heap of candidate pairs with lazy invalidation keeps long
 * pieces (runs of spaces, long words) near n log n instead of quadratic.
 */
final class BpeModel {
    /** Pieces longer than this are not cached: they rarely repeat and would crowd the cache. */
    private static final int MAX_CACHED_PIECE = 64;
    /** Entries before the cache is dropped and refilled; a crude bound that needs no locking. */
    private static final int CACHE_LIMIT = 50_000;
    private static final int DEAD = -1;

    private final Map<String, Integer> vocab;
    private final int[] byteIds = new int[256];
    private final MergeTable merges;
    private final boolean ignoreMerges;
    private final int unkId;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab        byte-level vocabulary string -> id (the strings merges and pieces are looked up in)
     * @param ignoreMerges when true a piece found whole in the vocabulary is one token (Llama 3's setting)
     * @param unkId        id for a byte missing from the vocabulary, or -1 to drop such bytes
     */
    BpeModel(Map<String, Integer> vocab, MergeTable merges, boolean ignoreMerges, int unkId) {
        this.vocab = vocab;
        this.merges = merges;
        this.ignoreMerges = ignoreMerges;
        this.unkId = unkId;
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevel.toChar(b)));
            byteIds[b] = id == null ? unkId : id;
        }
    }

    MergeTable merges() {
        return merges;
    }

    boolean ignoreMerges() {
        return ignoreMerges;
    }

    void encode(String piece, IntList out) {
        if (piece.length() > MAX_CACHED_PIECE) {
            out.addAll(encodeUncached(piece));
            return;
        }
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = encodeUncached(piece);
            if (cache.size() >= CACHE_LIMIT) cache.clear();
            cache.put(piece, ids);
        }
        out.addAll(ids);
    }

    private int[] encodeUncached(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        if (ignoreMerges) {
            Integer whole = vocab.get(ByteLevel.encode(bytes));
            if (whole != null) return new int[] {whole};
        }
        int n = bytes.length;
        int[] ids = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = byteIds[bytes[i] & 0xFF];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) offer(heap, ids, i, i + 1);
        while (!heap.isEmpty()) {
            long top = heap.poll();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            // Stale entry: one side was merged away since it was queued, so the pair is no longer there.
            if (ids[pos] == DEAD || right < 0 || merges.rank(ids[pos], ids[right]) != rank) continue;
            ids[pos] = merges.result(rank);
            ids[right] = DEAD;
            next[pos] = next[right];
            if (next[pos] >= 0) prev[next[pos]] = pos;
            if (prev[pos] >= 0) offer(heap, ids, prev[pos], pos);
            if (next[pos] >= 0) offer(heap, ids, pos, next[pos]);
        }
        IntList out = new IntList(n);
        for (int i = 0; i >= 0; i = next[i]) {
            if (ids[i] >= 0) out.add(ids[i]); // bytes with no vocabulary entry and no unk are dropped, as HF does
        }
        return out.toArray();
    }

    /** Queues the pair starting at symbol {@code pos}; ordering by (rank, pos) gives leftmost-first ties. */
    private void offer(LongHeap heap, int[] ids, int pos, int right) {
        if (ids[pos] < 0 || ids[right] < 0) return;
        int rank = merges.rank(ids[pos], ids[right]);
        if (rank >= 0) heap.add(((long) rank << 32) | pos);
    }

    /** Minimal binary min-heap of longs. */
    private static final class LongHeap {
        private long[] a;
        private int size;

        LongHeap(int capacity) {
            a = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (a[parent] <= v) break;
                a[i] = a[parent];
                i = parent;
            }
            a[i] = v;
        }

        long poll() {
            long top = a[0];
            long last = a[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) break;
                if (child + 1 < size && a[child + 1] < a[child]) child++;
                if (a[child] >= last) break;
                a[i] = a[child];
                i = child;
            }
            a[i] = last;
            return top;
        }
    }
}
