package io.hogwild.kernels.scalar;

import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvType;

/**
 * Heap IEEE-half KV pages ({@link KvType#F16}): the raw half bits as shorts, keys
 * [layer][kvHead][headDim][slot] and values [layer][kvHead][slot][headDim] (see {@link PagedKvStore}). Half
 * the memory of {@link FloatKvStore}.
 */
public final class HalfKvStore extends PagedKvStore {
    private final short[][] keys;
    private final short[][] values;

    public HalfKvStore(KvLayout layout, long budgetBytes) {
        super(FloatKvStore.requireType(layout, KvType.F16), budgetBytes);
        this.keys = new short[totalPages()][];
        this.values = new short[totalPages()][];
    }

    public short[] keys(int page) {
        return keys[page];
    }

    public short[] values(int page) {
        return values[page];
    }

    @Override
    public boolean allocated(int page) {
        return page >= 0 && page < keys.length && keys[page] != null;
    }

    @Override
    void createPage(int id, int n) {
        keys[id] = new short[n + KEY_PAD];
        values[id] = new short[n];
    }
}
