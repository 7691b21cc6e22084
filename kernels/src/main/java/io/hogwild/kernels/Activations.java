package io.hogwild.kernels;

/** A float activation buffer of {@code rows × cols} owned by a backend. */
public interface Activations {
    int rows();

    int cols();
}
