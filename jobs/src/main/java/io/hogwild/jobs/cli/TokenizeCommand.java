package io.hogwild.jobs.cli;

import io.hogwild.engine.ModelRef;
import io.hogwild.engine.gguf.GgufFile;
import io.hogwild.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tokenize", description = "Print the token ids of a text as a JSON array.")
final class TokenizeCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file path, or 'demo'")
    String model;

    @Option(names = "--text", required = true)
    String text;

    @Option(names = "--no-special", description = "treat special-token text as plain text")
    boolean noSpecial;

    @Override
    public Integer call() {
        int[] ids = tokenizer(model).encode(text, !noSpecial);
        System.out.println(Arrays.toString(ids).replace(" ", ""));
        return 0;
    }

    /** Loads only the tokenizer from a model file (no weights). */
    static Tokenizer tokenizer(String model) {
        try (GgufFile f = GgufFile.open(ModelRef.resolve(model))) {
            return Tokenizer.fromGgufMetadata(f.metadata());
        }
    }
}
