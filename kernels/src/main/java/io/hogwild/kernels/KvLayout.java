package io.hogwild.kernels;

/**
 * Shape of the paged KV cache: a page holds K and V for every layer and KV head for {@code pageSize}
 * consecutive tokens of one fragment.
 */
public record KvLayout(int layers, int kvHeads, int headDim, int pageSize) {
    public KvLayout {
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0 || pageSize <= 0) {
            throw new IllegalArgumentException("bad KV layout " + layers + "/" + kvHeads + "/" + headDim + "/" + pageSize);
        }
    }

    /** Floats of K (or of V) per page. */
    public long floatsPerPage() {
        return (long) layers * kvHeads * headDim * pageSize;
    }

    /** Bytes of one page in float32 (K and V). */
    public long bytesPerPage() {
        return 2 * 4 * floatsPerPage();
    }
}
