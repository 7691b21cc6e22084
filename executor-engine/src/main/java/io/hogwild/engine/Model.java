package io.hogwild.engine;

import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.gguf.GgufFile;
import io.hogwild.engine.model.ConfigReader;
import io.hogwild.engine.model.GgufWeights;
import io.hogwild.engine.model.ModelConfig;
import io.hogwild.engine.model.ModelWeights;
import io.hogwild.engine.model.Transformer;
import io.hogwild.engine.tokenizer.Tokenizer;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvType;
import java.nio.file.Path;

/** A loaded model: config, tokenizer and weights resident in a backend, ready to run forward passes. */
public final class Model implements AutoCloseable {
    /** Tokens per KV page: small enough that a short step wastes little, large enough for long runs. */
    public static final int PAGE_SIZE = 64;

    private final Path path;
    private final ModelConfig config;
    private final Tokenizer tokenizer;
    private final Transformer transformer;
    private final long loadNanos;

    private Model(Path path, ModelConfig config, Tokenizer tokenizer, Transformer transformer, long loadNanos) {
        this.path = path;
        this.config = config;
        this.tokenizer = tokenizer;
        this.transformer = transformer;
        this.loadNanos = loadNanos;
    }

    /** Loads a GGUF model into {@code backend}; the file is closed again once the weights are resident. */
    public static Model load(Path path, Backend backend, int maxBatchTokens) {
        long t0 = System.nanoTime();
        Model model;
        try (GgufFile file = GgufFile.open(path)) {
            int vocabRows = file.requireTensor("token_embd.weight").rows();
            float[] ropeFactors = file.tensor("rope_freqs.weight").map(file::readFloats).orElse(null);
            ModelConfig config = ConfigReader.read(file.metadata(), ropeFactors, vocabRows);
            Tokenizer tokenizer = Tokenizer.fromGgufMetadata(file.metadata());
            if (tokenizer.vocabSize() > vocabRows) {
                throw new IllegalArgumentException(path + ": tokenizer has " + tokenizer.vocabSize()
                        + " tokens but the embedding only " + vocabRows + " rows");
            }
            ModelWeights weights = ModelWeights.load(config, new GgufWeights(file), backend);
            Transformer transformer = new Transformer(config, weights, backend, maxBatchTokens);
            model = new Model(path, config, tokenizer, transformer, 0);
        }
        // Backends copy the weights they load, so the file's memory-mapped windows are garbage now. Collect them
        // at once: a mapping is only released when its buffer is collected, and until then every page read
        // during the load counts in this process's resident memory (as much again as the file).
        System.gc();
        return new Model(path, model.config, model.tokenizer, model.transformer, System.nanoTime() - t0);
    }

    /** A model assembled in memory (tests, embedding); {@code path} may be null. */
    public static Model of(Path path, Tokenizer tokenizer, Transformer transformer) {
        return new Model(path, transformer.config(), tokenizer, transformer, 0);
    }

    public Path path() {
        return path;
    }

    public ModelConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Transformer transformer() {
        return transformer;
    }

    public Backend backend() {
        return transformer.backend();
    }

    public long loadNanos() {
        return loadNanos;
    }

    /** Token ids of a prompt, with the BOS token first when the model asks for one. */
    public int[] encodePrompt(String text) {
        int[] ids = tokenizer.encode(text);
        if (!tokenizer.addBos() || tokenizer.bosId() < 0) return ids;
        int[] withBos = new int[ids.length + 1];
        withBos[0] = tokenizer.bosId();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    /** A fresh float32 KV cache of at most {@code budgetBytes}. */
    public KvCache newCache(long budgetBytes) {
        return newCache(budgetBytes, KvType.F32);
    }

    /** A fresh KV cache of at most {@code budgetBytes} storing keys and values as {@code type}. */
    public KvCache newCache(long budgetBytes, KvType type) {
        return new KvCache(backend(), kvLayout(type), budgetBytes);
    }

    /** The shape of this model's KV cache pages with values stored as {@code type}. */
    public KvLayout kvLayout(KvType type) {
        return new KvLayout(config.layers(), config.kvHeads(), config.headDim(), PAGE_SIZE, type);
    }

    /** Bytes of K and V one token takes in a float32 cache. */
    public long kvBytesPerToken() {
        return kvBytesPerToken(KvType.F32);
    }

    /** Bytes of K and V one token takes in a cache of {@code type} (an F16 cache: half of float32). */
    public long kvBytesPerToken(KvType type) {
        return 2L * type.bytes() * config.layers() * config.kvDim();
    }

    @Override
    public void close() {
        transformer.backend().close();
    }
}
