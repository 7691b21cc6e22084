package io.hogwild.kernels.cpu;

import io.hogwild.kernels.Rope;
import java.util.Arrays;

/**
 * Cached cos/sin of position × frequency, one table per distinct set of frequencies, grown lazily in
 * chunks of positions. Readers never lock: a table is an immutable snapshot published through a volatile
 * field; growth copies under a lock. Angles are computed in double, like the reference.
 */
final class RopeTables {
    private static final int CHUNK = 1024;
    /** Positions beyond this are computed directly instead of growing the table without bound. */
    static final int MAX_CACHED = 1 << 20;

    private volatile Entry[] entries = new Entry[0];

    static final class Table {
        final int capacity;
        /** cos and sin of pair i at position p at [p * half + i]. */
        final float[] cos;
        final float[] sin;

        Table(int capacity, float[] cos, float[] sin) {
            this.capacity = capacity;
            this.cos = cos;
            this.sin = sin;
        }
    }

    static final class Entry {
        final float[] identity;
        final float[] freq;
        final int half;
        volatile Table table;

        Entry(float[] invFreq) {
            this.identity = invFreq;
            this.freq = invFreq.clone();
            this.half = invFreq.length;
            this.table = new Table(0, new float[0], new float[0]);
        }

        Table cover(int position) {
            Table t = table;
            if (position < t.capacity) return t;
            synchronized (this) {
                t = table;
                if (position < t.capacity) return t;
                int cap = Math.max(position + 1, t.capacity * 2);
                cap = (cap + CHUNK - 1) / CHUNK * CHUNK;
                float[] cos = Arrays.copyOf(t.cos, cap * half);
                float[] sin = Arrays.copyOf(t.sin, cap * half);
                for (int p = t.capacity; p < cap; p++) {
                    for (int i = 0; i < half; i++) {
                        double a = (double) p * freq[i];
                        cos[p * half + i] = (float) Math.cos(a);
                        sin[p * half + i] = (float) Math.sin(a);
                    }
                }
                Table n = new Table(cap, cos, sin);
                table = n;
                return n;
            }
        }
    }

    Entry entry(Rope rope) {
        float[] f = rope.invFreq();
        Entry[] es = entries;
        for (Entry e : es) {
            if (e.identity == f) return e;
        }
        for (Entry e : es) {
            if (Arrays.equals(e.freq, f)) return e;
        }
        synchronized (this) {
            es = entries;
            for (Entry e : es) {
                if (Arrays.equals(e.freq, f)) return e;
            }
            Entry e = new Entry(f);
            Entry[] more = Arrays.copyOf(es, es.length + 1);
            more[es.length] = e;
            entries = more;
            return e;
        }
    }

    /**
     * Rotates the head at {@code x[off ..]} by {@code position} (negative turns backwards) and multiplies
     * every value of the head, rotated or not, by {@code scale}.
     */
    static void rotate(float[] x, int off, Rope rope, Entry e, int position, float scale, int headDim) {
        int half = rope.rotaryDim() / 2;
        if (position == 0) {
            if (scale != 1f) for (int i = 0; i < headDim; i++) x[off + i] *= scale;
            return;
        }
        int p = Math.abs(position);
        float sign = position < 0 ? -1f : 1f;
        if (p >= MAX_CACHED) {
            float[] f = rope.invFreq();
            for (int i = 0; i < half; i++) {
                double ang = (double) position * f[i];
                turn(x, off + rope.first(i), off + rope.second(i), (float) Math.cos(ang), (float) Math.sin(ang), scale);
            }
        } else {
            Table t = e.cover(p);
            int base = p * half;
            float[] cos = t.cos;
            float[] sin = t.sin;
            if (rope.neox()) {
                for (int i = 0; i < half; i++) {
                    turn(x, off + i, off + i + half, cos[base + i], sign * sin[base + i], scale);
                }
            } else {
                for (int i = 0; i < half; i++) {
                    turn(x, off + 2 * i, off + 2 * i + 1, cos[base + i], sign * sin[base + i], scale);
                }
            }
        }
        if (scale != 1f) {
            for (int i = rope.rotaryDim(); i < headDim; i++) x[off + i] *= scale;
        }
    }

    private static void turn(float[] x, int a, int b, float c, float s, float scale) {
        float x0 = x[a];
        float x1 = x[b];
        x[a] = (x0 * c - x1 * s) * scale;
        x[b] = (x0 * s + x1 * c) * scale;
    }
}
