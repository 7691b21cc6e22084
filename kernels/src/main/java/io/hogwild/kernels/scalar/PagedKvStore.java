package io.hogwild.kernels.scalar;

import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import java.util.ArrayDeque;

/**
 * Heap KV pages, shared by the scalar and CPU backends. Page memory is allocated on first use and kept for
 * reuse, so an engine with a large budget costs nothing until its cache fills. Keys and values are kept in
 * separate arrays of the element type ({@link FloatKvStore}, {@link HalfKvStore}):
 * <ul>
 *   <li>keys transposed within the page, [layer][kvHead][headDim][slot] ({@link #keyIndex}): one dimension
 *       of a head holds the page's slots side by side, so that attention scores many keys at once with one
 *       vector per dimension; the key array ends with {@link #KEY_PAD} spare elements, so a vector kernel
 *       may read {@code KEY_PAD} consecutive slots from any slot of the page (what it reads past the last
 *       slot of a dimension belongs to the next one, or to the padding, and is never used);</li>
 *   <li>values [layer][kvHead][slot][headDim] ({@link #valueOffset}): a token's value head is contiguous.</li>
 * </ul>
 */
public abstract class PagedKvStore implements KvStore {
    private final KvLayout layout;
    private final int totalPages;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int neverUsed;

    PagedKvStore(KvLayout layout, long budgetBytes) {
        this.layout = layout;
        long pages = budgetBytes / layout.bytesPerPage();
        if (pages < 1) {
            throw new IllegalArgumentException("KV budget of " + budgetBytes + " bytes holds no page of "
                    + layout.bytesPerPage() + " bytes");
        }
        if (layout.valuesPerPage() > Integer.MAX_VALUE - 16 - KEY_PAD) {
            throw new IllegalArgumentException("KV page too large: " + layout);
        }
        this.totalPages = (int) Math.min(pages, Integer.MAX_VALUE - 16);
    }

    /** A store of {@code layout}'s element type. */
    public static PagedKvStore create(KvLayout layout, long budgetBytes) {
        switch (layout.type()) {
            case F32: return new FloatKvStore(layout, budgetBytes);
            case F16: return new HalfKvStore(layout, budgetBytes);
            default: throw new IllegalArgumentException("no KV store for " + layout.type());
        }
    }

    /** Spare elements at the end of every page's key array (see the class comment). */
    public static final int KEY_PAD = 64;

    /**
     * Index of dimension {@code dim} of the key of (layer, kvHead, slot) within a page's key array; the
     * slots of one dimension are consecutive: {@code keyIndex(l, h, s, d) + 1 == keyIndex(l, h, s + 1, d)}.
     */
    public final int keyIndex(int layer, int kvHead, int slot, int dim) {
        return ((layer * layout.kvHeads() + kvHead) * layout.headDim() + dim) * layout.pageSize() + slot;
    }

    /** Index of the first value of (layer, kvHead, slot) within a page's value array (headDim values follow). */
    public final int valueOffset(int layer, int kvHead, int slot) {
        return ((layer * layout.kvHeads() + kvHead) * layout.pageSize() + slot) * layout.headDim();
    }

    /** Whether {@code page} names a page that was handed out (and so has memory). */
    public abstract boolean allocated(int page);

    /** Gives page {@code id} its memory (first use): {@code values + KEY_PAD} keys and {@code values} values. */
    abstract void createPage(int id, int values);

    @Override public final KvLayout layout() { return layout; }
    @Override public final int totalPages() { return totalPages; }

    @Override
    public final synchronized int freePages() {
        return free.size() + (totalPages - neverUsed);
    }

    @Override
    public final synchronized int allocate() {
        if (!free.isEmpty()) return free.pop();
        if (neverUsed == totalPages) return -1;
        int id = neverUsed++;
        createPage(id, (int) layout.valuesPerPage());
        return id;
    }

    @Override
    public final synchronized void release(int page) {
        if (page < 0 || page >= neverUsed || !allocated(page)) throw new IllegalArgumentException("not a page: " + page);
        free.push(page);
    }

    @Override
    public void close() {}
}
