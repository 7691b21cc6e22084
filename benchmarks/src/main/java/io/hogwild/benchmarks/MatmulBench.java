package io.hogwild.benchmarks;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.Weights;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.ByteBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Backend.matmul}: out[r] = W · in[r] for a batch of {@code rows} activation rows, W of
 * {@code shape} = output rows × input columns (Qwen2.5-0.5B's FFN: 4864x896 is up/gate, 896x4864 down;
 * 4096x4096 a 7B-class projection). Weights are quantized once per trial from seeded Gaussian floats.
 *
 * <p>Score: matmul calls per second. Secondary results, also "ops/s" in JMH's table but really rates:
 * {@code weightGB} = GB/s of weights streamed (bytes the backend holds after repacking, per call) and
 * {@code GFLOP} = GFLOP/s (2 · outputs · inputs · rows per call).
 *
 * <p>Q4_K and Q6_K × 4864x896 do not exist (rows of 896 are not whole 256-value blocks): those two cases
 * fail in setup and JMH moves on.
 *
 * <p>{@code coldMiB}: enough copies of W are loaded to fill this many MiB and cycled call by call, so the
 * weights come from memory as they do in a real model (0 = one copy, cache-resident for small shapes).
 * {@code scalar} runs one case on the single-threaded reference backend for the speed-up over it.
 */
public class MatmulBench extends BenchConfig {

    /** The matrices, activations and per-call amounts of one case. */
    public abstract static class Case {
        Backend backend;
        Weights[] copies;
        Activations in;
        Activations out;
        int n;
        int next;
        double gbPerCall;
        double gflopPerCall;

        void init(Backend backend, String type, String shape, int rows, long coldBytes) {
            this.backend = backend;
            GgmlType t = GgmlType.fromName(type);
            int[] s = BenchData.shape(shape);
            if (s[1] % t.blockSize != 0) {
                throw new IllegalArgumentException("no such case: " + type + " holds blocks of " + t.blockSize
                        + " values along a row and " + shape + " has rows of " + s[1]
                        + " (GGUF files store such matrices in another type)");
            }
            Random rnd = new Random(t.ordinal() * 1_000_003L + s[0] * 31L + s[1]);
            ByteBuffer enc = BenchData.encode(t, s[0], s[1], rnd);
            Weights first = backend.loadWeights(t, s[0], s[1], TensorBytes.of(enc));
            int count = (int) Math.max(1, Math.min(4096, (coldBytes + first.bytes() - 1) / first.bytes()));
            copies = new Weights[count];
            copies[0] = first;
            for (int i = 1; i < count; i++) copies[i] = backend.loadWeights(t, s[0], s[1], TensorBytes.of(enc));
            n = rows;
            in = BenchData.filled(backend, rows, s[1], rnd);
            out = backend.allocate(rows, s[0]);
            gbPerCall = first.bytes() / 1e9;
            gflopPerCall = 2.0 * s[0] * s[1] * rows / 1e9;
        }

        void call() {
            Weights w = copies[next];
            if (++next == copies.length) next = 0;
            backend.matmul(w, in, out, n);
        }

        @TearDown(Level.Trial)
        public void close() {
            backend.close();
        }
    }

    @State(Scope.Thread)
    public static class Cpu extends Case {
        @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
        public String type;
        @Param({"896x4864", "4864x896", "4096x4096"})
        public String shape;
        @Param({"1", "2", "4", "8", "64"})
        public int rows;
        @Param({"1", "2"})
        public int threads;
        @Param("256")
        public int coldMiB;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("cpu", threads), type, shape, rows, (long) coldMiB << 20);
        }
    }

    /** The reference backend on one representative case (compare with the cpu case at threads=1). */
    @State(Scope.Thread)
    public static class Scalar extends Case {
        @Param("Q8_0")
        public String type;
        @Param("896x4864")
        public String shape;
        @Param("1")
        public int rows;

        @Setup(Level.Trial)
        public void setup() {
            init(BenchData.backend("scalar", 1), type, shape, rows, 0);
        }
    }

    /** Per-second rates beside the call rate (OPERATIONS counters are divided by time like the score). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public double weightGB;
        public double GFLOP;

        @Setup(Level.Iteration)
        public void reset() {
            weightGB = 0;
            GFLOP = 0;
        }
    }

    @Benchmark
    public void matmul(Cpu c, Rates r) {
        c.call();
        r.weightGB += c.gbPerCall;
        r.GFLOP += c.gflopPerCall;
    }

    @Benchmark
    public void scalar(Scalar c, Rates r) {
        c.call();
        r.weightGB += c.gbPerCall;
        r.GFLOP += c.gflopPerCall;
    }
}
