package io.hogwild.kernels.scalar;

import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import java.util.ArrayDeque;

/**
 * Heap float32 KV pages. Page memory is allocated on first use and kept for reuse, so an engine with a
 * large budget costs nothing until its cache fills. Page layout: [layer][kvHead][slot][headDim].
 */
public final class FloatKvStore implements KvStore {
    private final KvLayout layout;
    private final int totalPages;
    private final float[][] keys;
    private final float[][] values;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int neverUsed;

    public FloatKvStore(KvLayout layout, long budgetBytes) {
        this.layout = layout;
        long pages = budgetBytes / layout.bytesPerPage();
        if (pages < 1) {
            throw new IllegalArgumentException("KV budget of " + budgetBytes + " bytes holds no page of "
                    + layout.bytesPerPage() + " bytes");
        }
        if (layout.floatsPerPage() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("KV page too large: " + layout);
        }
        this.totalPages = (int) Math.min(pages, Integer.MAX_VALUE - 16);
        this.keys = new float[totalPages][];
        this.values = new float[totalPages][];
    }

    public int offset(int layer, int kvHead, int slot) {
        return ((layer * layout.kvHeads() + kvHead) * layout.pageSize() + slot) * layout.headDim();
    }

    public float[] keys(int page) {
        return keys[page];
    }

    public float[] values(int page) {
        return values[page];
    }

    @Override public KvLayout layout() { return layout; }
    @Override public int totalPages() { return totalPages; }

    @Override
    public synchronized int freePages() {
        return free.size() + (totalPages - neverUsed);
    }

    @Override
    public synchronized int allocate() {
        if (!free.isEmpty()) return free.pop();
        if (neverUsed == totalPages) return -1;
        int id = neverUsed++;
        keys[id] = new float[(int) layout.floatsPerPage()];
        values[id] = new float[(int) layout.floatsPerPage()];
        return id;
    }

    @Override
    public synchronized void release(int page) {
        if (page < 0 || page >= neverUsed || keys[page] == null) throw new IllegalArgumentException("not a page: " + page);
        free.push(page);
    }

    @Override
    public void close() {}
}
