package io.hogwild.engine.cache;

import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's paged KV memory: fragments take pages from one backend {@link KvStore} with a hard byte
 * budget. Reservation is all-or-nothing, so a request that does not fit fails cleanly (or can wait)
 * instead of half-allocating or running out of heap.
 */
public final class KvCache implements AutoCloseable {
    private final KvStore store;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong tokensCopied = new AtomicLong();

    public KvCache(Backend backend, KvLayout layout, long budgetBytes) {
        this.store = backend.createKvStore(layout, budgetBytes);
    }

    public KvStore store() {
        return store;
    }

    public KvLayout layout() {
        return store.layout();
    }

    public int pageSize() {
        return store.layout().pageSize();
    }

    public Fragment newFragment() {
        return new Fragment(ids.incrementAndGet());
    }

    /** Pages a fragment must gain to hold {@code extraTokens} more tokens. */
    public int pagesNeeded(Fragment f, int extraTokens) {
        int needed = (f.length() + extraTokens + pageSize() - 1) / pageSize();
        return Math.max(0, needed - f.pageCount());
    }

    /** Pages needed to hold {@code tokens} tokens from scratch. */
    public int pagesFor(int tokens) {
        return (tokens + pageSize() - 1) / pageSize();
    }

    /** Makes room for {@code extraTokens} more tokens in {@code f}, all or nothing. */
    public synchronized void reserve(Fragment f, int extraTokens) {
        if (f.released()) throw new IllegalStateException(f + " was released");
        int need = pagesNeeded(f, extraTokens);
        if (need > store.freePages()) {
            throw new CacheFullException(need, store.freePages(), store.totalPages(), store.layout().bytesPerPage());
        }
        for (int i = 0; i < need; i++) {
            int page = store.allocate();
            if (page < 0) { // cannot happen after the check above, but never leak a partial reservation
                for (int j = 0; j < i; j++) store.release(f.removeLastPage());
                throw new CacheFullException(need, store.freePages(), store.totalPages(), store.layout().bytesPerPage());
            }
            f.addPage(page);
        }
    }

    /** Records that the next reserved slots now hold the K/V of {@code ids}. */
    public void commitAppend(Fragment f, int[] ids) {
        if (f.length() + ids.length > f.pageCount() * pageSize()) throw new IllegalStateException("append past reservation");
        f.append(ids, 0, ids.length);
    }

    /**
     * Appends tokens {@code [from, from + count)} of {@code src} to {@code dst}, keys re-rotated once by the
     * constant shift to their new local positions: O(count), whatever either fragment holds.
     */
    public void appendCopy(Backend backend, Fragment dst, Fragment src, int from, int count, io.hogwild.kernels.Rope rope) {
        if (from < 0 || count < 0 || from + count > src.length()) {
            throw new IndexOutOfBoundsException("copy " + from + "+" + count + " of " + src);
        }
        if (count == 0) return;
        reserve(dst, count);
        int[] srcPages = new int[count];
        int[] srcSlots = new int[count];
        int[] dstPages = new int[count];
        int[] dstSlots = new int[count];
        int ps = pageSize();
        for (int i = 0; i < count; i++) {
            int s = from + i;
            int d = dst.length() + i;
            srcPages[i] = src.pages()[s / ps];
            srcSlots[i] = s % ps;
            dstPages[i] = dst.pages()[d / ps];
            dstSlots[i] = d % ps;
        }
        backend.copyKv(store, srcPages, srcSlots, dstPages, dstSlots, count, dst.length() - from, rope);
        tokensCopied.addAndGet(count);
        dst.append(src.tokens(), from, count);
    }

    /** Returns every page of the fragment to the pool; the fragment is unusable afterwards. */
    public synchronized void release(Fragment f) {
        if (f.released()) return;
        for (int i = 0; i < f.pageCount(); i++) store.release(f.pages()[i]);
        f.markReleased();
    }

    /** Tokens moved by {@link #appendCopy} so far (each one key rotation and one K/V copy). */
    public long tokensCopied() {
        return tokensCopied.get();
    }

    public int freePages() {
        return store.freePages();
    }

    public int totalPages() {
        return store.totalPages();
    }

    @Override
    public void close() {
        store.close();
    }
}
