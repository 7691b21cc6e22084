package io.hogwild.kernels;

import io.hogwild.kernels.ggml.GgmlType;

/** A weight matrix (or vector, rows = 1) held by a backend in its own layout. */
public interface Weights {
    GgmlType type();

    int rows();

    int cols();

    /** Bytes this backend holds for the weights (after any repacking). */
    long bytes();
}
