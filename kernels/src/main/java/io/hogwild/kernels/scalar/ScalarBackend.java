package io.hogwild.kernels.scalar;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.ggml.Quantization;

/**
 * The plain reference: one thread, float32 arithmetic everywhere (quantized weights are dequantized at
 * load; an F16 KV cache is widened to float when read), each op written as the textbook loop. Fast
 * backends are tested against this one; the engine can run on it.
 */
public final class ScalarBackend implements Backend {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public Weights loadWeights(GgmlType type, int rows, int cols, TensorBytes raw) {
        float[] data = new float[Math.multiplyExact(rows, cols)];
        int rowBytes = Math.toIntExact(type.bytesFor(cols));
        for (int r = 0; r < rows; r++) {
            Quantization.dequantize(type, raw.slice((long) r * rowBytes, rowBytes), data, r * cols, cols);
        }
        return new FloatWeights(type, rows, cols, data, type.bytesFor((long) rows * cols));
    }

    @Override
    public Weights loadVector(float[] values) {
        return new FloatWeights(GgmlType.F32, 1, values.length, values.clone(), 4L * values.length);
    }

    @Override
    public Activations allocate(int rows, int cols) {
        return new FloatActivations(rows, cols);
    }

    @Override
    public void write(Activations dst, int row, float[] src, int srcOff) {
        FloatActivations d = (FloatActivations) dst;
        System.arraycopy(src, srcOff, d.data, row * d.cols, d.cols);
    }

    @Override
    public void read(Activations src, int row, float[] dst, int dstOff) {
        FloatActivations s = (FloatActivations) src;
        System.arraycopy(s.data, row * s.cols, dst, dstOff, s.cols);
    }

    @Override
    public void embed(Weights table, int[] tokens, int n, Activations out) {
        FloatWeights t = (FloatWeights) table;
        FloatActivations o = (FloatActivations) out;
        for (int i = 0; i < n; i++) {
            if (tokens[i] < 0 || tokens[i] >= t.rows) {
                throw new IllegalArgumentException("token id " + tokens[i] + " outside vocabulary of " + t.rows);
            }
            System.arraycopy(t.data, tokens[i] * t.cols, o.data, i * o.cols, t.cols);
        }
    }

    @Override
    public void rmsnorm(Activations in, Activations out, Weights weight, float eps, int n, int groupSize) {
        FloatActivations x = (FloatActivations) in;
        FloatActivations y = (FloatActivations) out;
        float[] w = ((FloatWeights) weight).data;
        for (int r = 0; r < n; r++) {
            for (int g = 0; g < x.cols; g += groupSize) {
                int base = r * x.cols + g;
                double ss = 0;
                for (int i = 0; i < groupSize; i++) ss += (double) x.data[base + i] * x.data[base + i];
                float inv = (float) (1.0 / Math.sqrt(ss / groupSize + eps));
                for (int i = 0; i < groupSize; i++) y.data[base + i] = x.data[base + i] * inv * w[i];
            }
        }
    }

    @Override
    public void matmul(Weights w, Activations in, Activations out, int n) {
        FloatWeights m = (FloatWeights) w;
        FloatActivations x = (FloatActivations) in;
        FloatActivations y = (FloatActivations) out;
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < m.rows; o++) {
                double sum = 0;
                int wb = o * m.cols;
                int xb = r * x.cols;
                for (int i = 0; i < m.cols; i++) sum += (double) m.data[wb + i] * x.data[xb + i];
                y.data[r * y.cols + o] = (float) sum;
            }
        }
    }

    @Override
    public void addBias(Activations x, Weights bias, int n) {
        FloatActivations a = (FloatActivations) x;
        float[] b = ((FloatWeights) bias).data;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < a.cols; i++) a.data[r * a.cols + i] += b[i];
        }
    }

    @Override
    public void add(Activations acc, Activations x, int n) {
        FloatActivations a = (FloatActivations) acc;
        FloatActivations b = (FloatActivations) x;
        for (int i = 0; i < n * a.cols; i++) a.data[i] += b.data[i];
    }

    @Override
    public void siluMul(Activations gate, Activations up, int n) {
        FloatActivations g = (FloatActivations) gate;
        FloatActivations u = (FloatActivations) up;
        for (int i = 0; i < n * g.cols; i++) {
            float v = g.data[i];
            g.data[i] = (float) (v / (1.0 + Math.exp(-v))) * u.data[i];
        }
    }

    @Override
    public void gather(Activations src, int[] rows, int n, Activations dst) {
        FloatActivations s = (FloatActivations) src;
        FloatActivations d = (FloatActivations) dst;
        for (int i = 0; i < n; i++) System.arraycopy(s.data, rows[i] * s.cols, d.data, i * d.cols, s.cols);
    }

    @Override
    public KvStore createKvStore(KvLayout layout, long budgetBytes) {
        return PagedKvStore.create(layout, budgetBytes);
    }

    @Override
    public void storeKv(KvStore store, int layer, Activations k, Activations v, KvWrites writes, Rope rope) {
        PagedKvStore s = kv(store);
        FloatActivations kk = (FloatActivations) k;
        FloatActivations vv = (FloatActivations) v;
        KvLayout l = s.layout();
        int hd = l.headDim();
        float[] head = new float[hd];
        for (int t = 0; t < writes.count; t++) {
            for (int h = 0; h < l.kvHeads(); h++) {
                System.arraycopy(kk.data, t * kk.cols + h * hd, head, 0, hd);
                rotate(head, 0, rope, writes.position[t]);
                writeHead(s, true, writes.page[t], layer, h, writes.slot[t], head);
                System.arraycopy(vv.data, t * vv.cols + h * hd, head, 0, hd);
                writeHead(s, false, writes.page[t], layer, h, writes.slot[t], head);
            }
        }
    }

    @Override
    public void attention(KvStore store, int layer, Activations q, Activations out, AttentionPlan plan, Rope rope,
                          int nHeads, float scale) {
        PagedKvStore s = kv(store);
        FloatActivations qq = (FloatActivations) q;
        FloatActivations o = (FloatActivations) out;
        KvLayout l = s.layout();
        int hd = l.headDim();
        int group = nHeads / l.kvHeads();
        float[] rq = new float[hd];
        float[] kv = new float[hd];
        for (int r = 0; r < plan.rows; r++) {
            int fragFrom = plan.rowFragments[r];
            int fragTo = plan.rowFragments[r + 1];
            int visibleMax = 0;
            for (int f = fragFrom; f < fragTo; f++) visibleMax += plan.fragLength[f];
            double[] scores = new double[visibleMax];
            for (int t = 0; t < plan.tokenCount[r]; t++) {
                int token = plan.tokenStart[r] + t;
                int p = plan.position[r] + t;
                for (int h = 0; h < nHeads; h++) {
                    int kvh = h / group;
                    // pass 1: scores over every visible key of every fragment
                    int count = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int f = fragFrom; f < fragTo; f++) {
                        int rel = p - plan.fragStart[f];
                        int visible = Math.min(plan.fragLength[f], rel + 1);
                        if (visible <= 0) continue;
                        System.arraycopy(qq.data, token * qq.cols + h * hd, rq, 0, hd);
                        rotate(rq, 0, rope, rel);
                        for (int key = 0; key < visible; key++) {
                            int page = plan.pages[plan.fragPages[f] + key / l.pageSize()];
                            readHead(s, true, page, layer, kvh, key % l.pageSize(), kv);
                            double dot = 0;
                            for (int i = 0; i < hd; i++) dot += (double) rq[i] * kv[i];
                            scores[count] = dot * scale;
                            max = Math.max(max, scores[count]);
                            count++;
                        }
                    }
                    double sum = 0;
                    for (int i = 0; i < count; i++) {
                        scores[i] = Math.exp(scores[i] - max);
                        sum += scores[i];
                    }
                    // pass 2: weighted values, same visiting order
                    double[] acc = new double[hd];
                    int idx = 0;
                    for (int f = fragFrom; f < fragTo; f++) {
                        int rel = p - plan.fragStart[f];
                        int visible = Math.min(plan.fragLength[f], rel + 1);
                        for (int key = 0; key < visible; key++) {
                            int page = plan.pages[plan.fragPages[f] + key / l.pageSize()];
                            readHead(s, false, page, layer, kvh, key % l.pageSize(), kv);
                            double wgt = scores[idx++] / sum;
                            for (int i = 0; i < hd; i++) acc[i] += wgt * kv[i];
                        }
                    }
                    for (int i = 0; i < hd; i++) o.data[token * o.cols + h * hd + i] = count == 0 ? 0f : (float) acc[i];
                }
            }
        }
    }

    @Override
    public void copyKv(KvStore store, int[] srcPages, int[] srcSlots, int[] dstPages, int[] dstSlots, int count,
                       int positionDelta, Rope rope) {
        PagedKvStore s = kv(store);
        KvLayout l = s.layout();
        int hd = l.headDim();
        float[] head = new float[hd];
        for (int t = 0; t < count; t++) {
            for (int layer = 0; layer < l.layers(); layer++) {
                for (int h = 0; h < l.kvHeads(); h++) {
                    // keys: rotated in float, then stored (rounded to the element type)
                    readHead(s, true, srcPages[t], layer, h, srcSlots[t], head);
                    rotate(head, 0, rope, positionDelta);
                    writeHead(s, true, dstPages[t], layer, h, dstSlots[t], head);
                    readHead(s, false, srcPages[t], layer, h, srcSlots[t], head);
                    writeHead(s, false, dstPages[t], layer, h, dstSlots[t], head);
                }
            }
        }
    }

    private static PagedKvStore kv(KvStore s) {
        if (!(s instanceof PagedKvStore)) throw new IllegalArgumentException("KV store not created by a heap (scalar or CPU) backend: " + s);
        return (PagedKvStore) s;
    }

    /**
     * dst[0 .. headDim) = the key (or value) head of (layer, kvHead, slot) of {@code page}, as floats (halves
     * widen exactly). Dimension d of a key sits at {@link PagedKvStore#keyIndex}, of a value at
     * {@link PagedKvStore#valueOffset} + d.
     */
    static void readHead(PagedKvStore s, boolean keys, int page, int layer, int kvHead, int slot, float[] dst) {
        for (int d = 0; d < s.layout().headDim(); d++) {
            int i = keys ? s.keyIndex(layer, kvHead, slot, d) : s.valueOffset(layer, kvHead, slot) + d;
            if (s instanceof HalfKvStore) {
                HalfKvStore h = (HalfKvStore) s;
                dst[d] = Float16.toFloat(keys ? h.keys(page)[i] : h.values(page)[i]);
            } else {
                FloatKvStore f = (FloatKvStore) s;
                dst[d] = keys ? f.keys(page)[i] : f.values(page)[i];
            }
        }
    }

    /** Stores src[0 .. headDim) as the key (or value) head of (layer, kvHead, slot), rounded to the element type. */
    static void writeHead(PagedKvStore s, boolean keys, int page, int layer, int kvHead, int slot, float[] src) {
        for (int d = 0; d < s.layout().headDim(); d++) {
            int i = keys ? s.keyIndex(layer, kvHead, slot, d) : s.valueOffset(layer, kvHead, slot) + d;
            if (s instanceof HalfKvStore) {
                HalfKvStore h = (HalfKvStore) s;
                (keys ? h.keys(page) : h.values(page))[i] = Float16.fromFloatSaturating(src[d]);
            } else {
                FloatKvStore f = (FloatKvStore) s;
                (keys ? f.keys(page) : f.values(page))[i] = src[d];
            }
        }
    }

    /** Rotates one head in place to {@code position}. */
    static void rotate(float[] x, int off, Rope rope, int position) {
        for (int i = 0; i < rope.rotaryDim() / 2; i++) {
            double angle = (double) position * rope.invFreq()[i];
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            int a = off + rope.first(i);
            int b = off + rope.second(i);
            double x0 = x[a];
            double x1 = x[b];
            x[a] = (float) (x0 * c - x1 * s);
            x[b] = (float) (x0 * s + x1 * c);
        }
    }

    @Override
    public void close() {}

    static final class FloatWeights implements Weights {
        final GgmlType type;
        final int rows;
        final int cols;
        final float[] data;
        final long sourceBytes;

        FloatWeights(GgmlType type, int rows, int cols, float[] data, long sourceBytes) {
            this.type = type;
            this.rows = rows;
            this.cols = cols;
            this.data = data;
            this.sourceBytes = sourceBytes;
        }

        @Override public GgmlType type() { return type; }
        @Override public int rows() { return rows; }
        @Override public int cols() { return cols; }
        @Override public long bytes() { return 4L * data.length; }
    }

    static final class FloatActivations implements Activations {
        final int rows;
        final int cols;
        final float[] data;

        FloatActivations(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.data = new float[Math.multiplyExact(rows, cols)];
        }

        @Override public int rows() { return rows; }
        @Override public int cols() { return cols; }
    }
}
