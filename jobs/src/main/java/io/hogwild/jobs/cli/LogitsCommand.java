package io.hogwild.jobs.cli;

import io.hogwild.engine.Model;
import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.model.ForwardRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

    @Override
    public Integer call() throws Exception {
        try (Model model = modelOptions.load(); KvCache cache = model.newCache(1L << 30)) {
            int[] ids = input.tokens != null ? input.tokens : model.encodePrompt(input.prompt);
            if (ids.length == 0) throw new IllegalArgumentException("no tokens to run");
            Fragment f = cache.newFragment();
            float[] logits = null;
            int step = model.transformer().maxBatchTokens();
            for (int pos = 0; pos < ids.length; pos += step) {
                int[] chunk = Arrays.copyOfRange(ids, pos, Math.min(ids.length, pos + step));
                logits = model.transformer().forward(List.of(new ForwardRow(View.of(f), f, chunk)), cache)[0];
            }
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
