package io.hogwild.kernels.cpu;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.scalar.FloatKvStore;
import io.hogwild.kernels.scalar.HalfKvStore;
import io.hogwild.kernels.scalar.PagedKvStore;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fast CPU backend: weights repacked into heap arrays at load time, Java Vector API kernels when the
 * {@code jdk.incubator.vector} module is present (plain loops otherwise), and an engine-owned pool of
 * persistent threads that splits every large op across all threads including the caller.
 *
 * <p>Ops are serialised internally (one op at a time uses the pool); the per-token path allocates nothing
 * once its scratch has grown to the largest shapes seen. KV pages use the scalar backend's heap stores
 * ({@link FloatKvStore}, or {@link HalfKvStore} for an F16 cache): keys transposed within a page,
 * [layer][kvHead][headDim][slot], values [layer][kvHead][slot][headDim] (see {@link PagedKvStore}), so stores
 * of this backend and the scalar one are interchangeable.
 */
public final class CpuBackend implements Backend {
    /** Element-wise ops below this many values run on the calling thread alone. */
    private static final int PARALLEL_MIN = 1 << 15;

    private final CpuPool pool;
    private final Kernels kernels;
    private final Scratch[] scratch;
    private final RopeTables ropes = new RopeTables();
    private final Object lock = new Object();
    private final AtomicLong repackNanos = new AtomicLong();
    private final AtomicLong repackBytes = new AtomicLong();
    private volatile boolean closed;

    private final MatmulTask matmulTask = new MatmulTask();
    private final FoldTask foldTask = new FoldTask();
    private final EmbedTask embedTask = new EmbedTask();
    private final RmsnormTask rmsnormTask = new RmsnormTask();
    private final AddTask addTask = new AddTask();
    private final SiluTask siluTask = new SiluTask();
    private final AttentionTask attentionTask = new AttentionTask();
    private final StoreKvTask storeKvTask = new StoreKvTask();
    private final CopyKvTask copyKvTask = new CopyKvTask();

    /** A backend computing with {@code threads} threads (the caller plus threads - 1 pool threads). */
    public CpuBackend(int threads) {
        this(threads, false);
    }

    /** {@code forcePlain}: use the plain-Java kernels even where the Vector API is available (tests). */
    CpuBackend(int threads, boolean forcePlain) {
        this.kernels = Kernels.create(forcePlain);
        this.pool = new CpuPool(threads);
        this.scratch = new Scratch[threads];
        for (int i = 0; i < threads; i++) scratch[i] = new Scratch();
    }

    /** A backend with one thread per available processor. */
    public static CpuBackend create() {
        return new CpuBackend(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String name() {
        return "cpu-" + kernels.name();
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    /** Whether the Vector API kernels are in use. */
    public boolean vectorized() {
        return !(kernels instanceof JavaKernels);
    }

    /** Total nanoseconds spent reading and repacking weights so far. */
    public long repackNanos() {
        return repackNanos.get();
    }

    /** Total bytes of weights held after repacking. */
    public long repackedBytes() {
        return repackBytes.get();
    }

    // ---------------------------------------------------------------------------------------------
    // memory

    @Override
    public Weights loadWeights(GgmlType type, int rows, int cols, TensorBytes raw) {
        CpuWeights w;
        synchronized (lock) {
            w = CpuWeights.load(type, rows, cols, raw, pool, kernels.panelRows());
        }
        repackNanos.addAndGet(w.repackNanos);
        repackBytes.addAndGet(w.bytes());
        return w;
    }

    @Override
    public Weights loadVector(float[] values) {
        return CpuWeights.vector(values);
    }

    @Override
    public Activations allocate(int rows, int cols) {
        return new CpuActivations(rows, cols);
    }

    @Override
    public void write(Activations dst, int row, float[] src, int srcOff) {
        CpuActivations d = acts(dst);
        checkRow(d, row);
        System.arraycopy(src, srcOff, d.data, row * d.cols, d.cols);
    }

    @Override
    public void read(Activations src, int row, float[] dst, int dstOff) {
        CpuActivations s = acts(src);
        checkRow(s, row);
        System.arraycopy(s.data, row * s.cols, dst, dstOff, s.cols);
    }

    @Override
    public KvStore createKvStore(KvLayout layout, long budgetBytes) {
        return PagedKvStore.create(layout, budgetBytes);
    }

    // ---------------------------------------------------------------------------------------------
    // element-wise ops


    @Override
    public void embed(Weights table, int[] tokens, int n, Activations out) {
        CpuWeights t = weights(table);
        CpuActivations o = acts(out);
        checkRows(o, n);
        if (o.cols != t.cols) throw new IllegalArgumentException("embedding of " + t.cols + " into buffer of " + o.cols);
        for (int i = 0; i < n; i++) {
            if (tokens[i] < 0 || tokens[i] >= t.rows) {
                throw new IllegalArgumentException("token id " + tokens[i] + " outside vocabulary of " + t.rows);
            }
        }
        rows(embedTask, o, null, t, tokens, 0, n, 0);
    }

    @Override
    public void rmsnorm(Activations in, Activations out, Weights weight, float eps, int n, int groupSize) {
        CpuActivations x = acts(in);
        CpuActivations y = acts(out);
        CpuWeights w = weights(weight);
        checkRows(x, n);
        checkRows(y, n);
        if (groupSize <= 0 || x.cols % groupSize != 0 || w.cols != groupSize || y.cols != x.cols) {
            throw new IllegalArgumentException("rmsnorm: " + x.cols + " columns, group " + groupSize + ", weight of "
                    + w.cols + ", output of " + y.cols);
        }
        w.dense(kernels);
        rows(rmsnormTask, y, x, w, null, eps, n, groupSize);
    }

    @Override
    public void addBias(Activations x, Weights bias, int n) {
        CpuActivations a = acts(x);
        CpuWeights b = weights(bias);
        checkRows(a, n);
        if (b.cols != a.cols) throw new IllegalArgumentException("bias of " + b.cols + " for rows of " + a.cols);
        b.dense(kernels);
        rows(addTask, a, null, b, null, 0, n, 0);
    }

    @Override
    public void add(Activations acc, Activations x, int n) {
        CpuActivations a = acts(acc);
        CpuActivations b = acts(x);
        checkRows(a, n);
        checkRows(b, n);
        if (a.cols != b.cols) throw new IllegalArgumentException("add: " + a.cols + " vs " + b.cols + " columns");
        rows(addTask, a, b, null, null, 0, n, 0);
    }

    @Override
    public void siluMul(Activations gate, Activations up, int n) {
        CpuActivations g = acts(gate);
        CpuActivations u = acts(up);
        checkRows(g, n);
        checkRows(u, n);
        if (g.cols != u.cols) throw new IllegalArgumentException("siluMul: " + g.cols + " vs " + u.cols + " columns");
        rows(siluTask, g, u, null, null, 0, n, 0);
    }

    @Override
    public void gather(Activations src, int[] rows, int n, Activations dst) {
        CpuActivations s = acts(src);
        CpuActivations d = acts(dst);
        checkRows(d, n);
        if (s.cols != d.cols) throw new IllegalArgumentException("gather: " + s.cols + " vs " + d.cols + " columns");
        for (int i = 0; i < n; i++) {
            checkRow(s, rows[i]);
            System.arraycopy(s.data, rows[i] * s.cols, d.data, i * d.cols, s.cols);
        }
    }

    private void rows(RowTask t, CpuActivations a, CpuActivations b, CpuWeights w, int[] tokens, float eps, int n,
                      int group) {
        if (n <= 0) return;
        synchronized (lock) {
            t.a = a;
            t.b = b;
            t.w = w;
            t.tokens = tokens;
            t.eps = eps;
            t.group = group;
            long work = (long) n * a.cols;
            try {
                if (work < PARALLEL_MIN || n == 1) {
                    t.run(0, 0, n);
                } else {
                    int grain = Math.max(1, (int) Math.min(n, PARALLEL_MIN / 4 / a.cols));
                    pool.run(t, n, grain);
                }
            } finally {
                t.a = t.b = null;
                t.w = null;
                t.tokens = null;
            }
        }
    }

    /**
     * Row-wise ops, one class each, so that each task's compiled code holds only its own kernels (a
     * compilation unit that inlines many vector kernels can exceed C2's inlining budget, and a Vector API
     * call left out of line boxes its vectors).
     */
    private abstract static class RowTask implements CpuPool.RangeTask {
        CpuActivations a;
        CpuActivations b;
        CpuWeights w;
        int[] tokens;
        float eps;
        int group;
    }

    private final class EmbedTask extends RowTask {
        @Override
        public void run(int worker, int from, int to) {
            for (int r = from; r < to; r++) kernels.dequantizeRow(w, tokens[r], a.data, r * a.cols);
        }
    }

    private final class RmsnormTask extends RowTask {
        @Override
        public void run(int worker, int from, int to) {
            int cols = a.cols;
            float[] weight = w.dense;
            float[] tmp = scratch[worker].tmp;
            for (int r = from; r < to; r++) {
                int off = r * cols;
                for (int g = 0; g < cols; g += group) {
                    float ss = kernels.sumSquares(b.data, off + g, group, tmp);
                    float inv = (float) (1.0 / Math.sqrt((double) ss / group + eps));
                    kernels.scaleMul(b.data, off + g, inv, weight, a.data, off + g, group);
                }
            }
        }
    }

    /** a += b row by row, or a += bias (w) when b is null. */
    private final class AddTask extends RowTask {
        @Override
        public void run(int worker, int from, int to) {
            int cols = a.cols;
            for (int r = from; r < to; r++) {
                if (b == null) kernels.add(a.data, r * cols, w.dense, 0, cols);
                else kernels.add(a.data, r * cols, b.data, r * cols, cols);
            }
        }
    }

    private final class SiluTask extends RowTask {
        @Override
        public void run(int worker, int from, int to) {
            int cols = a.cols;
            for (int r = from; r < to; r++) kernels.siluMul(a.data, r * cols, b.data, r * cols, cols);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // matmul

    @Override
    public void matmul(Weights w, Activations in, Activations out, int n) {
        CpuWeights m = weights(w);
        CpuActivations x = acts(in);
        CpuActivations y = acts(out);
        checkRows(x, n);
        checkRows(y, n);
        if (x.cols != m.cols || y.cols != m.rows) {
            throw new IllegalArgumentException("matmul of " + m.rows + " x " + m.cols + " weights with " + x.cols
                    + "-column input into " + y.cols + "-column output");
        }
        if (n <= 0) return;
        int threads = pool.threads();
        // Chunks of whole panels (64 rows: a multiple of every kernel's panel), about 8 per thread for balance.
        int rows = m.paddedRows();
        int grain = Math.max(64, (rows + threads * 8 - 1) / (threads * 8) + 63 & ~63);
        synchronized (lock) {
            boolean folds = m.family == CpuWeights.NIBBLE_HALF;
            float[] xd = folds ? fold(x, n) : x.data;
            MatmulTask t = matmulTask;
            t.w = m;
            t.x = xd;
            t.xs = folds ? Kernels.foldedCols(m.cols) : x.cols;
            t.y = y.data;
            t.ys = y.cols;
            t.n = n;
            t.grain = grain;
            try {
                // Small products (under ~64 KiB of weights per batch row) are not worth a dispatch.
                if (threads == 1 || m.bytes() * n < (64 << 10)) t.run(0, 0, rows);
                else pool.run(t, rows, grain);
            } finally {
                t.w = null;
                t.x = t.y = null;
            }
        }
    }

    /** Q4_0's activations as {@link Kernels#foldNibbles} makes them, for the matmul in progress. */
    private float[] folded = new float[0];

    /** {@link #folded} for the first n rows of x (under {@link #lock}), once per matmul for all threads. */
    private float[] fold(CpuActivations x, int n) {
        long size = (long) n * Kernels.foldedCols(x.cols);
        if (size > CpuWeights.MAX_ARRAY) {
            throw new IllegalArgumentException("Q4_0 matmul of " + n + " rows of " + x.cols + " exceeds one Java array");
        }
        folded = Scratch.ensure(folded, (int) size);
        rows(foldTask, x, null, null, null, 0, n, 0);
        return folded;
    }

    /** Rows of a into {@link #folded}. */
    private final class FoldTask extends RowTask {
        @Override
        public void run(int worker, int from, int to) {
            int fc = Kernels.foldedCols(a.cols);
            for (int r = from; r < to; r++) Kernels.foldNibbles(a.data, r * a.cols, a.cols, folded, r * fc);
        }
    }

    private final class MatmulTask implements CpuPool.RangeTask {
        CpuWeights w;
        float[] x;
        float[] y;
        int xs;
        int ys;
        int n;
        int grain;

        @Override
        public void run(int worker, int from, int to) {
            Scratch s = scratch[worker];
            for (int o = from; o < to; o += grain) {
                kernels.matmul(w, o, Math.min(to, o + grain), x, xs, n, y, ys, s);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // KV cache and attention

    @Override
    public void storeKv(KvStore store, int layer, Activations k, Activations v, KvWrites writes, Rope rope) {
        PagedKvStore s = kv(store);
        CpuActivations kk = acts(k);
        CpuActivations vv = acts(v);
        KvLayout l = s.layout();
        int width = l.kvHeads() * l.headDim();
        if (kk.cols != width || vv.cols != width) {
            throw new IllegalArgumentException("K/V rows of " + kk.cols + "/" + vv.cols + " values; layout needs " + width);
        }
        checkLayer(l, layer);
        checkRope(rope, l.headDim());
        checkRows(kk, writes.count);
        checkRows(vv, writes.count);
        for (int t = 0; t < writes.count; t++) {
            checkSlot(s, writes.page[t], writes.slot[t]);
        }
        if (writes.count == 0) return;
        synchronized (lock) {
            StoreKvTask t = storeKvTask;
            t.s = s;
            t.fs = s instanceof FloatKvStore ? (FloatKvStore) s : null;
            t.hs = s instanceof HalfKvStore ? (HalfKvStore) s : null;
            t.layer = layer;
            t.k = kk;
            t.v = vv;
            t.writes = writes;
            t.rope = rope;
            t.entry = ropes.entry(rope);
            try {
                int items = writes.count * l.kvHeads();
                if ((long) items * l.headDim() < PARALLEL_MIN) t.run(0, 0, items);
                else pool.run(t, items, 16);
            } finally {
                t.s = null;
                t.fs = null;
                t.hs = null;
                t.k = t.v = null;
                t.writes = null;
                t.rope = null;
            }
        }
    }

    private final class StoreKvTask implements CpuPool.RangeTask {
        PagedKvStore s;
        FloatKvStore fs;
        HalfKvStore hs;
        int layer;
        CpuActivations k;
        CpuActivations v;
        KvWrites writes;
        Rope rope;
        RopeTables.Entry entry;

        @Override
        public void run(int worker, int from, int to) {
            KvLayout l = s.layout();
            int hd = l.headDim();
            int heads = l.kvHeads();
            int ps = l.pageSize();
            float[] head = scratch[worker].head = Scratch.ensure(scratch[worker].head, hd);
            for (int item = from; item < to; item++) {
                int t = item / heads;
                int h = item % heads;
                int page = writes.page[t];
                int slot = writes.slot[t];
                int kb = s.keyIndex(layer, h, slot, 0);
                int vb = s.valueOffset(layer, h, slot);
                // the key rotated in float, then scattered down its slot's column (rounded to half for F16)
                System.arraycopy(k.data, t * k.cols + h * hd, head, 0, hd);
                RopeTables.rotate(head, 0, rope, entry, writes.position[t], 1f, hd);
                if (hs == null) {
                    float[] keys = fs.keys(page);
                    for (int d = 0; d < hd; d++) keys[kb + d * ps] = head[d];
                    System.arraycopy(v.data, t * v.cols + h * hd, fs.values(page), vb, hd);
                } else {
                    short[] keys = hs.keys(page);
                    for (int d = 0; d < hd; d++) keys[kb + d * ps] = Float16.fromFloatSaturating(head[d]);
                    toHalf(v.data, t * v.cols + h * hd, hs.values(page), vb, hd);
                }
            }
        }
    }

    /** dst[d + i] = src[so + i] rounded to half (saturating, as the scalar reference stores halves). */
    private static void toHalf(float[] src, int so, short[] dst, int d, int n) {
        for (int i = 0; i < n; i++) dst[d + i] = Float16.fromFloatSaturating(src[so + i]);
    }

    @Override
    public void copyKv(KvStore store, int[] srcPages, int[] srcSlots, int[] dstPages, int[] dstSlots, int count,
                       int positionDelta, Rope rope) {
        PagedKvStore s = kv(store);
        KvLayout l = s.layout();
        checkRope(rope, l.headDim());
        for (int t = 0; t < count; t++) {
            checkSlot(s, srcPages[t], srcSlots[t]);
            checkSlot(s, dstPages[t], dstSlots[t]);
        }
        if (count <= 0) return;
        synchronized (lock) {
            CopyKvTask t = copyKvTask;
            t.s = s;
            t.fs = s instanceof FloatKvStore ? (FloatKvStore) s : null;
            t.hs = s instanceof HalfKvStore ? (HalfKvStore) s : null;
            t.srcPages = srcPages;
            t.srcSlots = srcSlots;
            t.dstPages = dstPages;
            t.dstSlots = dstSlots;
            t.count = count;
            t.delta = positionDelta;
            t.rope = rope;
            t.entry = ropes.entry(rope);
            try {
                // Work items are (layer, head) regions, disjoint in every page; tokens go in order within
                // each, so overlapping moves behave as in the sequential reference.
                int items = l.layers() * l.kvHeads();
                if ((long) count * items * l.headDim() < PARALLEL_MIN) t.run(0, 0, items);
                else pool.run(t, items, 1);
            } finally {
                t.s = null;
                t.fs = null;
                t.hs = null;
                t.srcPages = t.srcSlots = t.dstPages = t.dstSlots = null;
                t.rope = null;
            }
        }
    }

    private final class CopyKvTask implements CpuPool.RangeTask {
        PagedKvStore s;
        FloatKvStore fs;
        HalfKvStore hs;
        int[] srcPages;
        int[] srcSlots;
        int[] dstPages;
        int[] dstSlots;
        int count;
        int delta;
        Rope rope;
        RopeTables.Entry entry;

        @Override
        public void run(int worker, int from, int to) {
            KvLayout l = s.layout();
            int hd = l.headDim();
            int ps = l.pageSize();
            float[] head = scratch[worker].head = Scratch.ensure(scratch[worker].head, hd);
            for (int item = from; item < to; item++) {
                int layer = item / l.kvHeads();
                int h = item % l.kvHeads();
                for (int t = 0; t < count; t++) {
                    int ks = s.keyIndex(layer, h, srcSlots[t], 0);
                    int kd = s.keyIndex(layer, h, dstSlots[t], 0);
                    int vs = s.valueOffset(layer, h, srcSlots[t]);
                    int vd = s.valueOffset(layer, h, dstSlots[t]);
                    // the key gathered from its column (halves widened), rotated in float, scattered again
                    // (rounded to half for F16); values copied as they are
                    if (hs == null) {
                        float[] sk = fs.keys(srcPages[t]);
                        for (int d = 0; d < hd; d++) head[d] = sk[ks + d * ps];
                        RopeTables.rotate(head, 0, rope, entry, delta, 1f, hd);
                        float[] dk = fs.keys(dstPages[t]);
                        for (int d = 0; d < hd; d++) dk[kd + d * ps] = head[d];
                        System.arraycopy(fs.values(srcPages[t]), vs, fs.values(dstPages[t]), vd, hd);
                    } else {
                        short[] sk = hs.keys(srcPages[t]);
                        for (int d = 0; d < hd; d++) head[d] = Float16.toFloat(sk[ks + d * ps]);
                        RopeTables.rotate(head, 0, rope, entry, delta, 1f, hd);
                        short[] dk = hs.keys(dstPages[t]);
                        for (int d = 0; d < hd; d++) dk[kd + d * ps] = Float16.fromFloatSaturating(head[d]);
                        System.arraycopy(hs.values(srcPages[t]), vs, hs.values(dstPages[t]), vd, hd);
                    }
                }
            }
        }
    }

    @Override
    public void attention(KvStore store, int layer, Activations q, Activations out, AttentionPlan plan, Rope rope,
                          int nHeads, float scale) {
        PagedKvStore s = kv(store);
        CpuActivations qq = acts(q);
        CpuActivations o = acts(out);
        KvLayout l = s.layout();
        int hd = l.headDim();
        checkLayer(l, layer);
        checkRope(rope, hd);
        if (nHeads <= 0 || nHeads % l.kvHeads() != 0) {
            throw new IllegalArgumentException(nHeads + " query heads do not share " + l.kvHeads() + " KV heads evenly");
        }
        if (qq.cols != nHeads * hd || o.cols != qq.cols) {
            throw new IllegalArgumentException("attention: q of " + qq.cols + ", out of " + o.cols + " columns; "
                    + nHeads + " heads of " + hd);
        }
        int tokens = 0;
        for (int r = 0; r < plan.rows; r++) {
            int c = plan.tokenCount[r];
            if (c < 0 || plan.tokenStart[r] < 0 || plan.tokenStart[r] + c > Math.min(qq.rows, o.rows)) {
                throw new IllegalArgumentException("attention row " + r + " tokens [" + plan.tokenStart[r] + ", +" + c
                        + ") outside buffers of " + Math.min(qq.rows, o.rows) + " rows");
            }
            for (int f = plan.rowFragments[r]; f < plan.rowFragments[r + 1]; f++) {
                int need = (plan.fragLength[f] + l.pageSize() - 1) / l.pageSize();
                if (plan.fragPages[f + 1] - plan.fragPages[f] < need) {
                    throw new IllegalArgumentException("fragment " + f + " of " + plan.fragLength[f] + " tokens lists "
                            + (plan.fragPages[f + 1] - plan.fragPages[f]) + " pages");
                }
            }
            tokens += c;
        }
        if (tokens == 0) return;
        synchronized (lock) {
            AttentionTask t = attentionTask;
            t.ensure(tokens);
            int k = 0;
            for (int r = 0; r < plan.rows; r++) {
                for (int i = 0; i < plan.tokenCount[r]; i++) {
                    t.itemRow[k] = r;
                    t.itemToken[k] = i;
                    k++;
                }
            }
            t.s = s;
            t.fs = s instanceof FloatKvStore ? (FloatKvStore) s : null;
            t.hs = s instanceof HalfKvStore ? (HalfKvStore) s : null;
            t.layer = layer;
            t.q = qq;
            t.out = o;
            t.plan = plan;
            t.rope = rope;
            t.entry = ropes.entry(rope);
            t.nHeads = nHeads;
            t.scale = scale;
            try {
                int items = tokens * l.kvHeads();
                pool.run(t, items, 1);
            } finally {
                t.s = null;
                t.fs = null;
                t.hs = null;
                t.q = t.out = null;
                t.plan = null;
                t.rope = null;
            }
        }
    }

    private final class AttentionTask implements CpuPool.RangeTask {
        int[] itemRow = new int[0];
        int[] itemToken = new int[0];
        PagedKvStore s;
        FloatKvStore fs;
        HalfKvStore hs;
        int layer;
        CpuActivations q;
        CpuActivations out;
        AttentionPlan plan;
        Rope rope;
        RopeTables.Entry entry;
        int nHeads;
        float scale;

        void ensure(int tokens) {
            if (itemRow.length < tokens) {
                itemRow = new int[Math.max(tokens, itemRow.length * 2)];
                itemToken = new int[itemRow.length];
            }
        }

        @Override
        public void run(int worker, int from, int to) {
            Scratch sc = scratch[worker];
            KvLayout l = s.layout();
            int kvHeads = l.kvHeads();
            int hd = l.headDim();
            int group = nHeads / kvHeads;
            int chunk = kernels.attnChunk();
            sc.q = Scratch.ensure(sc.q, group * hd);
            sc.acc = Scratch.ensure(sc.acc, group * hd);
            sc.scores = Scratch.ensure(sc.scores, group * chunk);
            sc.stats = Scratch.ensure(sc.stats, 2 * group);
            sc.rot = Scratch.ensure(sc.rot, 2 * rope.rotaryDim());
            for (int item = from; item < to; item++) {
                int tk = item / kvHeads;
                attend(sc, itemRow[tk], itemToken[tk], item % kvHeads, group, hd, chunk);
            }
        }

        /**
         * One token of row r, the query heads of KV head kvh: per fragment the queries are rotated to the
         * token's distance from the fragment's start, then the visible keys go by in chunks (never crossing
         * a page), each one online-softmax step for all the group's heads.
         */
        private void attend(Scratch sc, int r, int t, int kvh, int group, int hd, int chunk) {
            AttentionPlan p = plan;
            KvLayout l = s.layout();
            int pageSize = l.pageSize();
            int token = p.tokenStart[r] + t;
            int pos = p.position[r] + t;
            float[] qr = sc.q;
            float[] acc = sc.acc;
            float[] st = sc.stats; // [0, group): running max; [group, 2 group): running sum
            Arrays.fill(acc, 0, group * hd, 0f);
            for (int j = 0; j < group; j++) {
                st[j] = Float.NEGATIVE_INFINITY;
                st[group + j] = 0f;
            }
            int qBase = token * q.cols + kvh * group * hd;
            for (int f = p.rowFragments[r]; f < p.rowFragments[r + 1]; f++) {
                int rel = pos - p.fragStart[f];
                int visible = Math.min(p.fragLength[f], rel + 1);
                if (visible <= 0) continue;
                kernels.rotateHeads(q.data, qBase, qr, group, hd, rope, entry, rel, scale, sc.rot);
                int pages = p.fragPages[f];
                for (int key = 0; key < visible; ) {
                    int slot = key % pageSize;
                    int cnt = Math.min(Math.min(pageSize - slot, visible - key), chunk);
                    int page = p.pages[pages + key / pageSize];
                    int kb = s.keyIndex(layer, kvh, slot, 0);
                    int vb = s.valueOffset(layer, kvh, slot);
                    if (hs == null) {
                        kernels.attendChunk(qr, group, hd, fs.keys(page), kb, pageSize, fs.values(page), vb, cnt,
                                sc.scores, acc, st, sc.tmp);
                    } else {
                        kernels.attendChunkHalf(qr, group, hd, hs.keys(page), kb, pageSize, hs.values(page), vb, cnt,
                                sc.scores, acc, st, sc.tmp);
                    }
                    key += cnt;
                }
            }
            int oBase = token * out.cols + kvh * group * hd;
            for (int j = 0; j < group; j++) {
                float sum = st[group + j];
                float inv = sum > 0f ? 1f / sum : 0f;
                float[] o = out.data;
                for (int i = 0; i < hd; i++) o[oBase + j * hd + i] = acc[j * hd + i] * inv;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    /** Whether any pool thread is still running (tests). */
    boolean threadsAlive() {
        return pool.isAlive();
    }

    private static CpuWeights weights(Weights w) {
        if (!(w instanceof CpuWeights)) throw new IllegalArgumentException("weights not loaded by a CPU backend: " + w);
        return (CpuWeights) w;
    }

    private static CpuActivations acts(Activations a) {
        if (!(a instanceof CpuActivations)) throw new IllegalArgumentException("activations not allocated by a CPU backend: " + a);
        return (CpuActivations) a;
    }

    private static PagedKvStore kv(KvStore s) {
        if (!(s instanceof PagedKvStore)) throw new IllegalArgumentException("KV store not created by a CPU backend: " + s);
        return (PagedKvStore) s;
    }

    private static void checkRows(CpuActivations a, int n) {
        if (n < 0 || n > a.rows) throw new IllegalArgumentException(n + " rows requested of a buffer of " + a.rows);
    }

    private static void checkRow(CpuActivations a, int row) {
        if (row < 0 || row >= a.rows) throw new IndexOutOfBoundsException("row " + row + " of " + a.rows);
    }

    private static void checkLayer(KvLayout l, int layer) {
        if (layer < 0 || layer >= l.layers()) throw new IndexOutOfBoundsException("layer " + layer + " of " + l.layers());
    }

    private static void checkRope(Rope rope, int headDim) {
        if (rope.headDim() != headDim) {
            throw new IllegalArgumentException("rope for head size " + rope.headDim() + " used with heads of " + headDim);
        }
    }

    private static void checkSlot(PagedKvStore s, int page, int slot) {
        if (!s.allocated(page)) {
            throw new IllegalArgumentException("not an allocated KV page: " + page);
        }
        if (slot < 0 || slot >= s.layout().pageSize()) {
            throw new IndexOutOfBoundsException("slot " + slot + " of a page of " + s.layout().pageSize());
        }
    }
}
