package io.hogwild.kernels.cpu;

import io.hogwild.kernels.Activations;

/** A heap float buffer of {@code rows × cols}, row-major. */
final class CpuActivations implements Activations {
    final int rows;
    final int cols;
    final float[] data;

    CpuActivations(int rows, int cols) {
        if (rows < 0 || cols <= 0) throw new IllegalArgumentException("bad activation shape " + rows + " x " + cols);
        if ((long) rows * cols > CpuWeights.MAX_ARRAY) {
            throw new IllegalArgumentException("activation buffer of " + rows + " x " + cols + " exceeds one Java array");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new float[rows * cols];
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
}
