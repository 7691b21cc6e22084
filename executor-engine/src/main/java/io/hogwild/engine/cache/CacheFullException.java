package io.hogwild.engine.cache;

/** The KV cache budget cannot hold what was asked; nothing was allocated. */
public final class CacheFullException extends RuntimeException {
    private final int pagesNeeded;
    private final int pagesFree;

    public CacheFullException(int pagesNeeded, int pagesFree, int pagesTotal, long bytesPerPage) {
        super("KV cache full: need " + pagesNeeded + " more pages of " + bytesPerPage + " bytes, " + pagesFree
                + " of " + pagesTotal + " free (raise the cache budget or lower the batch)");
        this.pagesNeeded = pagesNeeded;
        this.pagesFree = pagesFree;
    }

    public int pagesNeeded() {
        return pagesNeeded;
    }

    public int pagesFree() {
        return pagesFree;
    }
}
