package io.hogwild.kernels;

/**
 * Backend-owned pool of KV pages with a hard budget. Pages are named by int ids; a fragment is a list of
 * page ids. Allocation never grows past the budget: {@link #allocate()} returns -1 instead.
 */
public interface KvStore extends AutoCloseable {
    KvLayout layout();

    int totalPages();

    int freePages();

    /** A free page id, or -1 when the budget is spent. */
    int allocate();

    void release(int page);

    @Override
    void close();
}
