package io.hogwild.engine.cache;

import java.util.Arrays;

/**
 * K and V, every layer, of a contiguous run of tokens, keys rotated at fragment-local positions 0..n-1.
 * A fragment does not know where it sits: each {@link View} that lists it places it.
 */
public final class Fragment {
    private final long id;
    private int length;
    private int[] pages = new int[4];
    private int[] tokens = new int[16];
    private int pageCount;
    private boolean released;

    Fragment(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** Tokens stored. */
    public int length() {
        return length;
    }

    public int pageCount() {
        return pageCount;
    }

    /** Page ids in order; only the first {@link #pageCount()} are valid. Do not modify. */
    public int[] pages() {
        return pages;
    }

    public boolean released() {
        return released;
    }

    void addPage(int page) {
        if (pageCount == pages.length) pages = Arrays.copyOf(pages, pages.length * 2);
        pages[pageCount++] = page;
    }

    int removeLastPage() {
        return pages[--pageCount];
    }

    /** Token id at local position i. */
    public int token(int i) {
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException(i + " of " + length);
        return tokens[i];
    }

    /** The token ids stored, in order. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    void append(int[] ids, int from, int count) {
        if (length + count > tokens.length) tokens = Arrays.copyOf(tokens, Math.max(length + count, tokens.length * 2));
        System.arraycopy(ids, from, tokens, length, count);
        length += count;
    }

    void markReleased() {
        released = true;
        pageCount = 0;
        length = 0;
    }

    @Override
    public String toString() {
        return "Fragment#" + id + "(" + length + " tokens)";
    }
}
