package io.hogwild.jobs.cli;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.KvCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logits", description = "Write the last position's logits as raw little-endian float32 (to compare with other engines).")
final class LogitsCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = {"-p", "--prompt"}, description = "text, tokenized with the model's tokenizer (BOS added if the model asks)")
        String prompt;

        @Option(names = "--tokens", split = ",", description = "token ids, e.g. 1,2,3")
        int[] tokens;
    }

    @Option(names = {"-o", "--out"}, required = true)
    Path out;

    @Mixin
    KvTypeOption kvType;

    @Override
    public Integer call() throws Exception {
        io.hogwild.kernels.KvType kv = kvType.get();
        try (Model model = modelOptions.load(); KvCache cache = model.newCache(1L << 30, kv)) {
            int[] ids = input.tokens != null ? input.tokens : model.encodePrompt(input.prompt);
            float[] logits = model.transformer().prefill(cache.newFragment(), ids, cache);
            ByteBuffer b = ByteBuffer.allocate(4 * logits.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : logits) b.putFloat(v);
            Files.write(out, b.array());
            int best = 0;
            for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
            System.err.printf("%d logits of %d tokens written to %s (argmax %d)%n", logits.length, ids.length, out, best);
        }
        return 0;
    }
}
