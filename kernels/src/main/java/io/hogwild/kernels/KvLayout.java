package io.hogwild.kernels;

/**
 * Shape of the paged KV cache: a page holds K and V for every layer and KV head for {@code pageSize}
 * consecutive tokens of one fragment, each value stored as {@code type}.
 */
public record KvLayout(int layers, int kvHeads, int headDim, int pageSize, KvType type) {
    public KvLayout {
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0 || pageSize <= 0) {
            throw new IllegalArgumentException("bad KV layout " + layers + "/" + kvHeads + "/" + headDim + "/" + pageSize);
        }
        if (type == null) throw new IllegalArgumentException("KV layout needs an element type");
    }

    /** A float32 layout. */
    public KvLayout(int layers, int kvHeads, int headDim, int pageSize) {
        this(layers, kvHeads, headDim, pageSize, KvType.F32);
    }

    /** The same shape with values stored as {@code t}. */
    public KvLayout withType(KvType t) {
        return new KvLayout(layers, kvHeads, headDim, pageSize, t);
    }

    /** Values of K (or of V) per page. */
    public long valuesPerPage() {
        return (long) layers * kvHeads * headDim * pageSize;
    }

    /** Bytes of one page (K and V) in the layout's element type. */
    public long bytesPerPage() {
        return 2L * type.bytes() * valuesPerPage();
    }

    /** Bytes of K and V one token takes (every layer and KV head). */
    public long bytesPerToken() {
        return 2L * type.bytes() * layers * kvHeads * headDim;
    }
}
