package io.hogwild.engine;

import io.hogwild.engine.modelfile.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a user's model argument into a local file: {@code demo} or a path. */
public final class ModelRef {
    private ModelRef() {}

    public static Path resolve(String model) {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("no model given (a GGUF path or 'demo')");
        if (model.equals("demo")) return DemoModel.path();
        Path p = Path.of(model);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("model file not found: " + model);
        return p;
    }
}
