package io.hogwild.engine.model;

import io.hogwild.engine.cache.CacheFullException;
import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvWrites;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward pass over a batch of rows (DESIGN 2.1–2.2). Linear layers run once over all new tokens of
 * the batch stacked together; attention runs per row over that row's view of cache fragments.
 *
 * <p>Per pass: every row's new tokens are appended to its target fragment (keys rotated at local
 * positions); view offsets are taken after all appends, so a row sees the tokens other rows wrote in the
 * same pass when its view places them before its own position.
 */
public final class Transformer implements ForwardPass {
    private final ModelConfig config;
    private final ModelWeights weights;
    private final Backend backend;
    private final int maxBatchTokens;
    private final Workspace ws;
    private final KvWrites writes = new KvWrites();
    private final AttentionPlan plan = new AttentionPlan();

    public Transformer(ModelConfig config, ModelWeights weights, Backend backend, int maxBatchTokens) {
        this.config = config;
        this.weights = weights;
        this.backend = backend;
        this.maxBatchTokens = maxBatchTokens;
        this.ws = new Workspace(backend, config);
    }

    public ModelConfig config() {
        return config;
    }

    public ModelWeights weights() {
        return weights;
    }

    public Backend backend() {
        return backend;
    }

    /** Most new tokens one pass takes (callers split longer prompts into chunks). */
    public int maxBatchTokens() {
        return maxBatchTokens;
    }

    /**
     * Runs one forward pass. Returns, per row, the logits of its last new token (null where not asked).
     * On a {@link io.hogwild.engine.cache.CacheFullException} nothing was appended.
     */
    @Override
    public synchronized float[][] forward(List<ForwardRow> rows, KvCache cache) {
        int tokens = prepare(rows, cache);
        ws.ensure(tokens, rows.size());
        int[] ids = ws.tokenIds;
        int t = 0;
        for (ForwardRow r : rows) {
            System.arraycopy(r.tokens(), 0, ids, t, r.tokens().length);
            t += r.tokens().length;
        }
        backend.embed(weights.tokenEmbedding, ids, tokens, ws.x);
        for (int l = 0; l < config.layers(); l++) {
            layer(l, tokens, cache);
        }
        return logits(rows);
    }

    /** Checks the batch, reserves cache room, plans K/V writes and attention; appends take effect here. */
    private int prepare(List<ForwardRow> rows, KvCache cache) {
        Map<Fragment, Integer> appended = new IdentityHashMap<>();
        int tokens = 0;
        int pagesNeeded = 0;
        for (ForwardRow r : rows) {
            if (appended.put(r.target(), r.tokens().length) != null) {
                throw new IllegalArgumentException(r.target() + " is the target of two rows in one pass");
            }
            tokens += r.tokens().length;
            pagesNeeded += cache.pagesNeeded(r.target(), r.tokens().length);
        }
        if (tokens > maxBatchTokens) {
            throw new IllegalArgumentException("batch of " + tokens + " tokens exceeds the limit of " + maxBatchTokens + " per pass");
        }
        for (ForwardRow r : rows) {
            int length = 0;
            for (Fragment f : r.view().fragments()) length += f.length() + appended.getOrDefault(f, 0);
            if (length > config.contextLength()) {
                throw new IllegalArgumentException("view of " + length + " tokens exceeds the model context of "
                        + config.contextLength());
            }
        }
        if (pagesNeeded > cache.freePages()) {
            throw new CacheFullException(pagesNeeded, cache.freePages(), cache.totalPages(), cache.layout().bytesPerPage());
        }
        writes.reset(tokens);
        int pageSize = cache.pageSize();
        for (ForwardRow r : rows) {
            Fragment f = r.target();
            cache.reserve(f, r.tokens().length);
            for (int i = 0; i < r.tokens().length; i++) {
                int local = f.length() + i;
                writes.add(f.pages()[local / pageSize], local % pageSize, local);
            }
        }
        for (ForwardRow r : rows) cache.commitAppend(r.target(), r.tokens());
        planAttention(rows);
        return tokens;
    }

    /** Fragment offsets are read after every append of the pass (DESIGN 2.1). */
    private void planAttention(List<ForwardRow> rows) {
        plan.clear();
        int first = 0;
        for (ForwardRow r : rows) {
            int start = 0;
            int firstNew = -1;
            for (Fragment f : r.view().fragments()) {
                if (f == r.target()) firstNew = start + f.length() - r.tokens().length;
                start += f.length();
            }
            plan.beginRow(first, r.tokens().length, firstNew);
            start = 0;
            for (Fragment f : r.view().fragments()) {
                if (f.length() > 0) plan.addFragment(start, f.length(), f.pages(), f.pageCount());
                start += f.length();
            }
            first += r.tokens().length;
        }
    }

    private void layer(int l, int n, KvCache cache) {
        ModelWeights.Layer w = weights.layers[l];
        Backend b = backend;
        b.rmsnorm(ws.x, ws.xb, w.attnNorm(), config.rmsEps(), n, config.dim());
        b.matmul(w.wq(), ws.xb, ws.q, n);
        b.matmul(w.wk(), ws.xb, ws.k, n);
        b.matmul(w.wv(), ws.xb, ws.v, n);
        if (w.bq() != null) {
            b.addBias(ws.q, w.bq(), n);
            b.addBias(ws.k, w.bk(), n);
            b.addBias(ws.v, w.bv(), n);
        }
        if (w.qNorm() != null) {
            b.rmsnorm(ws.q, ws.q, w.qNorm(), config.rmsEps(), n, config.headDim());
            b.rmsnorm(ws.k, ws.k, w.kNorm(), config.rmsEps(), n, config.headDim());
        }
        b.storeKv(cache.store(), l, ws.k, ws.v, writes, config.rope());
        b.attention(cache.store(), l, ws.q, ws.attn, plan, config.rope(), config.heads(), config.attentionScale());
        b.matmul(w.wo(), ws.attn, ws.xb, n);
        b.add(ws.x, ws.xb, n);
        b.rmsnorm(ws.x, ws.xb, w.ffnNorm(), config.rmsEps(), n, config.dim());
        b.matmul(w.gate(), ws.xb, ws.gate, n);
        b.matmul(w.up(), ws.xb, ws.up, n);
        b.siluMul(ws.gate, ws.up, n);
        b.matmul(w.down(), ws.gate, ws.xb, n);
        b.add(ws.x, ws.xb, n);
    }

    private float[][] logits(List<ForwardRow> rows) {
        int count = 0;
        int t = 0;
        for (ForwardRow r : rows) {
            t += r.tokens().length;
            if (r.wantLogits()) ws.lastRows[count++] = t - 1;
        }
        float[][] out = new float[rows.size()][];
        if (count == 0) return out;
        backend.gather(ws.x, ws.lastRows, count, ws.last);
        backend.rmsnorm(ws.last, ws.last, weights.outputNorm, config.rmsEps(), count, config.dim());
        backend.matmul(weights.output, ws.last, ws.logits, count);
        int k = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).wantLogits()) continue;
            out[i] = new float[config.vocabSize()];
            backend.read(ws.logits, k++, out[i], 0);
        }
        return out;
    }

    /** Activation buffers, grown to the largest batch seen and reused (no allocation per pass). */
    private static final class Workspace {
        final Backend backend;
        final ModelConfig c;
        int capacity;
        int rowCapacity;
        int[] tokenIds = new int[0];
        int[] lastRows = new int[0];
        Activations x, xb, q, k, v, attn, gate, up, last, logits;

        Workspace(Backend backend, ModelConfig c) {
            this.backend = backend;
            this.c = c;
        }

        void ensure(int tokens, int rows) {
            if (tokens > capacity) {
                capacity = Math.max(tokens, Math.min(2 * capacity, 1 << 16));
                tokenIds = new int[capacity];
                x = backend.allocate(capacity, c.dim());
                xb = backend.allocate(capacity, c.dim());
                q = backend.allocate(capacity, c.qDim());
                k = backend.allocate(capacity, c.kvDim());
                v = backend.allocate(capacity, c.kvDim());
                attn = backend.allocate(capacity, c.qDim());
                gate = backend.allocate(capacity, c.ffnDim());
                up = backend.allocate(capacity, c.ffnDim());
            }
            if (rows > rowCapacity) {
                rowCapacity = Math.max(rows, 2 * rowCapacity);
                lastRows = new int[rowCapacity];
                last = backend.allocate(rowCapacity, c.dim());
                logits = backend.allocate(rowCapacity, c.vocabSize());
            }
        }
    }
}
