package io.hogwild.kernels.scalar;

import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvType;

/** Heap float32 KV pages, keys [layer][kvHead][headDim][slot] and values [layer][kvHead][slot][headDim] (see {@link PagedKvStore}). */
public final class FloatKvStore extends PagedKvStore {
    private final float[][] keys;
    private final float[][] values;

    public FloatKvStore(KvLayout layout, long budgetBytes) {
        super(requireType(layout, KvType.F32), budgetBytes);
        this.keys = new float[totalPages()][];
        this.values = new float[totalPages()][];
    }

    static KvLayout requireType(KvLayout layout, KvType type) {
        if (layout.type() != type) {
            throw new IllegalArgumentException("a " + type.optionName() + " KV store cannot hold a " + layout.type().optionName()
                    + " layout");
        }
        return layout;
    }

    public float[] keys(int page) {
        return keys[page];
    }

    public float[] values(int page) {
        return values[page];
    }

    @Override
    public boolean allocated(int page) {
        return page >= 0 && page < keys.length && keys[page] != null;
    }

    @Override
    void createPage(int id, int n) {
        keys[id] = new float[n + KEY_PAD];
        values[id] = new float[n];
    }
}
