package io.hogwild.kernels.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The road not taken, kept so that {@link KernelBench} can measure it: Q8_0 times activations quantized
 * to int8 blocks once per matmul (as llama.cpp does), with integer products. The Vector API has no byte
 * dot-product instruction (no VPDPBUSD / PMADDUBSW), so a block costs a widening to shorts, a short
 * multiply, two widenings to int, an add, a conversion to float and an FMA per weight row.
 *
 * <p>Measured on the 2-core EPYC (4096 x 4096, one activation row): in cache it is 1.6x slower than the
 * float path on JDK 17 and 25 (28 vs 47 GB/s-equivalent on 25); streaming from memory it was 10-20% faster
 * for a single row (23 vs 19.5 GB/s on one thread). The backend keeps the float path: batches and prompt
 * prefill are compute-bound, and int8 activations would make a row's result depend on whether it was
 * computed alone (this path) or in a batch (float path), by far more than float rounding, which the
 * engine's fragment invariant cannot tolerate. AVX-512 only (32 lanes of shorts).
 */
final class Int8Experiment {
    private Int8Experiment() {}

    static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    static final VectorSpecies<Short> S32 = ShortVector.SPECIES_512;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.length() == 16;
    }

    /** Per 32 values: xd = max|x| / 127, xq = round(x / xd). */
    static void quantize(float[] x, int xo, int cols, byte[] xq, float[] xd) {
        for (int b = 0; b < cols / 32; b++) {
            float max = 0;
            for (int i = 0; i < 32; i++) max = Math.max(max, Math.abs(x[xo + b * 32 + i]));
            float d = max / 127f;
            float inv = d == 0 ? 0 : 1f / d;
            xd[b] = d;
            for (int i = 0; i < 32; i++) xq[b * 32 + i] = (byte) Math.round(x[xo + b * 32 + i] * inv);
        }
    }

    /** Rows 4g..4g+3 of a Q8_0 matrix (interleaved layout) times one int8-quantized activation row. */
    static void q80x1(CpuWeights w, int g, byte[] xq, float[] xd, float[] y) {
        int nb = w.cols / 32;
        byte[] q = w.q;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int b = 0; b < nb; b++) {
            int ub = (g * nb + b) * 4;
            ShortVector xs = (ShortVector) ByteVector.fromArray(B32, xq, b * 32).convertShape(VectorOperators.B2S, S32, 0);
            float dx = xd[b];
            ShortVector p0 = ((ShortVector) ByteVector.fromArray(B32, q, ub * 32).convertShape(VectorOperators.B2S, S32, 0)).mul(xs);
            ShortVector p1 = ((ShortVector) ByteVector.fromArray(B32, q, ub * 32 + 32).convertShape(VectorOperators.B2S, S32, 0)).mul(xs);
            ShortVector p2 = ((ShortVector) ByteVector.fromArray(B32, q, ub * 32 + 64).convertShape(VectorOperators.B2S, S32, 0)).mul(xs);
            ShortVector p3 = ((ShortVector) ByteVector.fromArray(B32, q, ub * 32 + 96).convertShape(VectorOperators.B2S, S32, 0)).mul(xs);
            IntVector i0 = ((IntVector) p0.convertShape(VectorOperators.S2I, I, 0)).add((IntVector) p0.convertShape(VectorOperators.S2I, I, 1));
            IntVector i1 = ((IntVector) p1.convertShape(VectorOperators.S2I, I, 0)).add((IntVector) p1.convertShape(VectorOperators.S2I, I, 1));
            IntVector i2 = ((IntVector) p2.convertShape(VectorOperators.S2I, I, 0)).add((IntVector) p2.convertShape(VectorOperators.S2I, I, 1));
            IntVector i3 = ((IntVector) p3.convertShape(VectorOperators.S2I, I, 0)).add((IntVector) p3.convertShape(VectorOperators.S2I, I, 1));
            a0 = ((FloatVector) i0.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, w.d[ub] * dx), a0);
            a1 = ((FloatVector) i1.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, w.d[ub + 1] * dx), a1);
            a2 = ((FloatVector) i2.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, w.d[ub + 2] * dx), a2);
            a3 = ((FloatVector) i3.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, w.d[ub + 3] * dx), a3);
        }
        int o = 4 * g;
        y[o] = a0.reduceLanes(VectorOperators.ADD);
        y[o + 1] = a1.reduceLanes(VectorOperators.ADD);
        y[o + 2] = a2.reduceLanes(VectorOperators.ADD);
        y[o + 3] = a3.reduceLanes(VectorOperators.ADD);
    }
}
