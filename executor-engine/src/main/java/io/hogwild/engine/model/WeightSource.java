package io.hogwild.engine.model;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.ggml.GgmlType;
import java.util.Optional;

/** Where a model's tensors come from (a GGUF file, or arrays made by a test), by llama.cpp tensor name. */
public interface WeightSource {

    /** One encoded tensor: {@code rows × cols}, row-major, cols innermost. */
    record Tensor(String name, GgmlType type, int rows, int cols, TensorBytes bytes) {}

    Optional<Tensor> find(String name);

    default Tensor require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("model file lacks tensor '" + name + "'"));
    }
}
