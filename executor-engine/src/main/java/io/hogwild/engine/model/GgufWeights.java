package io.hogwild.engine.model;

import io.hogwild.engine.gguf.GgufFile;
import io.hogwild.engine.gguf.GgufTensor;
import java.util.Optional;

/** The tensors of an open GGUF file as a {@link WeightSource}. */
public final class GgufWeights implements WeightSource {
    private final GgufFile file;

    public GgufWeights(GgufFile file) {
        this.file = file;
    }

    @Override
    public Optional<Tensor> find(String name) {
        return file.tensor(name).map(this::tensor);
    }

    private Tensor tensor(GgufTensor t) {
        if (t.dims().length > 2) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' has " + t.dims().length + " dimensions; 1 or 2 expected");
        }
        return new Tensor(t.name(), t.type(), t.rows(), t.cols(), file.data(t));
    }
}
