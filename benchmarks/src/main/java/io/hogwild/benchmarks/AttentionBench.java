package io.hogwild.benchmarks;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Backend.attention} of one plan row with Qwen2.5-0.5B's heads (14 query heads sharing 2 KV heads
 * of 64, neox rope, 64-token pages): {@code tokens} new query tokens (1 = a decode step, 16 = a chunk of
 * a multi-token row) at the end of a view of {@code visible} cached tokens split into {@code fragments}
 * equal fragments (1 = one plain sequence; 64 = a Hogwild view of many interleaved steps, each rotated
 * separately). The cache holds 24 layers, cycled call by call, so K/V come from memory as in the model.
 *
 * <p>Score: attention calls (one layer) per second. K and V of one token and layer take 1 KiB (float32),
 * so a call reads about visible KiB of cache: GB/s ≈ score × visible × 1024 / 1e9 (the tokens of a
 * multi-token row share those reads).
 */
public class AttentionBench extends BenchConfig {
    static final int LAYERS = 24;
    static final int HEADS = 14;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 64;
    static final int PAGE = 64;

    public abstract static class Case {
        Backend backend;
        KvStore store;
        Rope rope;
        AttentionPlan plan;
        Activations q;
        Activations out;
        float scale;
        int layer;

        void init(Backend backend, int tokens, int visible, int fragments) {
            if (visible % fragments != 0 || tokens > visible) {
                throw new IllegalArgumentException("visible " + visible + " needs whole fragments of "
                        + fragments + " and at least " + tokens + " tokens");
            }
            this.backend = backend;
            Random rnd = new Random(visible * 131L + fragments);
            rope = new Rope(HEAD_DIM, HEAD_DIM, true, Rope.frequencies(HEAD_DIM, 1_000_000.0));
            KvLayout layout = new KvLayout(LAYERS, KV_HEADS, HEAD_DIM, PAGE);
            int fragLen = visible / fragments;
            int pagesPerFrag = (fragLen + PAGE - 1) / PAGE;
            store = backend.createKvStore(layout, (long) fragments * pagesPerFrag * layout.bytesPerPage());
            int[][] pages = new int[fragments][pagesPerFrag];
            for (int[] f : pages) {
                for (int p = 0; p < pagesPerFrag; p++) f[p] = store.allocate();
            }
            // every fragment of every layer gets the same random K/V rows (values do not change the cost)
            int width = KV_HEADS * HEAD_DIM;
            Activations k = BenchData.filled(backend, fragLen, width, rnd);
            Activations v = BenchData.filled(backend, fragLen, width, rnd);
            KvWrites writes = new KvWrites();
            for (int f = 0; f < fragments; f++) {
                writes.reset(fragLen);
                for (int t = 0; t < fragLen; t++) writes.add(pages[f][t / PAGE], t % PAGE, t);
                for (int l = 0; l < LAYERS; l++) backend.storeKv(store, l, k, v, writes, rope);
            }
            plan = new AttentionPlan();
            plan.clear();
            plan.beginRow(0, tokens, visible - tokens);
            for (int f = 0; f < fragments; f++) plan.addFragment(f * fragLen, fragLen, pages[f], pagesPerFrag);
            q = BenchData.filled(backend, tokens, HEADS * HEAD_DIM, rnd);
            out = backend.allocate(tokens, HEADS * HEAD_DIM);
            scale = (float) (1.0 / Math.sqrt(HEAD_DIM));
        }

        void call() {
            backend.attention(store, layer, q, out, plan, rope, HEADS, scale);
            if (++layer == LAYERS) layer = 0;
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            backend.close();
        }
    }

    @State(Scope.Thread)
    public static class Cpu extends Case {
        @Param({"1", "16"})
        public int tokens;
        @Param({"512", "4096"})
        public int visible;
        @Param({"1", "64"})
        public int fragments;
        @Param({"1", "2"})
        public int threads;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("cpu", threads), tokens, visible, fragments);
        }
    }

    /** The reference backend on one representative case (compare with the cpu case at threads=1). */
    @State(Scope.Thread)
    public static class Scalar extends Case {
        @Param("1")
        public int tokens;
        @Param("4096")
        public int visible;
        @Param("1")
        public int fragments;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("scalar", 1), tokens, visible, fragments);
        }
    }

    @Benchmark
    public void attention(Cpu c) {
        c.call();
    }

    @Benchmark
    public void scalar(Scalar c) {
        c.call();
    }
}
