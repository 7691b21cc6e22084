package io.hogwild.jobs.cli;

import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.modelfile.ModelFactory;
import io.hogwild.engine.modelfile.ModelSpec;
import io.hogwild.kernels.ggml.GgmlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "make-model", description = "Write a GGUF model of any shape with deterministic random weights.")
final class MakeModelCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, description = "llama, qwen2 or qwen3")
    String arch;

    @Option(names = "--layers", required = true)
    int layers;

    @Option(names = "--dim", required = true)
    int dim;

    @Option(names = "--heads", required = true)
    int heads;

    @Option(names = "--kv-heads", description = "default: --heads")
    Integer kvHeads;

    @Option(names = "--head-dim", description = "default: dim / heads")
    Integer headDim;

    @Option(names = "--ffn", required = true)
    int ffn;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Vocabulary vocabulary;

    static final class Vocabulary {
        @Option(names = "--vocab-size", description = "byte-level vocabulary of this many tokens")
        Integer size;

        @Option(names = "--tokenizer", description = "an HF tokenizer.json, or 'qwen3' for the bundled Qwen3 tokenizer")
        String tokenizer;
    }

    @Option(names = "--type", defaultValue = "f32", description = "f32, f16, bf16, q8_0, q4_0, q4_k or q6_k")
    String type;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--context", defaultValue = "8192")
    int context;

    @Option(names = "--rope-theta", defaultValue = "1000000")
    double ropeTheta;

    @Option(names = "--tied", description = "tie the output projection to the embedding (default: tied for qwen3)")
    Boolean tied;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() {
        Architecture a = Architecture.fromGguf(arch);
        ModelSpec spec = new ModelSpec(a, layers, dim, heads, kvHeads != null ? kvHeads : heads,
                headDim != null ? headDim : dim / heads, ffn, vocabulary.size != null ? vocabulary.size : 0,
                vocabulary.tokenizer, GgmlType.fromName(type), seed, context, ropeTheta,
                tied != null ? tied : a == Architecture.QWEN3);
        long t0 = System.nanoTime();
        ModelFactory.write(spec, out);
        System.err.printf("wrote %s: %.1f MB in %.1f s%n", out, sizeOf(out) / 1e6, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
