package io.hogwild.engine.modelfile;

import io.hogwild.engine.model.Architecture;
import io.hogwild.kernels.ggml.GgmlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code demo} model: a small Qwen3-architecture model with random weights and the real Qwen3
 * tokenizer, generated deterministically on first use so everything runs offline. Its text is
 * meaningless; it exists to exercise the whole engine end to end.
 */
public final class DemoModel {
    /** Bump when the spec or the generator changes, so cached files are regenerated. */
    static final int VERSION = 2;

    public static final ModelSpec SPEC = new ModelSpec(Architecture.QWEN3, 4, 256, 4, 2, 128, 768, 0, "qwen3",
            GgmlType.Q8_0, 20261122L, 8192, 1_000_000.0, true);

    private DemoModel() {}

    /** The demo model file, generated into the cache directory if it is not there yet. */
    public static synchronized Path path() {
        Path dir = cacheDir();
        Path file = dir.resolve("demo-qwen3-v" + VERSION + ".gguf");
        if (Files.isRegularFile(file)) return file;
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "demo-", ".gguf.tmp");
            try {
                ModelFactory.write(SPEC, tmp);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo model under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code $HOGWILD_HOME}, the {@code hogwild.home} property, or ~/.cache/hogwild. */
    public static Path cacheDir() {
        String p = System.getProperty("hogwild.home", System.getenv("HOGWILD_HOME"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "hogwild");
    }
}
