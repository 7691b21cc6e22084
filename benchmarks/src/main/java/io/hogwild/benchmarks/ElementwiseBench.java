package io.hogwild.benchmarks;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The row-wise ops of a layer on {@code rows} rows of {@code dim} values (896 = Qwen2.5-0.5B's model
 * width, 4864 its FFN width): {@code rmsnorm} (whole rows, into a second buffer), {@code siluMul},
 * {@code add} (the residual), {@code embed} (rows of a Q8_0 table of 8192 tokens) and {@code gather}
 * (rows picked out of a 64-row buffer); {@code storeKv} writes {@code rows} tokens' K and V
 * (2 KV heads of 64, neox rope applied to the keys on the way in). The CPU backend splits rmsnorm,
 * siluMul, add and embed across threads only from 32768 values up (rows=64 here); gather, and storeKv at
 * these sizes, stay on the calling thread. Score: calls per second.
 *
 * <p>The {@code scalar*} benchmarks run the reference backend on one case for the speed-up over it.
 */
public class ElementwiseBench extends BenchConfig {
    static final int VOCAB = 8192;
    static final int SOURCE_ROWS = 64;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 64;

    public abstract static class Rows {
        Backend backend;
        int n;
        Activations x;
        Activations y;
        Activations gate;
        Activations up;
        Activations acc;
        Activations source;
        Activations picked;
        Weights norm;
        Weights table;
        int[] tokens;
        int[] pick;

        void init(Backend backend, int dim, int rows) {
            this.backend = backend;
            n = rows;
            Random rnd = new Random(dim * 7919L + rows);
            x = BenchData.filled(backend, rows, dim, rnd);
            y = backend.allocate(rows, dim);
            acc = BenchData.filled(backend, rows, dim, rnd);
            norm = backend.loadVector(BenchData.gaussian(rnd, dim));
            // siluMul works in place, so repeated calls feed on their own output. With gate g in [-2, -0.5]
            // and up = 1 + e^-g, g is an attracting fixed point of g -> silu(g) * up: the values stay put
            // instead of decaying into denormals (slow on some CPUs) or blowing up.
            gate = backend.allocate(rows, dim);
            up = backend.allocate(rows, dim);
            float[] g = new float[dim];
            float[] u = new float[dim];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < dim; i++) {
                    g[i] = -0.5f - 1.5f * rnd.nextFloat();
                    u[i] = 1f + (float) Math.exp(-g[i]);
                }
                backend.write(gate, r, g, 0);
                backend.write(up, r, u, 0);
            }
            table = backend.loadWeights(GgmlType.Q8_0, VOCAB, dim,
                    TensorBytes.of(BenchData.encode(GgmlType.Q8_0, VOCAB, dim, rnd)));
            tokens = new int[rows];
            for (int i = 0; i < rows; i++) tokens[i] = rnd.nextInt(VOCAB);
            source = BenchData.filled(backend, SOURCE_ROWS, dim, rnd);
            picked = backend.allocate(rows, dim);
            pick = new int[rows];
            for (int i = 0; i < rows; i++) pick[i] = rnd.nextInt(SOURCE_ROWS);
        }

        @TearDown(Level.Trial)
        public void close() {
            backend.close();
        }
    }

    /** K/V of {@code rows} (at most 64) new tokens, written to the first slots of one 64-token page. */
    public abstract static class Kv {
        Backend backend;
        KvStore store;
        Rope rope;
        Activations k;
        Activations v;
        KvWrites writes;

        void init(Backend backend, int rows) {
            this.backend = backend;
            Random rnd = new Random(rows);
            rope = new Rope(HEAD_DIM, HEAD_DIM, true, Rope.frequencies(HEAD_DIM, 1_000_000.0));
            KvLayout layout = new KvLayout(1, KV_HEADS, HEAD_DIM, 64);
            store = backend.createKvStore(layout, layout.bytesPerPage());
            int page = store.allocate();
            k = BenchData.filled(backend, rows, KV_HEADS * HEAD_DIM, rnd);
            v = BenchData.filled(backend, rows, KV_HEADS * HEAD_DIM, rnd);
            writes = new KvWrites();
            writes.reset(rows);
            for (int t = 0; t < rows; t++) writes.add(page, t, t);
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            backend.close();
        }
    }

    @State(Scope.Thread)
    public static class Cpu extends Rows {
        @Param({"896", "4864"})
        public int dim;
        @Param({"1", "64"})
        public int rows;
        @Param({"1", "2"})
        public int threads;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("cpu", threads), dim, rows);
        }
    }

    @State(Scope.Thread)
    public static class CpuKv extends Kv {
        @Param({"1", "64"})
        public int rows;
        @Param({"1", "2"})
        public int threads;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("cpu", threads), rows);
        }
    }

    /** The reference backend on one case (compare with the cpu case at threads=1). */
    @State(Scope.Thread)
    public static class Scalar extends Rows {
        @Param("896")
        public int dim;
        @Param("64")
        public int rows;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("scalar", 1), dim, rows);
        }
    }

    @State(Scope.Thread)
    public static class ScalarKv extends Kv {
        @Param("64")
        public int rows;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("scalar", 1), rows);
        }
    }

    static final float EPS = 1e-6f;

    @Benchmark
    public void rmsnorm(Cpu s) {
        s.backend.rmsnorm(s.x, s.y, s.norm, EPS, s.n, s.x.cols());
    }

    @Benchmark
    public void siluMul(Cpu s) {
        s.backend.siluMul(s.gate, s.up, s.n);
    }

    @Benchmark
    public void add(Cpu s) {
        s.backend.add(s.acc, s.x, s.n);
    }

    @Benchmark
    public void embed(Cpu s) {
        s.backend.embed(s.table, s.tokens, s.n, s.y);
    }

    @Benchmark
    public void gather(Cpu s) {
        s.backend.gather(s.source, s.pick, s.n, s.picked);
    }

    @Benchmark
    public void storeKv(CpuKv s) {
        s.backend.storeKv(s.store, 0, s.k, s.v, s.writes, s.rope);
    }

    @Benchmark
    public void scalarRmsnorm(Scalar s) {
        s.backend.rmsnorm(s.x, s.y, s.norm, EPS, s.n, s.x.cols());
    }

    @Benchmark
    public void scalarSiluMul(Scalar s) {
        s.backend.siluMul(s.gate, s.up, s.n);
    }

    @Benchmark
    public void scalarStoreKv(ScalarKv s) {
        s.backend.storeKv(s.store, 0, s.k, s.v, s.writes, s.rope);
    }
}
