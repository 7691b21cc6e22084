package io.hogwild.kernels.cpu;

/** Per-participant scratch, grown on demand and reused, so the per-token path allocates nothing. */
final class Scratch {
    float[] row = new float[0];
    float[] q = new float[0];
    float[] acc = new float[0];
    float[] scores = new float[0];
    float[] stats = new float[0];
    float[] head = new float[0];
    /** Expanded rotation tables of the attention's query rotation. */
    float[] rot = new float[0];
    /**
     * Small fixed scratch of the matmul kernels: up to 16 accumulator vectors of 16 lanes (the epilogue, and
     * the wide Q4_0 tiles), then a tile's widened scales (up to 4 vectors per block of 32 columns in a column
     * chunk; see {@code VectorMatmul.halfScales}).
     */
    final float[] tmp = new float[16 * 16 + 4 * 16 * (Kernels.CHUNK / 32)];

    static float[] ensure(float[] a, int n) {
        return a.length >= n ? a : new float[Math.max(n, a.length + (a.length >> 1))];
    }

    float[] row(int n) {
        return row = ensure(row, n);
    }
}
